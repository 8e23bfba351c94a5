/**
 * Runs one detection rule over one area's daily counts (pure): daily rules see the reported days in
 * order (days without a figure are skipped, as ESSENCE does for school data), weekly rules see complete
 * ISO weeks; the last `evaluateLast` points are monitored. Returns each monitored point with the
 * detector's expected count, upper bound and alarm, or the reason the series could not be evaluated.
 */
import { isAppError } from '@shuzhi/core';
import type { DetectionAlgorithm } from '../commands/detect-control.js';
import { cusum, type CusumControl } from '../stats/cusum.js';
import { earsC, type EarsControl } from '../stats/ears.js';
import { farrington, type FarringtonControl } from '../stats/farrington/farrington.js';
import {
  farringtonFlexible,
  type FarringtonFlexibleControl,
} from '../stats/farrington/farrington-flexible.js';
import { glrnb, type GlrnbControl } from '../stats/glr/glrnb.js';
import type { CountSeries, DetectionPoint, MonitoredRange } from '../stats/series.js';
import { weeklySeries, type DailyPoint } from '../indicators/daily-series.js';
import { addDays } from '../indicators/local-date.js';
import type { DetectionRule } from './detection-rules.js';

export interface EvaluatedPoint {
  /** The day (daily rules) or the week's Sunday (weekly rules). */
  date: string;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  /** The detector alarmed and the count reached the rule's minimum. */
  alarm: boolean;
}

export type SeriesEvaluation = { points: EvaluatedPoint[] } | { skipped: string };

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

export function runDetector(
  algorithm: DetectionAlgorithm,
  series: CountSeries,
  control: Record<string, unknown>,
): DetectionPoint[] {
  switch (algorithm) {
    case 'earsC1':
    case 'earsC2':
    case 'earsC3':
      return growingEars(algorithm, series, control);
    case 'farrington':
      return farrington(series, control as Partial<FarringtonControl>).points;
    case 'farringtonFlexible':
      return farringtonFlexible(series, control as Partial<FarringtonFlexibleControl>).points;
    case 'cusum':
      return cusum(series, control as Partial<CusumControl>).points;
    case 'glrnb':
      return glrnb(series, control as Partial<GlrnbControl>).points;
  }
}

/** EARS's classic baseline: the shortest a growing baseline starts from. */
const MIN_EARS_BASELINE = 7;
const earsLag = { earsC1: 0, earsC2: 2, earsC3: 4 } as const;

/**
 * EARS with a baseline that grows, as ESSENCE's does (CDC Rnssp `alert_ewma`/`alert_regression`: "the
 * baseline grows from its minimum up to B"): a point with less history than `baseline` days uses all it
 * has, down to 7 days. Every point is computed exactly as R's `earsC` with the baseline that point uses;
 * points with the full history form one call with R's own control.
 */
function growingEars(
  algorithm: 'earsC1' | 'earsC2' | 'earsC3',
  series: CountSeries,
  control: Record<string, unknown>,
): DetectionPoint[] {
  const method = algorithm.slice(4);
  const baseline = numberOr(control['baseline'], MIN_EARS_BASELINE);
  const lag = earsLag[algorithm];
  const range = control['range'] as MonitoredRange | undefined;
  const [from, to] = range ?? [baseline + lag + 1, series.observed.length];
  const full = Math.max(from, baseline + lag + 1);
  const points: DetectionPoint[] = [];
  for (let t = from; t < Math.min(full, to + 1); t++) {
    const shorter = t - 1 - lag;
    if (shorter < Math.min(MIN_EARS_BASELINE, baseline)) continue;
    points.push(
      ...earsC(series, { ...control, method, baseline: shorter, range: [t, t] } as Partial<EarsControl>)
        .points,
    );
  }
  if (full <= to)
    points.push(...earsC(series, { ...control, method, range: [full, to] } as Partial<EarsControl>).points);
  return points;
}

/**
 * The first 1-based index a rule can monitor: after EARS's baseline and guard band, or after the b years
 * (plus w weeks, and one week per year for 53-week years on a date epoch) the Farrington methods look back.
 */
function earliestMonitored(rule: DetectionRule, frequency: number): number {
  const { control } = rule;
  switch (rule.algorithm) {
    case 'earsC1':
    case 'earsC2':
    case 'earsC3':
      return Math.min(MIN_EARS_BASELINE, numberOr(control['baseline'], 7)) + earsLag[rule.algorithm] + 1;
    case 'farrington':
    case 'farringtonFlexible': {
      const b = numberOr(control['b'], 5);
      const w = numberOr(control['w'], 3);
      return Math.max(frequency * b + w + b + 1, numberOr(control['pastWeeksNotIncluded'], w) + 1);
    }
    case 'cusum':
    case 'glrnb':
      return 2;
  }
}

export function evaluateSeries(
  rule: DetectionRule,
  days: readonly DailyPoint[],
  options: { evaluateLast: number },
): SeriesEvaluation {
  let observed: number[];
  let dates: string[];
  let frequency: number;
  let regularDates = true;
  if (rule.aggregation === 'weekly') {
    const weeks = weeklySeries(days);
    observed = weeks.map((w) => w.count);
    dates = weeks.map((w) => w.weekStart);
    frequency = 52;
  } else {
    const reported = days.filter((d): d is { date: string; count: number } => d.count !== null);
    regularDates = reported.length === days.length;
    observed = reported.map((d) => d.count);
    dates = reported.map((d) => d.date);
    frequency = 365;
  }
  const n = observed.length;
  const earliest = earliestMonitored(rule, frequency);
  const from = Math.max(n - options.evaluateLast + 1, earliest);
  const unit = rule.aggregation === 'weekly' ? 'weeks' : 'days';
  if (from > n) return { skipped: `needs ${earliest} ${unit} of history, has ${n}` };
  const usesDates = rule.algorithm === 'farrington' || rule.algorithm === 'farringtonFlexible';
  if (usesDates && !regularDates)
    return { skipped: 'days without a figure; farrington needs a regular calendar' };
  const series: CountSeries = { observed, frequency, ...(usesDates ? { dates } : {}) };
  const range: MonitoredRange = [from, n];
  let points: DetectionPoint[];
  try {
    points = runDetector(rule.algorithm, series, { ...rule.control, range });
  } catch (error) {
    if (isAppError(error) && error.code === 'invalid_input') return { skipped: error.message };
    throw error;
  }
  const dateOf = (t: number) => (rule.aggregation === 'weekly' ? addDays(dates[t - 1]!, 6) : dates[t - 1]!);
  return {
    points: points.map((p) => ({
      date: dateOf(p.t),
      observed: p.observed,
      expected: p.expected,
      upperbound: p.upperbound,
      alarm: p.alarm === true && p.observed >= rule.minCount,
    })),
  };
}
