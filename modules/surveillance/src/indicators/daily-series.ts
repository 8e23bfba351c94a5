/**
 * Daily count series on a regular calendar (pure): stored counts laid out day by day, with a missing day
 * read as zero for counted indicators or as "not reported" for reported ones (school absenteeism has no
 * figure on days without school); and weekly sums over complete ISO weeks (Monday–Sunday) for the
 * algorithms that work on weeks.
 */
import { addDays, dateRange, isoWeekday } from './local-date.js';

export interface DailyPoint {
  date: string;
  /** Null: no figure for that day. */
  count: number | null;
}

export interface WeeklyPoint {
  /** Monday of the ISO week. */
  weekStart: string;
  /** Sunday of the ISO week: the day a weekly alarm is dated. */
  weekEnd: string;
  count: number;
}

/** Lays `counts` (by date) out from `from` to `to`; a day without a row is 0, or null when `missingIsZero` is false. */
export function dailySeries(
  counts: ReadonlyMap<string, number>,
  range: { from: string; to: string },
  missingIsZero: boolean,
): DailyPoint[] {
  return dateRange(range.from, range.to).map((date) => ({
    date,
    count: counts.get(date) ?? (missingIsZero ? 0 : null),
  }));
}

/** Sums complete ISO weeks (days without a figure add nothing); a trailing partial week is left out. */
export function weeklySeries(days: readonly DailyPoint[]): WeeklyPoint[] {
  const weeks: WeeklyPoint[] = [];
  let start = 0;
  while (start < days.length && isoWeekday(days[start]!.date) !== 1) start++;
  for (let i = start; i + 7 <= days.length; i += 7) {
    let count = 0;
    for (let d = i; d < i + 7; d++) count += days[d]!.count ?? 0;
    const weekStart = days[i]!.date;
    weeks.push({ weekStart, weekEnd: addDays(weekStart, 6), count });
  }
  return weeks;
}
