// Which past observations serve as reference values for time point k, as R surveillance chooses them:
// by index (k − freq·i) for a plain time index, or by calendar date (one year back, snapped to the same
// weekday for weekly data) when the epoch is a date.
import { addMonths, addYears, dayOfMonth, weekday } from './calendar.js';

/** The unit of one epoch step when the epoch is a date. */
export type EpochUnit = 'day' | 'week' | 'month';

/** R maps freq 365/52/12 to a day, week or month epoch (other frequencies have no calendar step). */
export function epochUnitOf(frequency: number): EpochUnit | null {
  if (frequency === 365) return 'day';
  if (frequency === 52) return 'week';
  if (frequency === 12) return 'month';
  return null;
}

/** Steps `day` by `count` epochs of `unit` (R's seq(by = "1 week") etc.). */
function stepEpoch(day: number, unit: EpochUnit, count: number): number {
  if (unit === 'day') return day + count;
  if (unit === 'week') return day + 7 * count;
  return addMonths(day, count);
}

/** Day → 0-based position, built once per series (the same dates array is reused for every week). */
const positionIndex = new WeakMap<readonly number[], Map<number, number>>();

/** 0-based position of each day in `epochDays` (sorted ascending), or −1 when absent. */
function positionsOf(days: readonly number[], epochDays: readonly number[]): number[] {
  let index = positionIndex.get(epochDays);
  if (!index) {
    index = new Map<number, number>();
    for (let position = 0; position < epochDays.length; position++)
      index.set(epochDays[position] as number, position);
    positionIndex.set(epochDays, index);
  }
  const lookup = index;
  return days.map((day) => lookup.get(day) ?? -1);
}

/**
 * algo.farrington's reference windows for 1-based k (b years back, ±w epochs), oldest year first.
 * Index mode: {k − freq·i − w, …, k − freq·i + w}; indices below 1 are dropped, as R drops them.
 * Date mode (R's refvalIdxByDate): the same day i years back, the w epochs either side, weekly dates
 * snapped to the nearest date with k's weekday, monthly dates to k's day of the month; dates missing
 * from the series are dropped.
 */
export function farringtonReferenceIndices(
  k: number,
  options: { b: number; w: number; frequency: number; epochDays?: readonly number[] },
): number[] {
  const { b, w, frequency, epochDays } = options;
  if (epochDays === undefined) {
    const indices: number[] = [];
    for (let i = b; i >= 1; i--) {
      for (let t = k - frequency * i - w; t <= k - frequency * i + w; t++) if (t > 0) indices.push(t);
    }
    return indices;
  }
  const unit = epochUnitOf(frequency) ?? 'day';
  const now = epochDays[k - 1] ?? Number.NaN;
  const days: number[] = [];
  // R builds seq(t0, by = "-1 year")[-1], i.e. 1 … b years back, most recent first.
  for (let i = 1; i <= b; i++) {
    const centre = addYears(now, -i);
    for (let j = w; j >= 0; j--) days.push(stepEpoch(centre, unit, -j));
    for (let j = 1; j <= w; j++) days.push(stepEpoch(centre, unit, j));
  }
  const snapped = days.map((day) => {
    if (unit === 'week') {
      const forward = (((weekday(now) - weekday(day)) % 7) + 7) % 7;
      const backward = (((weekday(day) - weekday(now)) % 7) + 7) % 7;
      return day + (forward < backward ? forward : -backward);
    }
    if (unit === 'month') return day - (dayOfMonth(day) - dayOfMonth(now));
    return day;
  });
  return positionsOf(snapped, epochDays)
    .filter((position) => position >= 0)
    .map((position) => position + 1);
}

/**
 * farringtonFlexible's reference time points for 1-based k: k itself and 1 … b years back, most
 * recent first, as 1-based indices (−1 where a date is missing). Index mode: k − freq·i. Date mode
 * (algo.farrington.referencetimepoints): k's date minus i calendar years; for weekly data snapped to
 * the nearer of the two dates with k's weekday (the earlier one on a tie).
 */
export function flexibleReferenceIndices(
  k: number,
  options: { b: number; frequency: number; epochDays?: readonly number[] },
): number[] {
  const { b, frequency, epochDays } = options;
  if (epochDays === undefined) {
    return Array.from({ length: b + 1 }, (_, i) => k - frequency * i);
  }
  const unit = epochUnitOf(frequency);
  const now = epochDays[k - 1] ?? Number.NaN;
  const days = Array.from({ length: b + 1 }, (_, i) => {
    const target = addYears(now, -i);
    if (unit !== 'week') return target;
    const sameWeek = target - (weekday(target) - weekday(now));
    const other = sameWeek + (sameWeek > target ? -7 : 7);
    return Math.abs(sameWeek - target) > Math.abs(other - target) ? other : sameWeek;
  });
  return positionsOf(days, epochDays).map((position) => (position < 0 ? -1 : position + 1));
}
