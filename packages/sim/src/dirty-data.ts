/**
 * Registration errors made on purpose, so that the hub's record linkage has real work to do: names typed
 * with a homophone or in another order, ID numbers left out or mistyped, an old phone number, a birth date
 * off by a day or with day and month swapped, the same person registered twice by one source.
 */
import { homophoneTypo } from './chinese-names.js';
import type { Random } from './random.js';

export interface DirtyDataRates {
  /** A homophone typed for one character (Chinese names), or family and given names swapped (foreign). */
  nameTypo: number;
  /** The resident ID (or passport) is not recorded. */
  missingId: number;
  /** The ID number has one digit changed or two adjacent digits swapped. */
  mistypedId: number;
  /** The phone number is an old or mistyped one. */
  phoneVariant: number;
  /** The birth date is off by one day or has day and month swapped. */
  birthDateError: number;
  /** The source opens a second record for someone it already has. */
  duplicateRecord: number;
}

export const cleanData: DirtyDataRates = {
  nameTypo: 0,
  missingId: 0,
  mistypedId: 0,
  phoneVariant: 0,
  birthDateError: 0,
  duplicateRecord: 0,
};

/** One digit replaced by another, or two adjacent characters swapped (the common keying errors). */
export function mistypeIdentifier(id: string, random: Random): string {
  const chars = [...id];
  if (random.chance(0.5)) {
    const i = random.int(chars.length - 1);
    if (chars[i] === chars[i + 1]) chars[i + 1] = String((Number(chars[i + 1]) + 1) % 10);
    else [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  } else {
    const i = random.int(Math.min(17, chars.length));
    const digit = Number(chars[i]);
    chars[i] = String((Number.isNaN(digit) ? 0 : digit + 1 + random.int(8)) % 10);
  }
  return chars.join('');
}

export function mistypePhone(phone: string, random: Random): string {
  if (phone.length < 4) return phone;
  const i = 3 + random.int(phone.length - 3);
  return phone.slice(0, i) + String((Number(phone[i]) + 1 + random.int(8)) % 10) + phone.slice(i + 1);
}

/** A birth date one day off, or with day and month swapped when both are 12 or less. */
export function shiftBirthDate(date: string, random: Random): string {
  const [y, m, d] = date.split('-');
  if (Number(d) <= 12 && Number(m) !== Number(d) && random.chance(0.5)) return `${y}-${d}-${m}`;
  const shifted = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d) + (random.chance(0.5) ? 1 : -1)));
  return shifted.toISOString().slice(0, 10);
}

/** A Chinese name with one character replaced by a homophone. */
export function misspellChineseName(name: string, random: Random): string {
  return homophoneTypo(name, random);
}
