/**
 * A local equirectangular projection around the demo city: kilometres east and north of an origin.
 * Over a region 250 km across the distortion is well under 1 %, plenty for synthetic polygons, and the
 * mapping is affine, so convex shapes stay convex both ways.
 */
import type { Point } from './geometry.js';
import { projectionOrigin } from './zhuzhou-facts.js';

const kmPerDegreeLat = 110.574;
const kmPerDegreeLon = 111.32 * Math.cos((projectionOrigin.lat * Math.PI) / 180);

export function toPlane(lon: number, lat: number): Point {
  return {
    x: (lon - projectionOrigin.lon) * kmPerDegreeLon,
    y: (lat - projectionOrigin.lat) * kmPerDegreeLat,
  };
}

/** Back to [lon, lat], rounded to 6 decimals (about 0.1 m), the precision RFC 7946 §11.2 suggests. */
export function toLonLat(point: Point): [number, number] {
  const lon = projectionOrigin.lon + point.x / kmPerDegreeLon;
  const lat = projectionOrigin.lat + point.y / kmPerDegreeLat;
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}
