import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkResidentId,
  composeResidentId,
  residentIdCheckCharacter,
  validResidentId,
} from './resident-id.js';

// The two worked examples printed in GB 11643-1999 (Appendix A).
const beijingExample = '11010519491231002X';
const shantouExample = '440524188001010014';

describe('resident ID numbers (GB 11643-1999)', () => {
  it('accepts the standard’s worked examples and reads birth date and sex from them', () => {
    expect(checkResidentId(beijingExample)).toMatchObject({
      valid: true,
      areaCode: '110105',
      areaKnown: true,
      birthDate: '1949-12-31',
      sex: 'female',
      sequence: '002',
    });
    expect(checkResidentId(shantouExample)).toMatchObject({
      valid: true,
      birthDate: '1880-01-01',
      sex: 'male',
    });
  });

  it('keeps numbers issued under a retired county code but says the code is not current', () => {
    // 440524 (Chaoyang County, Shantou) was replaced by 440513; its residents keep their numbers.
    expect(checkResidentId(shantouExample)).toMatchObject({ valid: true, areaKnown: false });
    expect(checkResidentId(shantouExample, { requireCurrentArea: true })).toMatchObject({
      valid: false,
      problem: 'area',
    });
  });

  it('accepts a lower-case x and spaces', () => {
    expect(validResidentId('110105 19491231 002x')).toBe(beijingExample);
  });

  it('names the part that is wrong', () => {
    expect(checkResidentId('11010519491231002')).toMatchObject({ problem: 'length' });
    expect(checkResidentId('110105194912310021')).toMatchObject({ problem: 'check-digit' });
    expect(checkResidentId('1101051949123100X2')).toMatchObject({ problem: 'characters' });
    expect(checkResidentId(composeLike('990105', '19491231'))).toMatchObject({ problem: 'area' });
    expect(checkResidentId(composeLike('110105', '19490230'))).toMatchObject({ problem: 'birth-date' });
    expect(checkResidentId(beijingExample, { today: '1949-12-30' })).toMatchObject({ problem: 'birth-date' });
    const check = checkResidentId('110105194912310021');
    expect(check.valid ? '' : check.reason).toBe('check character is 1, expected X');
  });

  it('points a 15-digit first-generation number to its upgrade', () => {
    const check = checkResidentId('110105491231002');
    expect(check.valid ? '' : check.reason).toMatch(/15-digit/);
  });

  const digits = (n: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  const birthDate = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2024-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const validId = fc
    .tuple(fc.constantFrom('110105', '430202', '430211', '440524', '820000'), birthDate, digits(3))
    .map(([area, date, seq]) => composeResidentId(area, date, seq));

  it('detects every single-character substitution (ISO 7064 MOD 11-2 property)', () => {
    fc.assert(
      fc.property(
        validId,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (id, at, shift) => {
          const alphabet = '0123456789X';
          const current = alphabet.indexOf(id[at]!);
          const replaced = alphabet[(current + shift) % 11]!;
          if (at < 17 && replaced === 'X') return; // not a digit position; rejected as characters anyway
          const typo = id.slice(0, at) + replaced + id.slice(at + 1);
          expect(checkResidentId(typo).valid).toBe(false);
        },
      ),
    );
  });

  it('detects every transposition of two different adjacent characters', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 16 }), (id, at) => {
        if (id[at] === id[at + 1]) return;
        const swapped = id.slice(0, at) + id[at + 1]! + id[at]! + id.slice(at + 2);
        expect(checkResidentId(swapped).valid).toBe(false);
      }),
    );
  });

  it('reads back the birth date and sex a number was composed with', () => {
    fc.assert(
      fc.property(birthDate, digits(3), (date, seq) => {
        const check = checkResidentId(composeResidentId('430211', date, seq));
        expect(check).toMatchObject({ valid: true, birthDate: date });
        expect(check.valid && check.sex).toBe(Number(seq[2]) % 2 === 1 ? 'male' : 'female');
      }),
    );
  });

  it('computes the check character from the weighted sum', () => {
    // 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 167; 167 mod 11 = 2 → X
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
  });
});

function composeLike(area: string, yyyymmdd: string): string {
  const first17 = `${area}${yyyymmdd}002`;
  return first17 + residentIdCheckCharacter(first17);
}
