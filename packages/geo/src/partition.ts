/**
 * Splits a convex polygon into convex cells, one per seed, that tile it exactly: a power diagram
 * (weighted Voronoi diagram, Aurenhammer 1987) whose weights are tuned so each cell gets its target
 * share of the area, optionally with Lloyd relaxation (seeds move towards their cell's centroid) for
 * rounder shapes. Every cell is the parent clipped by half-planes, hence convex and simple.
 */
import { clipByHalfPlane, polygonArea, polygonCentroid, type Point, type Polygon } from './geometry.js';

export interface PartitionOptions {
  /** Wanted share of the parent's area for each seed (any positive numbers; normalised). Default equal. */
  targetShares?: readonly number[];
  /** Lloyd steps that move seeds towards their cell centroids (0 keeps seeds where they are). */
  lloydIterations?: number;
  /** Weight-tuning steps towards the target areas (default 60 with target shares, none without). */
  weightIterations?: number;
}

/** The cell of seed `index` in the power diagram of `seeds` with `weights`, clipped to `parent`. */
function powerCell(
  parent: Polygon,
  seeds: readonly Point[],
  weights: readonly number[],
  index: number,
): Polygon {
  const p = seeds[index]!;
  const wi = weights[index]!;
  let cell = parent;
  for (let j = 0; j < seeds.length && cell.length > 0; j++) {
    if (j === index) continue;
    const q = seeds[j]!;
    // |x−p|² − wᵢ ≤ |x−q|² − wⱼ  ⇔  2(q−p)·x ≤ |q|² − |p|² + wᵢ − wⱼ
    cell = clipByHalfPlane(cell, {
      a: 2 * (q.x - p.x),
      b: 2 * (q.y - p.y),
      c: q.x * q.x + q.y * q.y - p.x * p.x - p.y * p.y + wi - weights[j]!,
    });
  }
  return cell.length >= 3 ? cell : [];
}

function powerDiagram(parent: Polygon, seeds: readonly Point[], weights: readonly number[]): Polygon[] {
  return seeds.map((_, i) => powerCell(parent, seeds, weights, i));
}

/**
 * How fast cell i's area grows with its weight: Σⱼ lᵢⱼ / (2·dᵢⱼ) over the edges it shares with cells j
 * (edge length lᵢⱼ, seed distance dᵢⱼ) — the derivative of a power cell's area with respect to its weight.
 */
function areaGrowthRate(
  cell: Polygon,
  seeds: readonly Point[],
  weights: readonly number[],
  index: number,
): number {
  const p = seeds[index]!;
  let rate = 0;
  for (let e = 0; e < cell.length; e++) {
    const u = cell[e]!;
    const v = cell[(e + 1) % cell.length]!;
    for (let j = 0; j < seeds.length; j++) {
      if (j === index) continue;
      const q = seeds[j]!;
      const a = 2 * (q.x - p.x);
      const b = 2 * (q.y - p.y);
      const c = q.x * q.x + q.y * q.y - p.x * p.x - p.y * p.y + weights[index]! - weights[j]!;
      const tolerance = 1e-7 * (Math.abs(a) + Math.abs(b) + Math.abs(c) + 1);
      if (Math.abs(a * u.x + b * u.y - c) < tolerance && Math.abs(a * v.x + b * v.y - c) < tolerance) {
        rate += Math.hypot(v.x - u.x, v.y - u.y) / (2 * Math.hypot(q.x - p.x, q.y - p.y));
        break;
      }
    }
  }
  return rate;
}

/**
 * Partitions `parent` (convex, counter-clockwise) among `seeds` (distinct, inside `parent`). Returns one
 * non-empty convex cell per seed, in seed order.
 */
export function partitionConvexPolygon(
  parent: Polygon,
  initialSeeds: readonly Point[],
  options: PartitionOptions = {},
): Polygon[] {
  const n = initialSeeds.length;
  if (n === 0) return [];
  if (n === 1) return [parent];
  const seeds = initialSeeds.map((s) => ({ ...s }));
  const total = polygonArea(parent);
  const shares = options.targetShares ?? seeds.map(() => 1);
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const targets = shares.map((s) => (s / shareSum) * total);
  const weights = seeds.map(() => 0);
  const lloyd = options.lloydIterations ?? 0;
  const iterations = Math.max(options.weightIterations ?? (options.targetShares ? 60 : 0), lloyd);

  for (let iteration = 0; iteration < iterations; iteration++) {
    const cells = powerDiagram(parent, seeds, weights);
    if (iteration < lloyd) {
      cells.forEach((cell, i) => {
        if (cell.length === 0) return;
        const c = polygonCentroid(cell);
        seeds[i] = { x: (seeds[i]!.x + c.x) / 2, y: (seeds[i]!.y + c.y) / 2 };
      });
    }
    // Converged: every cell within 0.5 % of its target (and the Lloyd steps done).
    if (iteration >= lloyd && options.targetShares) {
      let worst = 0;
      cells.forEach((cell, i) => {
        worst = Math.max(
          worst,
          Math.abs((cell.length === 0 ? 0 : polygonArea(cell)) - targets[i]!) / targets[i]!,
        );
      });
      if (worst < 0.005) break;
    }
    // A damped Newton step per cell towards its target area. An emptied cell gets the smallest weight
    // that puts its own seed back inside it: wᵢ ≥ maxⱼ (wⱼ − |pᵢ − pⱼ|²).
    const next = weights.slice();
    cells.forEach((cell, i) => {
      const rate = cell.length === 0 ? 0 : areaGrowthRate(cell, seeds, weights, i);
      if (rate > 0) {
        next[i] = weights[i]! + (0.5 * (targets[i]! - polygonArea(cell))) / rate;
      } else if (cell.length === 0) {
        let needed = -Infinity;
        seeds.forEach((q, j) => {
          if (j !== i)
            needed = Math.max(needed, weights[j]! - ((q.x - seeds[i]!.x) ** 2 + (q.y - seeds[i]!.y) ** 2));
        });
        next[i] = needed + 1e-6;
      }
    });
    next.forEach((w, i) => (weights[i] = w));
  }
  const result = powerDiagram(parent, seeds, weights);
  return result.every((cell) => cell.length > 0)
    ? result
    : powerDiagram(
        parent,
        seeds,
        seeds.map(() => 0),
      );
}
