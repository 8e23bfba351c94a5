import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConstrainedUnionFind } from './constrained-union-find.js';

describe('union–find with resident-ID constraints', () => {
  it('joins sets and refuses to join two different identities', () => {
    const sets = new ConstrainedUnionFind(Int32Array.from([0, -1, 1, -1]));
    expect(sets.union(0, 1)).toBe(true);
    expect(sets.union(2, 3)).toBe(true);
    expect(sets.conflicts(1, 3)).toBe(true);
    expect(sets.union(1, 3)).toBe(false);
    expect(sets.find(0)).toBe(sets.find(1));
    expect(sets.find(0)).not.toBe(sets.find(2));
  });

  it('never holds two identities in one set, whatever the order of unions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 2, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 60 }),
        (identities, unions) => {
          const sets = new ConstrainedUnionFind(Int32Array.from(identities));
          for (const [a, b] of unions) sets.union(a % identities.length, b % identities.length);
          const identityOfRoot = new Map<number, number>();
          identities.forEach((identity, element) => {
            if (identity < 0) return;
            const root = sets.find(element);
            expect(identityOfRoot.get(root) ?? identity).toBe(identity);
            identityOfRoot.set(root, identity);
          });
        },
      ),
    );
  });
});
