/** Calendar arithmetic on YYYY-MM-DD strings, in UTC so that no time zone shifts a date. */

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})/;

/** The calendar date at the start of an ISO date or instant string as written, or null. */
export function calendarDateOf(value: string): string | null {
  const match = isoDatePattern.exec(value);
  if (!match) return null;
  const [, year, month, day] = match;
  return makeDate(Number(year), Number(month), Number(day));
}

/** YYYY-MM-DD for a real calendar day, or null (2023-02-30 is not one). */
export function makeDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
