// The shapes shared by the aberration detectors: an input count series (R's `sts` with one unit) and
// the per-time-point output (R's upperbound, alarm and control$expected for the monitored range).

/** One surveillance time series, R's `sts` with a single column. */
export interface CountSeries {
  /** Counts y₁ … yₙ; index 0 is R's t = 1. */
  observed: readonly number[];
  /** Observations per year (R's `freq`): 52 weekly, 12 monthly, 365 daily. */
  frequency: number;
  /** Calendar dates (YYYY-MM-DD), one per count, when the epoch is a date (R's `epochAsDate = TRUE`). */
  dates?: readonly string[];
  /** Population per time point (R's `population(sts)`), used by `populationOffset`. */
  population?: readonly number[];
  /** [year, period] of the first observation (R's `start`), used by seasonal in-control models. */
  start?: readonly [number, number];
}

/** R's `range` as an inclusive pair of 1-based indices (`from:to`). */
export type MonitoredRange = readonly [from: number, to: number];

/** The result at one monitored time point. */
export interface DetectionPoint {
  /** 1-based time index (R's t). */
  t: number;
  observed: number;
  /** The algorithm's expected count, or null where it has none (or R reports NA). */
  expected: number | null;
  /** The threshold, or null where R reports NA. */
  upperbound: number | null;
  /** Whether the point alarms; null where R reports NA. */
  alarm: boolean | null;
}

/** A detector's output: the resolved control (R defaults filled in) and one row per monitored point. */
export interface DetectionResult<Control, Point extends DetectionPoint = DetectionPoint> {
  control: Control;
  points: Point[];
}

/** R's NA for numbers: NaN (and undefined) become null. */
export function naToNull(value: number | undefined): number | null {
  return value === undefined || Number.isNaN(value) ? null : value;
}

/** The monitored 1-based indices from…to. */
export function rangeIndices(range: MonitoredRange): number[] {
  const [from, to] = range;
  const indices: number[] = [];
  for (let t = from; t <= to; t++) indices.push(t);
  return indices;
}
