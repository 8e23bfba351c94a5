/**
 * Lookups over the demo city's areas: the flat list, one area by code, children, ancestors and
 * containment. The city is built once, on first use (about a second), and shared afterwards.
 */
import { AppError } from '@shuzhi/core';
import type { Area, AreaGeometry, AreaLevel, LonLat } from './area.js';
import { buildCityLayout, type CityLayout } from './city-layout.js';

interface AreaIndex extends CityLayout {
  byCode: Map<string, Area>;
  children: Map<string, Area[]>;
}

let index: AreaIndex | undefined;

function areaIndex(): AreaIndex {
  if (index) return index;
  const layout = buildCityLayout();
  const byCode = new Map(layout.areas.map((a) => [a.code, a]));
  const children = new Map<string, Area[]>();
  for (const area of layout.areas) {
    if (area.parentCode === null) continue;
    const siblings = children.get(area.parentCode) ?? [];
    siblings.push(area);
    children.set(area.parentCode, siblings);
  }
  index = { ...layout, byCode, children };
  return index;
}

/** Every area of the demo city, parents before children, siblings in code order. */
export function listAreas(level?: AreaLevel): Area[] {
  const areas = areaIndex().areas;
  return level ? areas.filter((a) => a.level === level) : [...areas];
}

/** The area with this code, or undefined. */
export function findArea(code: string): Area | undefined {
  return areaIndex().byCode.get(code);
}

/** The area with this code; throws `not_found` when there is none. */
export function getArea(code: string): Area {
  const area = findArea(code);
  if (!area) throw new AppError('not_found', `area ${code} not found`);
  return area;
}

/** The areas directly below this one (empty for a grid). */
export function childrenOf(code: string): Area[] {
  getArea(code);
  return [...(areaIndex().children.get(code) ?? [])];
}

/** The chain of enclosing areas, nearest first: a grid's community, street, district, city, province. */
export function ancestorsOf(code: string): Area[] {
  const chain: Area[] = [];
  let parent = getArea(code).parentCode;
  while (parent !== null) {
    const area = getArea(parent);
    chain.push(area);
    parent = area.parentCode;
  }
  return chain;
}

/** Whether `code` is `ancestorCode` or lies inside it (false when either code is unknown). */
export function isWithin(code: string, ancestorCode: string): boolean {
  let current = findArea(code);
  while (current) {
    if (current.code === ancestorCode) return true;
    current = current.parentCode === null ? undefined : findArea(current.parentCode);
  }
  return false;
}

/** The nearest enclosing area (or the area itself) at `level`, e.g. the district of a grid. */
export function ancestorAt(code: string, level: AreaLevel): Area | undefined {
  const area = getArea(code);
  if (area.level === level) return area;
  return ancestorsOf(code).find((a) => a.level === level);
}

/** The synthetic polygon, centroid and size of an area. */
export function areaGeometry(code: string): AreaGeometry {
  const geometry = areaIndex().geometry.get(code);
  if (!geometry) throw new AppError('not_found', `area ${code} not found`);
  return geometry;
}

/**
 * Residents of an area: the 2020 census count for districts (and their sum above), a deterministic
 * synthetic split below. The simulator uses these as weights to place homes.
 */
export function areaPopulation(code: string): number {
  const residents = areaIndex().population.get(code);
  if (residents === undefined) throw new AppError('not_found', `area ${code} not found`);
  return residents;
}

/** Whether a [lon, lat] position lies inside the area's (convex) polygon, boundary included. */
export function areaContains(code: string, position: LonLat): boolean {
  const ring = areaGeometry(code).ring;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    const cross = (x2 - x1) * (position[1] - y1) - (y2 - y1) * (position[0] - x1);
    if (cross < -1e-12) return false;
  }
  return true;
}
