import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChineseNumber } from './chinese-numerals.js';

/** An independent writer of standard Chinese numerals (零 between gaps, 十 without 一 at the start). */
function writeChinese(n: number): string {
  const digits = '零一二三四五六七八九';
  const units = ['', '十', '百', '千'];
  const section = (value: number): string => {
    let out = '';
    let zero = false;
    for (let position = 3; position >= 0; position -= 1) {
      const digit = Math.floor(value / 10 ** position) % 10;
      if (digit === 0) {
        if (out !== '') zero = true;
        continue;
      }
      if (zero) out += '零';
      zero = false;
      out += digits[digit] + (units[position] ?? '');
    }
    return out;
  };
  if (n === 0) return '零';
  const parts: [number, string][] = [
    [Math.floor(n / 1e8), '亿'],
    [Math.floor(n / 1e4) % 1e4, '万'],
    [n % 1e4, ''],
  ];
  let out = '';
  let needZero = false;
  for (const [value, unit] of parts) {
    if (value === 0) {
      if (out !== '') needZero = true;
      continue;
    }
    if (out !== '' && (needZero || value < 1000)) out += '零';
    needZero = false;
    out += section(value) + unit;
  }
  return out.startsWith('一十') ? out.slice(1) : out;
}

describe('Chinese numerals', () => {
  it.each([
    ['十三', 13],
    ['二十一', 21],
    ['一百零五', 105],
    ['两', 2],
    ['两千三百', 2300],
    ['1.2万', 12_000],
    ['3千', 3000],
    ['1.56万', 15_600],
    ['12万5000', 125_000],
    ['三亿五千万', 350_000_000],
    ['1,862', 1862],
    ['二〇二四', 2024],
  ])('reads %s as %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it('reads the colloquial elision: a digit after a unit counts in the next lower unit', () => {
    expect(parseChineseNumber('一百五')).toBe(150);
    expect(parseChineseNumber('两千三')).toBe(2300);
    expect(parseChineseNumber('三万五')).toBe(35_000);
    // With 零 the digit is ones again.
    expect(parseChineseNumber('两万零五')).toBe(20_005);
  });

  it('rejects what is not a number', () => {
    expect(parseChineseNumber('病例')).toBeNull();
    expect(parseChineseNumber('')).toBeNull();
    expect(parseChineseNumber('三四')).toBe(34); // positional digits, as in years
  });

  it('reads back every number written in standard form up to a trillion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
        expect(parseChineseNumber(writeChinese(n))).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads Arabic digits with 万 and 亿 to the same value as the integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 9999 }), (wan, rest) => {
        expect(parseChineseNumber(`${wan}万${rest === 0 ? '' : String(rest).padStart(4, '0')}`)).toBe(
          wan * 1e4 + rest,
        );
      }),
    );
  });
});
