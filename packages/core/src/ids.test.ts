import { describe, expect, it } from 'vitest';
import { newId, newSecret } from './ids.js';

describe('ids', () => {
  it('are prefixed, 20 characters of the unambiguous alphabet, and distinct across pool refills', () => {
    // 10,000 ids draw 200,000 bytes: about fifty refills of the 4 KiB pool.
    const ids = Array.from({ length: 10_000 }, () => newId('per'));
    for (const id of ids) expect(id).toMatch(/^per_[0-9a-km-np-z]{20}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // No two ids share a long run of characters (a refill that repeated the pool would).
    expect(new Set(ids.map((id) => id.slice(4, 14))).size).toBe(ids.length);
  });

  it('spread over the whole alphabet', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2_000; i++)
      for (const c of newId('x').slice(2)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(34);
    // 40,000 characters over 34 symbols: ~1,176 each, the modulo bias at most 8/7 of that.
    for (const n of counts.values()) expect(n).toBeGreaterThan(900);
  });

  it('secrets are 32 fresh bytes each', () => {
    const a = newSecret('key');
    expect(a).toMatch(/^key_[A-Za-z0-9_-]{43}$/);
    expect(newSecret('key')).not.toBe(a);
  });
});
