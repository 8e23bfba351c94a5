/**
 * Field comparisons of a record pair, each giving an agreement level (Fellegi & Sunter 1969 §2: the
 * comparison vector γ). Levels grade partial agreement — a homophone, a typo, a transposed digit — so
 * the model can weigh each grade by how often it occurs among true and false matches.
 */
import type { LinkageTable } from './linkage-record.js';
import { osaDistance } from './string-distance.js';

/** Level names per field; level 0 is always `missing` (either record lacks the field: weight 0). */
export const fieldLevels = {
  name: ['missing', 'exact', 'phonetic', 'typo', 'disagree'],
  birthDate: ['missing', 'exact', 'typo', 'disagree'],
  sex: ['missing', 'agree', 'disagree'],
  phone: ['missing', 'exact', 'typo', 'disagree'],
  area: ['missing', 'address', 'county', 'city', 'disagree'],
  document: ['missing', 'exact', 'near', 'disagree'],
} as const;

export type LinkageField = keyof typeof fieldLevels;
export const linkageFields = Object.keys(fieldLevels) as LinkageField[];
export type FieldLevel<F extends LinkageField> = (typeof fieldLevels)[F][number];

/**
 * Exact characters; same pinyin (homophones, transliterations, and — where a Latin name leaves the order
 * open — swapped family and given names); near spelling; disagree. Two Han names are near when one
 * character differs and its pinyin is one letter off (zhen/zheng, lin/ling: the slips of pinyin input);
 * a wholly different character is another name (siblings often share all but one character). Han names
 * are always written family name first, so they are not compared in swapped order (张林 is not 林张).
 * Other pairs are near when their pinyin or letters are one edit apart (two for long names).
 */
export function compareNames(table: LinkageTable, i: number, j: number): number {
  const a = table.names[i];
  const b = table.names[j];
  if (!a || !b) return 0;
  if (a.script === 'han' && b.script === 'han') {
    if (a.han === b.han) return 1;
    if (a.key === b.key) return 2;
    return differsBySimilarSyllable(a.syllables, b.syllables) ? 3 : 4;
  }
  if (a.script === b.script && a.key === b.key) return 1;
  if (a.orderFreeKey === b.orderFreeKey) return 2;
  const limit = Math.min(a.key.length, b.key.length) >= 8 ? 2 : 1;
  if (
    osaDistance(a.key, b.key, limit) <= limit ||
    osaDistance(a.swappedKey, b.key, limit) <= limit ||
    osaDistance(a.key, b.swappedKey, limit) <= limit
  ) {
    return 3;
  }
  return 4;
}

function differsBySimilarSyllable(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  let differing = -1;
  for (let k = 0; k < a.length; k++) {
    if (a[k] === b[k]) continue;
    if (differing >= 0) return false;
    differing = k;
  }
  return differing >= 0 && osaDistance(a[differing]!, b[differing]!, 1) <= 1;
}

/** Exact; a typing slip (one digit, two adjacent digits swapped, day and month swapped); disagree. */
export function compareBirthDates(table: LinkageTable, i: number, j: number): number {
  return compareBirthNumbers(table.birth[i]!, table.birth[j]!);
}

/** The same on two birth dates as YYYYMMDD numbers (0: missing). */
export function compareBirthNumbers(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  if (a === b) return 1;
  if (osaDistance(String(a), String(b), 1) === 1) return 2;
  const sameYear = Math.floor(a / 10_000) === Math.floor(b / 10_000);
  const dayMonthSwapped = Math.floor(a / 100) % 100 === b % 100 && a % 100 === Math.floor(b / 100) % 100;
  return sameYear && dayMonthSwapped ? 2 : 3;
}

export function compareSex(table: LinkageTable, i: number, j: number): number {
  const a = table.sex[i]!;
  const b = table.sex[j]!;
  if (a === 0 || b === 0) return 0;
  return a === b ? 1 : 2;
}

/** Exact; one digit wrong or two adjacent digits swapped; disagree. */
export function comparePhones(table: LinkageTable, i: number, j: number): number {
  const a = table.phone[i]!;
  const b = table.phone[j]!;
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  return osaDistance(a, b, 1) === 1 && a.length === b.length ? 2 : 3;
}

/** Same address; same county (6-digit GB/T 2260 code); same city (first 4 digits); disagree. */
export function compareAreas(table: LinkageTable, i: number, j: number): number {
  const addressA = table.address[i]!;
  const addressB = table.address[j]!;
  if (addressA !== '' && addressA === addressB) return 1;
  const a = table.area[i]!;
  const b = table.area[j]!;
  if (a === '' || b === '') return 0;
  if (a === b) return 2;
  return a.slice(0, 4) === b.slice(0, 4) ? 3 : 4;
}

/**
 * Identity documents: the same valid resident ID or passport; a number one slip away from a valid one;
 * disagree when a valid number meets another number. A resident ID with a slip fails its check digit, so
 * two valid IDs never differ by a slip; passport numbers carry no check digit here, so two valid ones one
 * slip apart are near. Two invalid numbers tell nothing — placeholders such as 000000000000000000 are
 * common — so they count as missing.
 */
export function compareDocuments(table: LinkageTable, i: number, j: number): number {
  const id = compareResidentIds(table, i, j);
  if (id === 1 || id === 2) return id;
  const passport = comparePassports(table, i, j);
  return passport !== 0 ? passport : id;
}

function compareResidentIds(table: LinkageTable, i: number, j: number): number {
  const a = table.rawResidentId[i]!;
  const b = table.rawResidentId[j]!;
  const aValid = table.validResidentId[i] !== '';
  const bValid = table.validResidentId[j] !== '';
  if (a === '' || b === '' || (!aValid && !bValid)) return 0;
  if (a === b) return aValid && bValid ? 1 : 0;
  if (aValid && bValid) return 3;
  return osaDistance(a, b, 1) <= 1 ? 2 : 3;
}

function comparePassports(table: LinkageTable, i: number, j: number): number {
  const a = table.passport[i]!;
  const b = table.passport[j]!;
  const aValid = table.passportValid[i]!;
  const bValid = table.passportValid[j]!;
  if (a === '' || b === '' || (!aValid && !bValid)) return 0;
  if (a === b) return aValid && bValid ? 1 : 0;
  return osaDistance(a, b, 1) <= 1 ? 2 : 3;
}

/** Two records whose valid resident IDs differ are two people, whatever else agrees. */
export function haveConflictingResidentIds(table: LinkageTable, i: number, j: number): boolean {
  const a = table.validResidentId[i]!;
  const b = table.validResidentId[j]!;
  return a !== '' && b !== '' && a !== b;
}

export const fieldComparators: Record<LinkageField, (table: LinkageTable, i: number, j: number) => number> = {
  name: compareNames,
  birthDate: compareBirthDates,
  sex: compareSex,
  phone: comparePhones,
  area: compareAreas,
  document: compareDocuments,
};

/** Radix of each field in a packed comparison pattern. */
const radices = linkageFields.map((f) => fieldLevels[f].length);
export const patternCount = radices.reduce((a, b) => a * b, 1);

/** All field levels of a pair packed into one integer (mixed radix, name first). */
export function comparisonPattern(table: LinkageTable, i: number, j: number): number {
  return (
    compareNames(table, i, j) +
    5 *
      (compareBirthDates(table, i, j) +
        4 *
          (compareSex(table, i, j) +
            3 *
              (comparePhones(table, i, j) +
                4 * (compareAreas(table, i, j) + 5 * compareDocuments(table, i, j)))))
  );
}

/** The level of each field in a packed pattern, in `linkageFields` order. */
export function unpackPattern(pattern: number): number[] {
  const levels: number[] = [];
  let rest = pattern;
  for (const radix of radices) {
    levels.push(rest % radix);
    rest = Math.floor(rest / radix);
  }
  return levels;
}
