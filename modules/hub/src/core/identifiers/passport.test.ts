import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countryAlpha3, iso3166EntryCount } from './countries.js';
import { normalisePassport, passportValue } from './passport.js';

describe('passport identifiers', () => {
  it('knows every officially assigned ISO 3166-1 entry', () => {
    expect(iso3166EntryCount).toBe(249);
    expect(countryAlpha3('cn')).toBe('CHN');
    expect(countryAlpha3('HKG')).toBe('HKG');
    expect(countryAlpha3('D')).toBe('DEU');
    expect(countryAlpha3('ZZ')).toBeNull();
  });

  it('normalises the usual spellings to COUNTRY:NUMBER with an alpha-3 country', () => {
    expect(passportValue('CHN:E12345678')).toBe('CHN:E12345678');
    expect(passportValue('cn e1234 5678')).toBe('CHN:E12345678');
    expect(passportValue('us-123-456-789')).toBe('USA:123456789');
    expect(passportValue('e12345678', 'CN')).toBe('CHN:E12345678');
  });

  it('says why a passport cannot be normalised', () => {
    expect(normalisePassport('E12345678')).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/COUNTRY:NUMBER/),
    });
    expect(normalisePassport('QQQ:E12345678')).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/QQQ/),
    });
    expect(normalisePassport('CHN:E1')).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/5 to 20/),
    });
  });

  it('is idempotent', () => {
    const number = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789 -'),
      minLength: 5,
      maxLength: 14,
    });
    fc.assert(
      fc.property(fc.constantFrom('CN', 'chn', 'GB', 'usa', 'D', 'JP'), number, (country, raw) => {
        const once = passportValue(raw, country);
        if (once !== null) expect(passportValue(once)).toBe(once);
      }),
    );
  });
});
