/**
 * Creates the city's residents: census-sized households placed in grids in proportion to where people
 * live, members with census ages, plausible names, valid resident ID numbers, phones, what they do on a
 * weekday, vaccination and how reliably they scan venue codes.
 */
import { AgePool } from './age-pool.js';
import type { Birthplaces } from './birthplaces.js';
import { householdSizeShares2020, maleShare2020, singleYearAgeShares } from './census.js';
import { randomGivenName, randomSurname } from './chinese-names.js';
import type { CityAreas } from './city-areas.js';
import { composeHousehold, type MemberSpec } from './household-composition.js';
import type { PhoneNumberBook } from './phone-numbers.js';
import { HouseholdKind, PersonKind, Role, type Population, type RoleCode } from './population.js';
import { cumulativeWeights, Random, streams } from './random.js';
import { makeResidentId } from './resident-id.js';

export interface ResidentOptions {
  seed: number;
  residents: number;
  startDate: string;
  /** Share of people who never scan venue codes. */
  neverScanShare: number;
  /** Probability that a person who does scan scans a given visit. */
  scanRate: number;
}

/** Splits `total` into integers proportional to `shares` (largest remainder). */
export function apportion(total: number, shares: ArrayLike<number>): number[] {
  const list = Array.from(shares);
  const sum = list.reduce((a, b) => a + b, 0);
  const exact = list.map((s) => (s / sum) * total);
  const parts = exact.map(Math.floor);
  let missing = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (missing-- <= 0) break;
    parts[i]! += 1;
  }
  return parts;
}

/** Household sizes that add up to exactly `residents` people, in census proportions. */
function householdSizes(residents: number, random: Random): number[] {
  const meanSize = householdSizeShares2020.reduce((s, share, i) => s + share * (i + 1), 0);
  const counts = apportion(Math.round(residents / meanSize), householdSizeShares2020);
  const sizes: number[] = [];
  counts.forEach((count, i) => {
    for (let k = 0; k < count; k++) sizes.push(i + 1);
  });
  let total = sizes.reduce((a, b) => a + b, 0);
  // Adjust with single-person households so the total is exact.
  while (total < residents) {
    sizes.push(1);
    total += 1;
  }
  while (total > residents) {
    const index = sizes.lastIndexOf(total - residents >= 2 ? 2 : 1);
    const at = index >= 0 ? index : sizes.length - 1;
    total -= sizes[at]!;
    sizes.splice(at, 1);
    if (total < residents) {
      sizes.push(residents - total);
      total = residents;
    }
  }
  return random.shuffle(sizes);
}

function roleFor(age: number, random: Random): RoleCode {
  if (age <= 2) return Role.infant;
  if (age <= 5) return random.chance(0.88) ? Role.preschool : Role.infant; // preschool enrolment ≈ 88 % (MoE 2020)
  if (age <= 11) return Role.pupil;
  if (age <= 14) return Role.middleSchool;
  if (age <= 17) return random.chance(0.91) ? Role.highSchool : Role.worker; // senior-secondary enrolment ≈ 91 %
  if (age <= 22)
    return random.chance(0.5) ? Role.university : random.chance(0.75) ? Role.worker : Role.homemaker;
  if (age <= 59) return random.chance(0.78) ? Role.worker : Role.homemaker;
  if (age <= 64) return random.chance(0.25) ? Role.worker : Role.retired;
  return Role.retired;
}

/** COVID-19 doses by 2022 in China: high coverage, boosters lagging, lowest among the oldest. */
function vaccineDosesFor(age: number, random: Random): number {
  if (age < 3) return 0;
  const [primary, booster] =
    age < 12 ? [0.85, 0] : age < 60 ? [0.95, 0.65] : age < 80 ? [0.85, 0.55] : [0.55, 0.3];
  if (!random.chance(primary)) return random.chance(0.3) ? 1 : 0;
  return random.chance(booster) ? 3 : 2;
}

/** Added to epoch days so that birth days from 1900 on index arrays from 0. */
const EPOCH_DAY_OFFSET = 30_000;

/** Birth dates that make a person exactly `age` on the start date; formatted dates are cached by day. */
class BirthDates {
  private readonly anniversaries: number[];
  private readonly formatted: string[] = [];

  constructor(startDate: string) {
    const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
    this.anniversaries = Array.from({ length: 101 }, (_, age) => Date.UTC(y - age, m - 1, d) / 86_400_000);
  }

  /** Epoch day of a birth date making someone `age` on the start date. */
  drawDay(age: number, random: Random): number {
    return this.anniversaries[age]! - random.between(1, 365);
  }

  format(day: number): string {
    const slot = day + EPOCH_DAY_OFFSET;
    let text = this.formatted[slot];
    if (text === undefined) {
      text = new Date(day * 86_400_000).toISOString().slice(0, 10);
      this.formatted[slot] = text;
    }
    return text;
  }
}

/** Adds `options.residents` residents, household by household, to `population`. */
export interface ResidentRegistries {
  birthplaces: Birthplaces;
  phones: PhoneNumberBook;
  ids: ResidentIdIssuer;
}

export function addResidents(
  population: Population,
  areas: CityAreas,
  options: ResidentOptions,
  registries: ResidentRegistries,
): void {
  const { birthplaces, phones, ids } = registries;
  const random = new Random(options.seed, streams.population);
  const ageCounts = apportion(options.residents, singleYearAgeShares());
  const pool = new AgePool(ageCounts);
  // Big households first: they need children and grandparents, small ones take whatever adults remain.
  const sizes = householdSizes(options.residents, random).sort((a, b) => b - a);
  const gridWeights = cumulativeWeights(Array.from(areas.gridResidents));
  const gridSequence = new Int32Array(areas.grids.length);
  const birthDates = new BirthDates(options.startDate);

  const compositions = sizes.map((size) => composeHousehold(size, pool, random, maleShare2020));
  giveEveryHouseholdAnAdult(compositions, random);
  for (const members of compositions) {
    const grid = random.weightedIndex(gridWeights);
    const gridCode = areas.grids[grid]!.code;
    const sequence = ++gridSequence[grid]!;
    const household = population.addHousehold(
      members.length,
      HouseholdKind.home,
      `${gridCode}-${String(sequence).padStart(3, '0')}`,
    );
    const districtCode = gridCode.slice(0, 6);
    const familySurname = randomSurname(random);
    const surnames = surnamesFor(members, familySurname, random);
    members.forEach((member, i) => {
      const p = population.addPerson();
      population.kind[p] = PersonKind.resident;
      population.age[p] = member.age;
      population.male[p] = member.male ? 1 : 0;
      population.role[p] = roleFor(member.age, random);
      population.household[p] = household;
      population.grid[p] = grid;
      population.vaccineDoses[p] = vaccineDosesFor(member.age, random);
      population.scanPropensity[p] = random.chance(options.neverScanShare)
        ? 0
        : Math.min(1, Math.max(0, options.scanRate + random.normal(0, 0.05)));
      const birthDay = birthDates.drawDay(member.age, random);
      const birthDate = birthDates.format(birthDay);
      const birthYear = Number(birthDate.slice(0, 4));
      const residentId = ids.issue(
        birthplaces.forResident(districtCode, birthYear, random),
        { date: birthDate, epochDay: birthDay },
        member.male,
      );
      population.birthDate[p] = birthDate;
      population.residentId[p] = residentId;
      population.personId[p] = residentId;
      population.passport[p] = undefined;
      population.nationality[p] = 'CHN';
      population.familyName[p] = surnames[i]!;
      population.givenName[p] = randomGivenName(random, member.male ? 'male' : 'female', birthYear);
      population.phone[p] = member.age >= 10 ? phones.next(random) : '';
    });
  }
}

/**
 * The age pool can run out of adults before the last small households are formed, leaving a child
 * alone. Such a child swaps places with a grandparent (or other spare adult) of a household that has
 * two adults or more, which keeps the census ages and household sizes exactly.
 */
function giveEveryHouseholdAnAdult(households: MemberSpec[][], random: Random): void {
  const isAdult = (m: MemberSpec) => m.age >= 18;
  const donors = households.filter(
    (h) => h.filter(isAdult).length >= 3 || (h.length >= 3 && h.filter(isAdult).length >= 2),
  );
  let donorCursor = random.int(Math.max(1, donors.length));
  for (const household of households) {
    if (household.some(isAdult) || donors.length === 0) continue;
    for (let attempts = 0; attempts < donors.length; attempts++) {
      const donor = donors[donorCursor++ % donors.length]!;
      const adults = donor.filter(isAdult);
      if (adults.length < 2) continue;
      const spare = donor.find((m) => isAdult(m) && m.relation === 'parent') ?? adults[adults.length - 1]!;
      const child = household[0]!;
      donor[donor.indexOf(spare)] = { ...child, relation: 'child' };
      household[0] = { ...spare, relation: 'head' };
      break;
    }
  }
}

/** Children and the head's father carry the family surname; spouses and mothers keep their own. */
function surnamesFor(members: MemberSpec[], family: string, random: Random): string[] {
  return members.map((m) => {
    if (m.relation === 'child') return random.chance(0.95) ? family : randomSurname(random);
    if (m.relation === 'head' && m.male) return family;
    if (m.relation === 'spouse' && m.male) return family;
    if (m.relation === 'parent' && m.male) return family;
    if (m.relation === 'head' && !members.some((o) => o.relation === 'spouse' && o.male)) return family;
    return randomSurname(random);
  });
}

/**
 * Hands out resident IDs whose 17-digit bodies are unique. For each birthplace and birth date the
 * sequence numbers are dealt from a random starting point, stepping by 2 to keep the sex digit, so no
 * body repeats and no global set of strings is needed.
 */
export class ResidentIdIssuer {
  private readonly issued = new Map<number, number>();
  private readonly areaNumbers = new Map<string, number>();

  issue(areaCode: string, birth: { date: string; epochDay: number }, male: boolean): string {
    let area = this.areaNumbers.get(areaCode);
    if (area === undefined) {
      area = this.areaNumbers.size;
      this.areaNumbers.set(areaCode, area);
    }
    // A small integer key (area number · 2¹⁶ + day, times 2 for sex) keeps the map on fast integer keys.
    const key = ((area * 65_536 + birth.epochDay + EPOCH_DAY_OFFSET) << 1) | (male ? 1 : 0);
    const count = this.issued.get(key) ?? 0;
    if (count >= 500) throw new Error(`no sequence numbers left for ${areaCode} ${birth.date}`);
    this.issued.set(key, count + 1);
    const start = (key * 2_654_435_761) >>> 23; // a fixed pseudo-random starting point per key
    const sequence = 2 * ((start + count * 7) % 500) + (male ? 1 : 0);
    return makeResidentId(areaCode, birth.date, sequence, male ? 'male' : 'female');
  }
}
