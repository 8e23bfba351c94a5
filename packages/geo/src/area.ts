/** The administrative hierarchy of the demo city: levels, areas and their geometry. */

/** Province → city → district (区/县/县级市) → street (街道/镇/乡) → community (社区/村) → grid (网格). */
export const areaLevels = ['province', 'city', 'district', 'street', 'community', 'grid'] as const;
export type AreaLevel = (typeof areaLevels)[number];

export interface Area {
  /**
   * GB/T 2260 code for province (2 digits, `43`), city (4, `4302`) and district (6, `430202`); the
   * National Bureau of Statistics' 12-digit statistical code for streets (`430202001000`); synthetic
   * 12-digit codes for communities (`430202001001`) and 15-digit codes for grids (`430202001001001`).
   */
  code: string;
  /** Chinese name (`荷塘区`). */
  name: string;
  /** English name from Hanyu Pinyin (`Hetang District`). */
  nameEn: string;
  level: AreaLevel;
  /** Code of the enclosing area; null for the province. */
  parentCode: string | null;
}

/** A longitude/latitude pair as GeoJSON orders it (RFC 7946 §3.1.1). */
export type LonLat = [number, number];

export interface AreaGeometry {
  /** Outer ring, counter-clockwise, closed (first position repeated last), RFC 7946 §3.1.6. */
  ring: LonLat[];
  /** Centroid of the polygon's area; inside it, since every synthetic polygon is convex. */
  centroid: LonLat;
  /** Area in square kilometres. */
  areaKm2: number;
}
