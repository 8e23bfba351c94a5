/**
 * The demo city's areas as the simulator indexes them: dense arrays of districts, streets, communities and
 * grids (from @shuzhi/geo) with parent indices, so hot loops work on integers instead of code strings.
 */
import { areaContains, areaGeometry, areaPopulation, listAreas, type Area } from '@shuzhi/geo';

export interface CityAreas {
  districts: Area[];
  streets: Area[];
  communities: Area[];
  grids: Area[];
  streetDistrict: Int32Array;
  communityStreet: Int32Array;
  gridCommunity: Int32Array;
  /** Residents per grid in the real city (census split); weights for placing homes. */
  gridResidents: Float64Array;
  streetResidents: Float64Array;
  districtResidents: Float64Array;
  /** Whether a street is a 街道 (urban sub-district) rather than a town or township. */
  streetIsUrban: Uint8Array;
  /** Whether a community is a residents' committee (社区) rather than a village (村). */
  communityIsUrban: Uint8Array;
  districtIndex: Map<string, number>;
  streetIndex: Map<string, number>;
  communityIndex: Map<string, number>;
  gridIndex: Map<string, number>;
  /** Urban core districts (市辖区 in the built-up area) where commuters cross district lines. */
  coreDistricts: number[];
}

/** The four districts of the built-up city; Lukou became a district in 2018 but is still rural. */
const coreDistrictCodes = ['430202', '430203', '430204', '430211'];

export function indexCityAreas(): CityAreas {
  const districts = listAreas('district');
  const streets = listAreas('street');
  const communities = listAreas('community');
  const grids = listAreas('grid');
  const indexOf = (areas: Area[]) => new Map(areas.map((a, i) => [a.code, i]));
  const districtIndex = indexOf(districts);
  const streetIndex = indexOf(streets);
  const communityIndex = indexOf(communities);
  const gridIndex = indexOf(grids);
  const parents = (areas: Area[], index: Map<string, number>) =>
    Int32Array.from(areas, (a) => index.get(a.parentCode ?? '') ?? -1);
  return {
    districts,
    streets,
    communities,
    grids,
    streetDistrict: parents(streets, districtIndex),
    communityStreet: parents(communities, streetIndex),
    gridCommunity: parents(grids, communityIndex),
    gridResidents: Float64Array.from(grids, (g) => areaPopulation(g.code)),
    streetResidents: Float64Array.from(streets, (s) => areaPopulation(s.code)),
    districtResidents: Float64Array.from(districts, (d) => areaPopulation(d.code)),
    streetIsUrban: Uint8Array.from(streets, (s) => (s.name.endsWith('街道') ? 1 : 0)),
    communityIsUrban: Uint8Array.from(communities, (c) => (c.name.endsWith('社区') ? 1 : 0)),
    districtIndex,
    streetIndex,
    communityIndex,
    gridIndex,
    coreDistricts: coreDistrictCodes.map((code) => districtIndex.get(code)!).filter((i) => i !== undefined),
  };
}

/** A uniformly random [lon, lat] inside an area's convex polygon. */
export function randomPositionIn(code: string, next: () => number): [number, number] {
  const { ring, centroid } = areaGeometry(code);
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of ring) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  for (let attempt = 0; attempt < 200; attempt++) {
    const lon = minLon + next() * (maxLon - minLon);
    const lat = minLat + next() * (maxLat - minLat);
    if (areaContains(code, [lon, lat])) return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
  }
  return centroid;
}
