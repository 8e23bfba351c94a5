/**
 * Passport identifiers normalised to `COUNTRY:NUMBER` (issuing country as ISO 3166-1 alpha-3, number
 * upper-case without spaces or hyphens), the value form of the `urn:shuzhi:id:passport` system.
 */
import { coded, type CodedReason } from '../reasons.js';
import { countryAlpha3 } from './countries.js';

export type PassportCheck =
  { valid: true; value: string; country: string; number: string } | ({ valid: false } & CodedReason);

/** ICAO Doc 9303 document numbers are alphanumeric; the MRZ field holds 9, longer ones use an extension. */
const passportNumber = /^[A-Z0-9]{5,20}$/;

/**
 * Normalises a passport given as `CHN:E12345678`, `CN E12345678`, `chn-e1234 5678`, or as separate
 * country and number. The country must be an ISO 3166-1 alpha-2 or alpha-3 code.
 */
export function normalisePassport(text: string, country?: string): PassportCheck {
  const split = country === undefined ? splitCountry(text) : { country, number: text };
  if (!split) return { valid: false, ...coded('passport-format') };
  const alpha3 = countryAlpha3(split.country);
  if (!alpha3) return { valid: false, ...coded('passport-country', { country: split.country.trim() }) };
  const number = split.number.replace(/[\s-]/g, '').toUpperCase();
  if (!passportNumber.test(number)) {
    return { valid: false, ...coded('passport-number') };
  }
  return { valid: true, value: `${alpha3}:${number}`, country: alpha3, number };
}

/** The normalised `COUNTRY:NUMBER` value, or null when it cannot be normalised. */
export function passportValue(text: string, country?: string): string | null {
  const check = normalisePassport(text, country);
  return check.valid ? check.value : null;
}

function splitCountry(text: string): { country: string; number: string } | null {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  if (colon > 0) return { country: trimmed.slice(0, colon), number: trimmed.slice(colon + 1) };
  const match = /^([A-Za-z]{1,3})[\s-]+(.+)$/.exec(trimmed);
  return match ? { country: match[1]!, number: match[2]! } : null;
}
