/**
 * Mainland China mobile numbers normalised to E.164 (`+86` and 11 digits). Mobile numbers start with 1
 * and a second digit 3–9 (MIIT numbering plan); separators and the 86 / 0086 / +86 prefixes are removed.
 */

const mobile = /^1[3-9]\d{9}$/;

/** `+8613812345678` for any usual spelling of a mainland mobile number, or null when it is not one. */
export function normaliseMainlandMobile(text: string): string | null {
  let digits = text.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return mobile.test(digits) ? `+86${digits}` : null;
}

/** The 11-digit national form of a normalised number (what people type and read). */
export function nationalMobileNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164;
}
