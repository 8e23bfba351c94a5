/**
 * How healthy a data source's feed is (pure): when it last delivered, how much it sent today, how much of
 * what it sent was refused, how late its records typically arrive (received − effective time), and whether
 * it has been silent longer than the interval it is expected to report in.
 */

export interface SourceActivity {
  /** The source's registration time and expected reporting interval. */
  createdAt: string;
  expectedIntervalHours: number;
  /** Last time anything from the source was accepted (UTC), or null. */
  lastRecordAt: string | null;
  acceptedToday: number;
  /** Over the measurement window. */
  accepted: number;
  unchanged: number;
  rejected: number;
  /** Delays of recent records in milliseconds (received − effective time). */
  delaysMs: readonly number[];
}

export interface SourceHealth {
  lastRecordAt: string | null;
  recordsToday: number;
  /** Refused ÷ submitted over the window; null when nothing was submitted. */
  rejectionRate: number | null;
  /** Median delay in minutes; null without records that say when they happened (before they arrived). */
  typicalDelayMinutes: number | null;
  /** 90th percentile of the delay, minutes. */
  delayP90Minutes: number | null;
  /** Silent longer than expected: since its last record, or since registration if it never sent one. */
  silent: boolean;
  silentForHours: number | null;
}

export function sourceHealth(activity: SourceActivity, now: Date): SourceHealth {
  const submitted = activity.accepted + activity.unchanged + activity.rejected;
  const since = activity.lastRecordAt ?? activity.createdAt;
  const silentForHours = (now.getTime() - Date.parse(since)) / 3_600_000;
  // A record dated after it arrived (a clock or time-zone error at the source) was not late: it has no delay.
  const sorted = [...activity.delaysMs].filter((d) => Number.isFinite(d) && d >= 0).sort((a, b) => a - b);
  return {
    lastRecordAt: activity.lastRecordAt,
    recordsToday: activity.acceptedToday,
    rejectionRate: submitted === 0 ? null : activity.rejected / submitted,
    typicalDelayMinutes: quantileMinutes(sorted, 0.5),
    delayP90Minutes: quantileMinutes(sorted, 0.9),
    silent: silentForHours > activity.expectedIntervalHours,
    silentForHours: Math.round(silentForHours * 10) / 10,
  };
}

/** Type 7 quantile (R's default: linear interpolation between order statistics), in minutes, one decimal. */
function quantileMinutes(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const value =
    sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
  return Math.round((value / 60_000) * 10) / 10;
}

/** Midnight at the start of `now`'s day in a zone east of UTC by `offsetMinutes` (Asia/Shanghai: 480), as UTC. */
export function startOfLocalDay(now: Date, offsetMinutes = 480): Date {
  const shifted = now.getTime() + offsetMinutes * 60_000;
  const day = Math.floor(shifted / 86_400_000) * 86_400_000;
  return new Date(day - offsetMinutes * 60_000);
}
