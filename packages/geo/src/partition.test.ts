import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clipByHalfPlane,
  convexContains,
  convexHull,
  isCounterClockwise,
  polygonArea,
  type Point,
} from './geometry.js';
import { partitionConvexPolygon } from './partition.js';

const point = fc.record({
  x: fc.double({ min: -50, max: 50, noNaN: true }),
  y: fc.double({ min: -50, max: 50, noNaN: true }),
});
/** A convex polygon of reasonable size: the hull of random points. */
const convexPolygon = fc
  .array(point, { minLength: 3, maxLength: 12 })
  .map((points) => convexHull(points))
  .filter((hull) => hull.length >= 3 && polygonArea(hull) > 50);

/** Seeds inside the polygon: convex combinations of its vertices. */
function seedsInside(polygon: Point[], weights: number[][]): Point[] {
  return weights.map((w) => {
    const total = w.reduce((a, b) => a + b, 0);
    return polygon.reduce(
      (acc, p, i) => ({
        x: acc.x + (p.x * (w[i % w.length] ?? 0)) / total,
        y: acc.y + (p.y * (w[i % w.length] ?? 0)) / total,
      }),
      { x: 0, y: 0 },
    );
  });
}

const seedWeights = fc.array(
  fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }),
  {
    minLength: 2,
    maxLength: 12,
  },
);

describe('half-plane clipping', () => {
  it('keeps a convex polygon convex and inside the half-plane', () => {
    fc.assert(
      fc.property(
        convexPolygon,
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -20, max: 20, noNaN: true }),
        (polygon, a, b, c) => {
          fc.pre(Math.hypot(a, b) > 0.1);
          const clipped = clipByHalfPlane(polygon, { a, b, c });
          if (clipped.length < 3) return;
          expect(polygonArea(clipped)).toBeLessThanOrEqual(polygonArea(polygon) + 1e-6);
          for (const p of clipped) expect(a * p.x + b * p.y - c).toBeLessThan(1e-6);
          expect(convexHull(clipped).length).toBeGreaterThanOrEqual(3);
        },
      ),
    );
  });
});

describe('partitioning a convex polygon', () => {
  it('gives every seed a non-empty convex cell inside the parent, and the cells tile the parent', () => {
    fc.assert(
      fc.property(convexPolygon, seedWeights, fc.integer({ min: 0, max: 3 }), (parent, weights, lloyd) => {
        const seeds = seedsInside(parent, weights);
        fc.pre(
          seeds.every((s, i) => seeds.every((t, j) => i === j || Math.hypot(s.x - t.x, s.y - t.y) > 0.5)),
        );
        const cells = partitionConvexPolygon(parent, seeds, { lloydIterations: lloyd });
        expect(cells).toHaveLength(seeds.length);
        let total = 0;
        for (const cell of cells) {
          expect(cell.length).toBeGreaterThanOrEqual(3);
          expect(isCounterClockwise(cell)).toBe(true);
          for (const p of cell) expect(convexContains(parent, p, 1e-6)).toBe(true);
          total += polygonArea(cell);
        }
        expect(total / polygonArea(parent)).toBeCloseTo(1, 4);
      }),
      { numRuns: 60 },
    );
  });

  it('sizes the cells to their target shares', () => {
    const square = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ];
    const seeds = [
      { x: 2, y: 2 },
      { x: 3, y: 3 },
      { x: 8, y: 7 },
      { x: 5, y: 9 },
    ];
    const shares = [1, 2, 3, 4];
    const cells = partitionConvexPolygon(square, seeds, { targetShares: shares, weightIterations: 200 });
    cells.forEach((cell, i) => expect(polygonArea(cell)).toBeCloseTo((shares[i]! / 10) * 100, 0));
  });
});
