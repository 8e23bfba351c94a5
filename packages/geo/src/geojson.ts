/**
 * GeoJSON (RFC 7946) FeatureCollections of the demo city's areas, one per level, for the web maps
 * (ECharts registers them with `echarts.registerMap`). Each feature's id and `properties.code` are the
 * area code; `properties.centroid` is where to put its label.
 */
import type { AreaLevel, LonLat } from './area.js';
import { areaGeometry, getArea, isWithin, listAreas } from './areas.js';

export interface AreaFeature {
  type: 'Feature';
  id: string;
  properties: {
    code: string;
    name: string;
    nameEn: string;
    level: AreaLevel;
    parentCode: string | null;
    centroid: LonLat;
    areaKm2: number;
  };
  geometry: { type: 'Polygon'; coordinates: LonLat[][] };
}

export interface AreaFeatureCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

function featureOf(code: string): AreaFeature {
  const area = getArea(code);
  const geometry = areaGeometry(code);
  return {
    type: 'Feature',
    id: area.code,
    properties: {
      code: area.code,
      name: area.name,
      nameEn: area.nameEn,
      level: area.level,
      parentCode: area.parentCode,
      centroid: geometry.centroid,
      areaKm2: Math.round(geometry.areaKm2 * 1000) / 1000,
    },
    geometry: { type: 'Polygon', coordinates: [geometry.ring.map(([lon, lat]) => [lon, lat] as LonLat)] },
  };
}

/**
 * All areas of one level, optionally only those inside `withinCode` (e.g. the streets of one district),
 * as a FeatureCollection.
 */
export function areaFeatureCollection(level: AreaLevel, withinCode?: string): AreaFeatureCollection {
  const areas = listAreas(level).filter((a) => withinCode === undefined || isWithin(a.code, withinCode));
  return { type: 'FeatureCollection', features: areas.map((a) => featureOf(a.code)) };
}
