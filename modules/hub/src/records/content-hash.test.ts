import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, sameContent } from './content-hash.js';

/** The same object with its keys inserted in another order, at every level. */
function reordered(value: unknown, flip: boolean): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => reordered(v, flip));
  const keys = Object.keys(value);
  const out: Record<string, unknown> = {};
  for (const key of flip ? keys.reverse() : keys)
    out[key] = reordered((value as Record<string, unknown>)[key], flip);
  return out;
}

describe('content hashes', () => {
  it('treat content with reordered keys as the same, and different content as different', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameContent(a, reordered(a, true))).toBe(true);
        expect(canonicalJson(a) === canonicalJson(b)).toBe(sameContent(a, b));
      }),
    );
  });

  it('hash the same JSON alike and a changed value differently', () => {
    const resource = { resourceType: 'Observation', status: 'final', valueString: 'negative' };
    expect(contentHash(resource)).toBe(contentHash({ ...resource }));
    expect(contentHash(resource)).not.toBe(contentHash({ ...resource, valueString: 'positive' }));
    expect(contentHash(resource)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
