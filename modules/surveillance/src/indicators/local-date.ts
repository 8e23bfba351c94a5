/**
 * Calendar days of the city: counts are kept per day in China Standard Time (UTC+8, no daylight saving
 * since 1991), so a test resulted at 23:30 local time counts on that local day, not the UTC one.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The local (UTC+8) day of an ISO date or instant; a bare date is already a local day. Null if unreadable. */
export function localDateOf(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value === '') return null;
  if (isoDate.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today in the city, by the clock's instant. */
export function localToday(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** `date` plus `days` (negative to go back), as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Every day from `from` to `to`, inclusive (empty when `to` is before `from`). */
export function dateRange(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** ISO 8601 weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
