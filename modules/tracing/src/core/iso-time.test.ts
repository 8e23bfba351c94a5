// The fast ISO formatter must print exactly what Date.prototype.toISOString prints.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoUtcFormatter } from './iso-time.js';

describe('ISO 8601 UTC formatting', () => {
  it('matches Date.prototype.toISOString for any instant, including outside years 0000–9999', () => {
    const iso = isoUtcFormatter();
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(iso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
    for (const ms of [0, 951_782_400_000, 253_402_300_799_999, 253_402_300_800_000, -1, 1_649_548_799_999]) {
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
