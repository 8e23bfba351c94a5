// Calendar arithmetic on UTC day numbers, as R's seq.Date steps by years, months, weeks and days
// (a date shifted into a non-existent day rolls over: 29 Feb − 1 year → 1 Mar).

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a YYYY-MM-DD string (R's as.numeric(as.Date(x))). */
export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

/** YYYY-MM-DD for a day number. */
export function isoDateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week, 0 = Sunday (R's format(x, "%w")). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day of the month (R's format(x, "%d")). */
export function dayOfMonth(day: number): number {
  return new Date(day * DAY_MS).getUTCDate();
}

/** The date `years` calendar years after `day` (negative to go back), normalised like POSIXlt. */
export function addYears(day: number, years: number): number {
  const date = new Date(day * DAY_MS);
  return Math.round(Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate()) / DAY_MS);
}

/** The date `months` calendar months after `day`, normalised like POSIXlt (31 Mar − 1 month → 3 Mar). */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * DAY_MS);
  return Math.round(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()) / DAY_MS);
}
