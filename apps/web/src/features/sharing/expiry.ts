/** When an agreement chosen on the page to run "until" a date ends. */

/**
 * The close of that day in Shanghai (UTC+8, no daylight saving), where the platform shows its times: an
 * officer who picks 2027-06-30 means through that day, not midnight UTC (08:00 on the day named).
 */
export function endOfDayInShanghai(date: string): string {
  return new Date(`${date}T23:59:59.999+08:00`).toISOString();
}
