import { describe, expect, it } from 'vitest';
import { nationalMobileNumber, normaliseMainlandMobile } from './phone.js';

describe('mainland mobile numbers', () => {
  it('normalises every usual spelling to E.164', () => {
    for (const text of [
      '13812345678',
      '138 1234 5678',
      '138-1234-5678',
      '+86 138 1234 5678',
      '008613812345678',
      '8613812345678',
      '(+86) 13812345678',
    ]) {
      expect(normaliseMainlandMobile(text)).toBe('+8613812345678');
    }
    expect(nationalMobileNumber('+8613812345678')).toBe('13812345678');
  });

  it('refuses landlines, short numbers and numbers outside the mobile ranges', () => {
    for (const text of ['0731-22334455', '1381234567', '12812345678', '+85291234567', '']) {
      expect(normaliseMainlandMobile(text)).toBeNull();
    }
  });
});
