/**
 * Planar geometry for the synthetic map: convex polygons in a local kilometre plane, clipped by
 * half-planes (Sutherland–Hodgman against one edge at a time), with area, centroid and containment.
 */

/** A point in the local plane, kilometres east (x) and north (y) of the projection origin. */
export interface Point {
  x: number;
  y: number;
}

/** A simple polygon as its vertices in counter-clockwise order, first vertex not repeated. */
export type Polygon = Point[];

/** The half-plane a·x + b·y ≤ c. */
export interface HalfPlane {
  a: number;
  b: number;
  c: number;
}

/** Twice the signed area (positive when counter-clockwise). */
function doubleSignedArea(polygon: Polygon): number {
  let sum = 0;
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i]!;
    const q = polygon[(i + 1) % polygon.length]!;
    sum += p.x * q.y - q.x * p.y;
  }
  return sum;
}

export function polygonArea(polygon: Polygon): number {
  return Math.abs(doubleSignedArea(polygon)) / 2;
}

export function isCounterClockwise(polygon: Polygon): boolean {
  return doubleSignedArea(polygon) > 0;
}

/** Centroid of the polygon's area (the standard shoelace formula). */
export function polygonCentroid(polygon: Polygon): Point {
  const twiceArea = doubleSignedArea(polygon);
  if (Math.abs(twiceArea) < 1e-12) {
    const n = polygon.length || 1;
    return { x: polygon.reduce((s, p) => s + p.x, 0) / n, y: polygon.reduce((s, p) => s + p.y, 0) / n };
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i]!;
    const q = polygon[(i + 1) % polygon.length]!;
    const cross = p.x * q.y - q.x * p.y;
    cx += (p.x + q.x) * cross;
    cy += (p.y + q.y) * cross;
  }
  return { x: cx / (3 * twiceArea), y: cy / (3 * twiceArea) };
}

/** Keeps the part of a convex polygon inside the half-plane; the result is convex (possibly empty). */
export function clipByHalfPlane(polygon: Polygon, plane: HalfPlane): Polygon {
  const { a, b, c } = plane;
  const n = polygon.length;
  // Nothing to cut when every vertex is inside (the common case when clipping by far-away seeds).
  let outside = false;
  for (let i = 0; i < n; i++) {
    if (a * polygon[i]!.x + b * polygon[i]!.y - c > 0) {
      outside = true;
      break;
    }
  }
  if (!outside) return polygon;
  const out: Polygon = [];
  for (let i = 0; i < n; i++) {
    const current = polygon[i]!;
    const next = polygon[i + 1 === n ? 0 : i + 1]!;
    const sc = a * current.x + b * current.y - c;
    const sn = a * next.x + b * next.y - c;
    if (sc <= 0) out.push(current);
    if ((sc < 0 && sn > 0) || (sc > 0 && sn < 0)) {
      const t = sc / (sc - sn);
      out.push({ x: current.x + t * (next.x - current.x), y: current.y + t * (next.y - current.y) });
    }
  }
  return removeNearDuplicates(out);
}

/** Drops consecutive vertices closer than `epsilon` km (a metre by default), which clipping can create. */
export function removeNearDuplicates(polygon: Polygon, epsilon = 1e-3): Polygon {
  const limit = epsilon * epsilon;
  const out: Polygon = [];
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i]!;
    const last = out[out.length - 1];
    if (last === undefined || (p.x - last.x) ** 2 + (p.y - last.y) ** 2 > limit) out.push(p);
  }
  while (out.length > 1) {
    const first = out[0]!;
    const last = out[out.length - 1]!;
    if ((first.x - last.x) ** 2 + (first.y - last.y) ** 2 > limit) break;
    out.pop();
  }
  return out;
}

/** Whether a point lies inside a convex counter-clockwise polygon (boundary counts as inside). */
export function convexContains(polygon: Polygon, point: Point, tolerance = 1e-9): boolean {
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i]!;
    const q = polygon[(i + 1) % polygon.length]!;
    const cross = (q.x - p.x) * (point.y - p.y) - (q.y - p.y) * (point.x - p.x);
    if (cross < -tolerance) return false;
  }
  return true;
}

/** Convex hull (Andrew's monotone chain), counter-clockwise. */
export function convexHull(points: readonly Point[]): Polygon {
  const sorted = [...points].sort((p, q) => p.x - q.x || p.y - q.y);
  if (sorted.length < 3) return sorted;
  const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Axis-aligned bounding box. */
export function boundingBox(polygon: Polygon): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of polygon) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return { minX, minY, maxX, maxY };
}
