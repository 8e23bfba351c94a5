import { describe, expect, it } from 'vitest';
import type { LonLat } from './area.js';
import { areaContains, areaGeometry, childrenOf, listAreas } from './areas.js';
import { buildCityLayout } from './city-layout.js';
import { areaFeatureCollection } from './geojson.js';

/** Twice the signed area of a closed ring in degrees² (positive when counter-clockwise). */
function signedArea(ring: LonLat[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum;
}

function segmentsCross(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  const orient = (p: LonLat, q: LonLat, r: LonLat) =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

function isSimpleRing(ring: LonLat[]): boolean {
  const edges = ring.length - 1;
  for (let i = 0; i < edges; i++) {
    for (let j = i + 2; j < edges; j++) {
      if (i === 0 && j === edges - 1) continue; // adjacent through the closing vertex
      if (segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return false;
    }
  }
  return true;
}

describe('area polygons', () => {
  it('are closed, counter-clockwise, simple rings of at least four positions (RFC 7946 §3.1.6)', () => {
    for (const area of listAreas()) {
      const { ring } = areaGeometry(area.code);
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(signedArea(ring)).toBeGreaterThan(0);
      expect(isSimpleRing(ring)).toBe(true);
      for (let i = 0; i + 1 < ring.length; i++) expect(ring[i]).not.toEqual(ring[i + 1]);
    }
  });

  it('lie around Zhuzhou (27.83 N, 113.15 E)', () => {
    const city = areaGeometry('4302');
    expect(city.centroid[0]).toBeGreaterThan(113.0);
    expect(city.centroid[0]).toBeLessThan(113.8);
    expect(city.centroid[1]).toBeGreaterThan(26.5);
    expect(city.centroid[1]).toBeLessThan(27.9);
    expect(areaContains('4302', [113.15, 27.83])).toBe(true);
    expect(areaContains('430211', [113.082, 27.827])).toBe(true); // Tianyuan's seat lies in Tianyuan
  });

  it('put each child inside its parent and tile the parent', () => {
    for (const parent of listAreas()) {
      if (parent.level === 'province') continue;
      const children = childrenOf(parent.code);
      if (children.length === 0) continue;
      let childArea = 0;
      for (const child of children) {
        const geometry = areaGeometry(child.code);
        expect(areaContains(parent.code, geometry.centroid)).toBe(true);
        expect(areaContains(child.code, geometry.centroid)).toBe(true);
        childArea += geometry.areaKm2;
      }
      expect(childArea / areaGeometry(parent.code).areaKm2).toBeCloseTo(1, 3);
    }
  });

  it('keep small districts small: urban Hetang is a fraction of rural You County', () => {
    expect(areaGeometry('430202').areaKm2 / areaGeometry('430223').areaKm2).toBeLessThan(0.15);
  });

  it('are the same on every build', () => {
    const first = buildCityLayout();
    const second = buildCityLayout();
    expect(second.areas).toEqual(first.areas);
    expect([...second.geometry.entries()]).toEqual([...first.geometry.entries()]);
  });
});

describe('area FeatureCollections', () => {
  it('hold one Polygon feature per area of a level, keyed by code', () => {
    const districts = areaFeatureCollection('district');
    expect(districts.type).toBe('FeatureCollection');
    expect(districts.features).toHaveLength(9);
    const hetang = districts.features.find((f) => f.id === '430202')!;
    expect(hetang.properties).toMatchObject({
      code: '430202',
      name: '荷塘区',
      nameEn: 'Hetang District',
      level: 'district',
    });
    expect(hetang.geometry.type).toBe('Polygon');
    expect(hetang.geometry.coordinates[0]).toEqual(areaGeometry('430202').ring);
  });

  it('narrow to the areas inside one parent', () => {
    const streets = areaFeatureCollection('street', '430202');
    expect(streets.features.map((f) => f.id)).toEqual(childrenOf('430202').map((a) => a.code));
    expect(JSON.parse(JSON.stringify(streets))).toEqual(streets);
  });
});
