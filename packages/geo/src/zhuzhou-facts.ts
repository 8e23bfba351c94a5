/**
 * Facts about the demo city, Zhuzhou (株洲市, Hunan) that shape the synthetic map: where its district
 * seats are, how many people live in each district, and roughly how large each is.
 */

export const demoCityCode = '4302';

/** Projection origin near the city government in Tianyuan (27.83 N, 113.15 E). */
export const projectionOrigin = { lon: 113.15, lat: 27.83 };

/**
 * Corners of a convex outline that follows the prefecture's extent, from the urban districts in the
 * north-west (about 28.0 N) down to Yanling in the south-east (about 26.0 N). Synthetic: the real
 * border is not convex; this keeps every generated cell convex and exactly tiled.
 */
export const outlineLonLat: readonly [number, number][] = [
  [113.0, 28.0],
  [113.2, 28.03],
  [113.5, 27.9],
  [113.72, 27.66],
  [113.9, 27.05],
  [114.05, 26.55],
  [113.95, 26.1],
  [113.72, 26.02],
  [113.35, 26.55],
  [113.0, 26.95],
  [112.88, 27.4],
  [112.9, 27.75],
];

export interface DistrictFacts {
  /** Approximate seat of the district government, [lon, lat]. */
  seat: [number, number];
  /** Resident population, 2020 census. */
  population: number;
  /** Approximate land area in km², used only to size the synthetic polygons against each other. */
  areaKm2: number;
}

/**
 * Resident population by district from the Seventh National Population Census (2020) of Zhuzhou
 * (city total 3,902,738; the Yunlong demonstration zone's 125,900 residents, counted separately in the
 * census, are left out here). Seats are approximate coordinates of each district's government.
 */
export const districtFacts: Readonly<Record<string, DistrictFacts>> = {
  '430202': { seat: [113.17, 27.86], population: 348_900, areaKm2: 153 }, // 荷塘区
  '430203': { seat: [113.155, 27.785], population: 307_000, areaKm2: 223 }, // 芦淞区
  '430204': { seat: [113.118, 27.872], population: 223_600, areaKm2: 162 }, // 石峰区
  '430211': { seat: [113.082, 27.827], population: 478_300, areaKm2: 327 }, // 天元区
  '430212': { seat: [113.146, 27.699], population: 260_500, areaKm2: 1052 }, // 渌口区
  '430223': { seat: [113.345, 27.0], population: 630_400, areaKm2: 2648 }, // 攸县
  '430224': { seat: [113.54, 26.792], population: 481_800, areaKm2: 2500 }, // 茶陵县
  '430225': { seat: [113.772, 26.489], population: 160_300, areaKm2: 2030 }, // 炎陵县
  '430281': { seat: [113.497, 27.646], population: 886_000, areaKm2: 2157 }, // 醴陵市
};

/** A coarse convex outline of Hunan province, [lon, lat], for the province-level map only. */
export const provinceOutlineLonLat: readonly [number, number][] = [
  [110.3, 29.9],
  [111.5, 30.1],
  [113.4, 29.6],
  [114.2, 28.6],
  [114.2, 26.3],
  [113.8, 25.1],
  [112.4, 24.7],
  [111.2, 25.0],
  [109.5, 25.9],
  [108.8, 27.5],
  [109.3, 29.2],
];
