/**
 * The areas indicator series are kept for: the city, its districts and its streets (GB/T 2260 and NBS
 * codes from `@shuzhi/geo`). A count recorded in a community or grid is kept under its street; every count
 * also adds to the district and city above it, so each level's series is the sum of what lies below.
 */
import { findArea, type Area } from '@shuzhi/geo';

export const seriesLevels = ['city', 'district', 'street'] as const;
export type SeriesLevel = (typeof seriesLevels)[number];

export interface SeriesArea {
  code: string;
  level: SeriesLevel;
}

/** Hub records may carry a 9-digit street code (GB/T 2260 style); the NBS code appends `000`. */
export function canonicalAreaCode(code: string): string {
  return code.length === 9 && /^\d{9}$/.test(code) ? `${code}000` : code;
}

function isSeriesLevel(level: string): level is SeriesLevel {
  return (seriesLevels as readonly string[]).includes(level);
}

/**
 * Where a count recorded in `code` is kept: the deepest series area at or above it (`leaf`) and the
 * series areas above that (`above`, nearest first). Null when the code is not an area of the city.
 */
export function seriesAreasOf(code: string): { leaf: SeriesArea; above: SeriesArea[] } | null {
  let area: Area | undefined = findArea(canonicalAreaCode(code));
  const chain: SeriesArea[] = [];
  while (area) {
    if (isSeriesLevel(area.level)) chain.push({ code: area.code, level: area.level });
    area = area.parentCode === null ? undefined : findArea(area.parentCode);
  }
  const [leaf, ...above] = chain;
  return leaf ? { leaf, above } : null;
}

/** The series level of an area the caller names (a city, district or street), or null. */
export function seriesLevelOf(code: string): SeriesLevel | null {
  const area = findArea(code);
  return area && isSeriesLevel(area.level) ? area.level : null;
}
