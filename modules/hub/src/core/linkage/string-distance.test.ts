import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { differsInOnePosition, osaDistance } from './string-distance.js';

/** Textbook optimal-string-alignment distance, without early exit, as the reference. */
function referenceOsa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const shortText = fc.string({ unit: fc.constantFrom(...'abcz张章'), maxLength: 9 });

describe('optimal string alignment distance', () => {
  it('counts substitutions, insertions, deletions and adjacent transpositions', () => {
    expect(osaDistance('19850312', '19850321')).toBe(1);
    expect(osaDistance('13812345678', '13812345679')).toBe(1);
    expect(osaDistance('zhangwei', 'zhangwe')).toBe(1);
    expect(osaDistance('ca', 'abc')).toBe(3); // OSA edits each substring once (Damerau would give 2)
  });

  it('agrees with the textbook recurrence', () => {
    fc.assert(
      fc.property(shortText, shortText, (a, b) => {
        expect(osaDistance(a, b)).toBe(referenceOsa(a, b));
      }),
    );
  });

  it('is symmetric, and with a limit returns the distance or limit + 1', () => {
    fc.assert(
      fc.property(shortText, shortText, fc.integer({ min: 0, max: 4 }), (a, b, limit) => {
        expect(osaDistance(a, b)).toBe(osaDistance(b, a));
        expect(osaDistance(a, b, limit)).toBe(Math.min(referenceOsa(a, b), limit + 1));
      }),
    );
  });

  it('tells one differing position apart from other differences', () => {
    expect(differsInOnePosition('张小明', '张晓明')).toBe(true);
    expect(differsInOnePosition('张小明', '张小明')).toBe(false);
    expect(differsInOnePosition('张小明', '张明')).toBe(false);
  });
});
