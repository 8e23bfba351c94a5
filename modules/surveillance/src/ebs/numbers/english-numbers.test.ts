import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEnglishNumber } from './english-numbers.js';

/** An independent writer of English number words (British style: "one hundred and five"). */
function writeEnglish(n: number): string {
  const ones = [
    'zero',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
    'thirteen',
    'fourteen',
    'fifteen',
    'sixteen',
    'seventeen',
    'eighteen',
    'nineteen',
  ];
  const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
  const belowHundred = (v: number): string =>
    v < 20 ? (ones[v] ?? '') : `${tens[Math.floor(v / 10)] ?? ''}${v % 10 ? `-${ones[v % 10] ?? ''}` : ''}`;
  const belowThousand = (v: number): string => {
    const hundreds = Math.floor(v / 100);
    const rest = v % 100;
    if (hundreds === 0) return belowHundred(rest);
    return `${ones[hundreds] ?? ''} hundred${rest ? ` and ${belowHundred(rest)}` : ''}`;
  };
  if (n === 0) return 'zero';
  const parts: string[] = [];
  for (const [scale, word] of [
    [1e9, 'billion'],
    [1e6, 'million'],
    [1e3, 'thousand'],
  ] as const) {
    const chunk = Math.floor(n / scale) % 1000;
    if (chunk) parts.push(`${belowThousand(chunk)} ${word}`);
  }
  if (n % 1000) parts.push(belowThousand(n % 1000));
  return parts.join(' ');
}

describe('English numbers', () => {
  it.each([
    ['twenty-one', 21],
    ['one hundred and five', 105],
    ['1.2 million', 1_200_000],
    ['3,400', 3400],
    ['a dozen', 12],
    ['Fifty-six', 56],
    ['a hundred', 100],
    ['two thousand three hundred', 2300],
  ])('reads %s as %d', (text, value) => {
    expect(parseEnglishNumber(text)).toBe(value);
  });

  it('rejects words that are not numbers', () => {
    expect(parseEnglishNumber('several')).toBeNull();
    expect(parseEnglishNumber('a')).toBeNull();
    expect(parseEnglishNumber('hundred cases')).toBeNull();
  });

  it('reads back every number it is written as, up to a trillion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
        expect(parseEnglishNumber(writeEnglish(n))).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads digits with thousands separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (n) => {
        expect(parseEnglishNumber(n.toLocaleString('en-US'))).toBe(n);
      }),
    );
  });
});
