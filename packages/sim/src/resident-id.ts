/**
 * Resident identity numbers (公民身份号码) per GB 11643-1999: six-digit area code (GB/T 2260), birth date
 * YYYYMMDD, three-digit sequence (odd for men, even for women) and a check character computed with
 * ISO 7064 MOD 11-2.
 */
import { invalidField } from '@shuzhi/core';

/** Weights 2^(17−i) mod 11 for the 17 body digits (GB 11643-1999 §8.2). */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character for each remainder 0–10 of the weighted sum: (12 − r) mod 11, with 10 written X. */
const checkCharacters = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of a 17-digit body. */
export function residentIdCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * weights[i]!;
  return checkCharacters[sum % 11]!;
}

/** Whether an 18-character string is a well-formed resident ID: digits, a real birth date, a valid check. */
export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return false;
  return residentIdCheckCharacter(id.slice(0, 17)) === id[17];
}

/**
 * Builds a resident ID from its parts. `sequence` is 0–999; its parity must match the sex (odd for men)
 * — the caller picks it — so this throws when it does not.
 */
export function makeResidentId(
  areaCode: string,
  birthDate: string,
  sequence: number,
  sex: 'male' | 'female',
): string {
  if (!/^\d{6}$/.test(areaCode))
    throw invalidField(undefined, 'areaCode', `${areaCode} is not a six-digit GB/T 2260 code`);
  if ((sequence % 2 === 1) !== (sex === 'male'))
    throw invalidField(
      undefined,
      'sequence',
      `${sequence} does not match sex ${sex} (odd for men, even for women)`,
    );
  const sequenceText = sequence < 10 ? `00${sequence}` : sequence < 100 ? `0${sequence}` : String(sequence);
  const body =
    areaCode + birthDate.slice(0, 4) + birthDate.slice(5, 7) + birthDate.slice(8, 10) + sequenceText;
  return body + residentIdCheckCharacter(body);
}

/** Sex (from the parity of the 17th digit) and birth date (YYYY-MM-DD) read back from an ID. */
export function readResidentId(id: string): { sex: 'male' | 'female'; birthDate: string; areaCode: string } {
  return {
    areaCode: id.slice(0, 6),
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}
