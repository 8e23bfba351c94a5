/**
 * Resident identity card numbers (居民身份证号码) as defined by GB 11643-1999: six-digit area code, eight-digit
 * birth date, three-digit sequence and an ISO 7064 MOD 11-2 check character.
 */
import { isRealDate } from '../time/iso-instant.js';
import { isCurrentCountyCode, isKnownProvincePrefix } from './area-codes.js';

export type ResidentIdProblem = 'length' | 'characters' | 'area' | 'birth-date' | 'check-digit';

export interface ValidResidentId {
  valid: true;
  /** The 18-character number, upper-case `X`. */
  value: string;
  areaCode: string;
  /** Whether `areaCode` is in the current GB/T 2260 list (older numbers carry retired county codes). */
  areaKnown: boolean;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** GB 11643-1999 §5.3: the sequence code's last digit is odd for men and even for women. */
  sex: 'male' | 'female';
  sequence: string;
}

export interface InvalidResidentId {
  valid: false;
  problem: ResidentIdProblem;
  reason: string;
}

export type ResidentIdCheck = ValidResidentId | InvalidResidentId;

export interface ResidentIdOptions {
  /** Reject numbers whose county code is not in the current GB/T 2260 list (default false, see above). */
  requireCurrentArea?: boolean;
  /** Reject birth dates after this date (YYYY-MM-DD); omitted, no upper bound is checked. */
  today?: string;
}

/** GB 11643-1999 §6.2: weight of position i (0-based, left to right) is 2^(17-i) mod 11. */
const checkWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkCharacters = '10X98765432';
const earliestBirthYear = 1850;

/** The ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID number. */
export function residentIdCheckCharacter(first17Digits: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17Digits.charCodeAt(i) - 48) * checkWeights[i]!;
  return checkCharacters[sum % 11]!;
}

/** Strips spaces and makes a trailing `x` upper-case, the common ways the same number is written. */
export function cleanResidentId(text: string): string {
  if (/^\d{17}[\dX]$/.test(text)) return text;
  return text.replace(/[\s-]/g, '').toUpperCase();
}

/** Checks a resident ID number; when invalid, says which part is wrong and why. */
export function checkResidentId(text: string, options: ResidentIdOptions = {}): ResidentIdCheck {
  const value = cleanResidentId(text);
  if (value.length !== 18) {
    const hint = value.length === 15 ? ' (a 15-digit first-generation number; upgrade it to 18 digits)' : '';
    return invalid('length', `must have 18 characters, has ${value.length}${hint}`);
  }
  if (!/^\d{17}[\dX]$/.test(value))
    return invalid('characters', 'must be 17 digits followed by a digit or X');
  const areaCode = value.slice(0, 6);
  if (!isKnownProvincePrefix(areaCode)) return invalid('area', `area code ${areaCode} names no province`);
  const areaKnown = isCurrentCountyCode(areaCode);
  if (options.requireCurrentArea && !areaKnown) {
    return invalid('area', `area code ${areaCode} is not a current GB/T 2260 county code`);
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const dateProblem = birthDateProblem(birthDate, options.today);
  if (dateProblem) return invalid('birth-date', dateProblem);
  const expected = residentIdCheckCharacter(value);
  if (value[17] !== expected)
    return invalid('check-digit', `check character is ${value[17]}, expected ${expected}`);
  const sequence = value.slice(14, 17);
  const sex = (value.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
  return { valid: true, value, areaCode, areaKnown, birthDate, sex, sequence };
}

/** The normalised number when valid, else null; for callers that only need a yes or no. */
export function validResidentId(text: string, options: ResidentIdOptions = {}): string | null {
  const check = checkResidentId(text, options);
  return check.valid ? check.value : null;
}

/** Builds a valid number from its parts; the simulator and tests use it to make realistic IDs. */
export function composeResidentId(areaCode: string, birthDate: string, sequence: string): string {
  const first17 = `${areaCode}${birthDate.replaceAll('-', '')}${sequence}`;
  if (!/^\d{17}$/.test(first17))
    throw new Error(`cannot compose a resident ID from ${areaCode}/${birthDate}/${sequence}`);
  return first17 + residentIdCheckCharacter(first17);
}

function birthDateProblem(date: string, today: string | undefined): string | null {
  const year = Number(date.slice(0, 4));
  if (!isRealDate(year, Number(date.slice(5, 7)), Number(date.slice(8, 10))))
    return `birth date ${date} does not exist`;
  if (year < earliestBirthYear) return `birth year ${year} is before ${earliestBirthYear}`;
  if (today !== undefined && date > today) return `birth date ${date} is in the future`;
  return null;
}

function invalid(problem: ResidentIdProblem, reason: string): InvalidResidentId {
  return { valid: false, problem, reason };
}
