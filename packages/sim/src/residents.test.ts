import { beforeAll, describe, expect, it } from 'vitest';
import { Birthplaces } from './birthplaces.js';
import { hunanBroadAgeShares2020, householdSizeShares2020 } from './census.js';
import { indexCityAreas, type CityAreas } from './city-areas.js';
import { PhoneNumberBook } from './phone-numbers.js';
import { HouseholdKind, Population, Role } from './population.js';
import { addResidents, apportion, ResidentIdIssuer } from './residents.js';
import { isValidResidentId, readResidentId } from './resident-id.js';

const RESIDENTS = 20_000;
let population: Population;
let areas: CityAreas;

beforeAll(() => {
  areas = indexCityAreas();
  population = new Population(RESIDENTS);
  addResidents(
    population,
    areas,
    { seed: 11, residents: RESIDENTS, startDate: '2026-03-02', neverScanShare: 0.05, scanRate: 0.9 },
    { birthplaces: new Birthplaces('4302'), phones: new PhoneNumberBook(11), ids: new ResidentIdIssuer() },
  );
});

function households(): number[][] {
  const out: number[][] = [];
  for (let h = 0; h < population.householdCount; h++) {
    if (population.householdKind[h] !== HouseholdKind.home) continue;
    const first = population.householdFirst[h]!;
    out.push(Array.from({ length: population.householdSize[h]! }, (_, i) => first + i));
  }
  return out;
}

describe('residents of the synthetic city', () => {
  it('have Hunan’s 2020 census age structure exactly (to the person)', () => {
    const counts = { '0-14': 0, '15-59': 0, '60-64': 0, '65+': 0 };
    for (let p = 0; p < population.size; p++) {
      const age = population.age[p]!;
      counts[age <= 14 ? '0-14' : age <= 59 ? '15-59' : age <= 64 ? '60-64' : '65+'] += 1;
    }
    for (const [group, share] of Object.entries(hunanBroadAgeShares2020)) {
      expect(Math.abs(counts[group as keyof typeof counts] / RESIDENTS - share)).toBeLessThan(0.0005);
    }
  });

  it('live in households sized like the 2020 census, mean 2.6', () => {
    const sizes = households().map((h) => h.length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeCloseTo(2.61, 1);
    const share = (n: number) => sizes.filter((s) => (n === 10 ? s >= 10 : s === n)).length / sizes.length;
    householdSizeShares2020.forEach((expected, i) =>
      expect(Math.abs(share(i + 1) - expected)).toBeLessThan(0.01),
    );
  });

  it('always have an adult at home, and parents at least 15 years older than children', () => {
    expect(households().filter((members) => !members.some((p) => population.age[p]! >= 18))).toEqual([]);
    // The head is the first member; the young children in the household are a generation younger.
    const gaps: number[] = [];
    for (const members of households()) {
      for (const p of members.slice(1)) {
        if (population.role[p] === Role.infant || population.role[p] === Role.pupil)
          gaps.push(population.age[members[0]!]! - population.age[p]!);
      }
    }
    expect(gaps.length).toBeGreaterThan(1000);
    expect(gaps.filter((gap) => gap < 15)).toEqual([]);
  });

  it('carry valid, unique resident ID numbers that match their sex and birth date', () => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    for (let p = 0; p < population.size; p++) {
      const id = population.residentId[p]!;
      const parsed = readResidentId(id);
      const ok =
        isValidResidentId(id) &&
        parsed.sex === (population.male[p] ? 'male' : 'female') &&
        parsed.birthDate === population.birthDate[p] &&
        population.personId[p] === id;
      if (!ok) wrong.push(id);
      seen.add(id);
    }
    expect(wrong).toEqual([]);
    expect(seen.size).toBe(RESIDENTS);
  });

  it('are mostly registered in their own district (Lukou’s older residents under Zhuzhou County, 430221)', () => {
    let own = 0;
    for (let p = 0; p < population.size; p++) {
      const district = areas.grids[population.grid[p]!]!.code.slice(0, 6);
      const area = population.residentId[p]!.slice(0, 6);
      if (area === district || (district === '430212' && area === '430221')) own++;
    }
    expect(own / RESIDENTS).toBeGreaterThan(0.75);
    expect(own / RESIDENTS).toBeLessThan(0.85);
  });

  it('have Chinese names and unique mobile numbers from age 10', () => {
    const badNames: string[] = [];
    const badPhones: string[] = [];
    const phones = new Set<string>();
    let withPhone = 0;
    for (let p = 0; p < population.size; p++) {
      if (!/^[\u4e00-\u9fff]{2,4}$/.test(population.fullName(p))) badNames.push(population.fullName(p));
      const phone = population.phone[p]!;
      const expected = population.age[p]! >= 10;
      if (expected !== /^1[3-9]\d{9}$/.test(phone) || (expected && phones.has(phone))) badPhones.push(phone);
      if (expected) {
        phones.add(phone);
        withPhone++;
      }
    }
    expect(badNames).toEqual([]);
    expect(badPhones).toEqual([]);
    expect(phones.size).toBe(withPhone);
  });

  it('share a home grid with their household', () => {
    expect(
      households().filter((members) => new Set(members.map((p) => population.grid[p])).size !== 1),
    ).toEqual([]);
  });
});

describe('apportioning', () => {
  it('splits a total into integers in proportion, summing exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0.5, 0.25, 0.25]).reduce((a, b) => a + b, 0)).toBe(7);
  });
});
