// The radix sort the index is built with: a stable sort of positions by unsigned 32-bit keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identityOrder, lowerBound, sortPositionsByKey, upperBound } from './radix-sort.js';

describe('radix sort of positions', () => {
  it('orders positions by key and keeps equal keys in their previous order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2 ** 32 - 1 })), {
          maxLength: 300,
        }),
        (values) => {
          const keys = Uint32Array.from(values);
          const sorted = sortPositionsByKey(keys, identityOrder(keys.length), new Uint32Array(keys.length));
          const expected = Array.from(keys.keys()).sort((a, b) => keys[a]! - keys[b]! || a - b);
          expect(Array.from(sorted)).toEqual(expected);
        },
      ),
    );
  });

  it('finds the first position not below (lower bound) and above (upper bound) a value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 })),
        fc.integer({ min: -1, max: 21 }),
        (values, value) => {
          const sorted = [...values].sort((a, b) => a - b);
          expect(lowerBound(sorted, 0, sorted.length, value)).toBe(sorted.filter((v) => v < value).length);
          expect(upperBound(sorted, 0, sorted.length, value)).toBe(sorted.filter((v) => v <= value).length);
        },
      ),
    );
  });
});
