/**
 * Strict parsing of ISO 8601 calendar dates and of date-times that carry a UTC offset (RFC 3339 §5.6).
 * `Date.parse` is lenient (it rolls 30 February into March), so fields are range-checked here.
 */

const offsetDateTime =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})$/;
const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether year-month-day names a real day. */
export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A `YYYY-MM-DD` date that exists; returns it unchanged, or null. */
export function parseCalendarDate(text: string): string | null {
  const m = calendarDate.exec(text);
  if (!m) return null;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? text : null;
}

/**
 * Epoch milliseconds of a date-time with an explicit offset (`Z`, `+08:00`, `+0800`), or null when the
 * text is not one or names a time that does not exist. Seconds are optional; fractions beyond
 * milliseconds are truncated.
 */
export function parseOffsetDateTime(text: string): number | null {
  const m = offsetDateTime.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const offset = offsetMinutes(m[8]!);
  if (offset === null) return null;
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC maps years 0–99 to 1900–1999; ISO years are literal.
  const fixed = year < 100 ? new Date(utc).setUTCFullYear(year) : utc;
  return fixed - offset * 60_000;
}

/** The canonical stored form of an offset date-time: UTC, milliseconds, `Z`. */
export function offsetDateTimeToUtcIso(text: string): string | null {
  const ms = parseOffsetDateTime(text);
  return ms === null ? null : new Date(ms).toISOString();
}

/** Offset in minutes east of UTC, or null when out of range (RFC 3339 allows up to ±23:59; real zones ±14:00). */
function offsetMinutes(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)) return null;
  return sign * (hours * 60 + minutes);
}
