// The Poisson CUSUM of Rossi, Lampugnani & Marchi (1999) as R surveillance::algo.cusum computes it:
// standardised counts z_t, S_t = max(0, S_{t−1} + z_t − k), alarm when S_t ≥ h, and the count that
// would have raised the alarm as the upper bound.
import { poissonFamily } from './glm/family.js';
import { fitGlm } from './glm/glm-fit.js';
import { checkRange, invalidControl, requirePositive } from './control-errors.js';
import type { CountSeries, DetectionPoint, DetectionResult, MonitoredRange } from './series.js';
import { rangeIndices } from './series.js';

export type CusumTransformation =
  'standard' | 'rossi' | 'anscombe' | 'anscombe2nd' | 'pearsonNegBin' | 'none';

/** R's algo.cusum control (same names and defaults). */
export interface CusumControl {
  /** Required in R; here defaults to the last year of the series. */
  range: MonitoredRange;
  k: number;
  h: number;
  /** In-control mean: null = mean of the counts before the range, a number, or 'glm' (seasonal Poisson GLM). */
  m: number | 'glm' | null;
  trans: CusumTransformation;
  /** Overdispersion α of the negative binomial transformation; default 0.1. */
  alpha: number;
  /** surveillance ≥ 1.25: restart S at 0 after an alarm. Default false, as in 1.20.3. */
  reset: boolean;
}

export interface CusumPoint extends DetectionPoint {
  /** The CUSUM statistic S_t. */
  cusum: number;
  /** The in-control mean m used at this point. */
  m: number;
}

const ALGORITHM = 'cusum';
const TRANSFORMATIONS: CusumTransformation[] = [
  'standard',
  'rossi',
  'anscombe',
  'anscombe2nd',
  'pearsonNegBin',
  'none',
];

/** Fills defaults and validates an algo.cusum control. */
export function resolveCusumControl(series: CountSeries, control: Partial<CusumControl> = {}): CusumControl {
  const n = series.observed.length;
  const frequency = series.frequency;
  const range = control.range ?? [Math.max(2, n - frequency + 1), n];
  checkRange(ALGORITHM, range, n, 1);
  const k = control.k ?? 1.04;
  const h = control.h ?? 2.26;
  requirePositive(ALGORITHM, 'h', h);
  if (!Number.isFinite(k)) throw invalidControl(ALGORITHM, 'k', 'must be a number');
  const trans = control.trans ?? 'standard';
  if (!TRANSFORMATIONS.includes(trans)) {
    const hint = String(trans) === 'anscombeNegBin' ? ' (anscombeNegBin is not supported)' : '';
    throw invalidControl(ALGORITHM, 'trans', `must be one of ${TRANSFORMATIONS.join(', ')}${hint}`);
  }
  const m = control.m ?? null;
  if (m !== null && m !== 'glm' && !(typeof m === 'number' && m > 0)) {
    throw invalidControl(ALGORITHM, 'm', 'must be null, "glm" or a positive number');
  }
  return { range, k, h, m, trans, alpha: control.alpha ?? 0.1, reset: control.reset ?? false };
}

/** m for every monitored point: the phase-1 mean, a constant, or a seasonal Poisson GLM's predictions. */
function inControlMeans(series: CountSeries, control: CusumControl, monitored: number[]): number[] {
  const y = series.observed;
  const phaseOneEnd = control.range[0] - 1;
  if (typeof control.m === 'number') return monitored.map(() => control.m as number);
  if (control.m === null) {
    let sum = 0;
    for (let t = 1; t <= phaseOneEnd; t++) sum += y[t - 1] ?? 0;
    const mean = sum / phaseOneEnd;
    return monitored.map(() => mean);
  }
  // R: x ~ 1 + cos(2πt/p) + sin(2πt/p) with t = start period + index − 1.
  const startPeriod = series.start?.[1] ?? 1;
  const omega = (2 * Math.PI) / series.frequency;
  const training = Array.from({ length: phaseOneEnd }, (_, i) => startPeriod + i);
  const fit = fitGlm(
    [
      training.map(() => 1),
      training.map((t) => Math.cos(omega * t)),
      training.map((t) => Math.sin(omega * t)),
    ],
    y.slice(0, phaseOneEnd),
    { family: poissonFamily },
  );
  const [b0, b1, b2] = fit.coefficients;
  return monitored.map((index) => {
    const t = startPeriod + index - 1;
    return Math.max(
      Math.exp((b0 ?? 0) + (b1 ?? 0) * Math.cos(omega * t) + (b2 ?? 0) * Math.sin(omega * t)),
      Number.EPSILON,
    );
  });
}

/** z_t for each transformation (Rossi et al. 1999; Anscombe 1953 for the variance-stabilising forms). */
function standardise(x: number, m: number, trans: CusumTransformation, alpha: number): number {
  switch (trans) {
    case 'rossi':
      return (x - 3 * m + 2 * Math.sqrt(x * m)) / (2 * Math.sqrt(m));
    case 'standard':
      return (x - m) / Math.sqrt(m);
    case 'anscombe':
      return (1.5 * (Math.pow(x, 2 / 3) - Math.pow(m, 2 / 3))) / Math.pow(m, 1 / 6);
    case 'anscombe2nd':
      return (
        (Math.pow(x, 2 / 3) - (Math.pow(m, 2 / 3) - Math.pow(m, -1 / 3) / 9)) / ((2 / 3) * Math.pow(m, 1 / 6))
      );
    case 'pearsonNegBin':
      return (x - m) / Math.sqrt(m + alpha * m * m);
    case 'none':
      return x;
  }
}

/** The count at which S_t would reach h, given S_{t−1} (R's upperbound, reproduced formula by formula). */
function alarmingCount(m: number, previous: number, current: number, control: CusumControl): number {
  const { h, k, alpha } = control;
  const reach = h + k - previous;
  let bound: number;
  switch (control.trans) {
    case 'rossi':
      bound =
        2 * h * Math.sqrt(m) +
        2 * k * Math.sqrt(m) -
        2 * previous * Math.sqrt(m) +
        5 * m -
        2 *
          Math.sqrt(
            4 * m * m + 2 * Math.pow(m, 1.5) * h + 2 * Math.pow(m, 1.5) * k - 2 * Math.pow(m, 1.5) * previous,
          );
      break;
    case 'standard':
      bound = Math.ceil(Math.sqrt(m) * reach + m);
      break;
    case 'anscombe': {
      const base = (2 / 3) * Math.pow(m, 1 / 6) * reach + Math.pow(m, 2 / 3);
      bound = base < 0 ? 0 : Math.pow(base, 1.5);
      break;
    }
    case 'anscombe2nd': {
      // R uses m^(1/3)/9 here but m^(−1/3)/9 in the transformation; reproduced as is.
      const base = (2 / 3) * Math.pow(m, 1 / 6) * reach + (Math.pow(m, 2 / 3) - Math.pow(m, 1 / 3) / 9);
      bound = base < 0 ? 0 : Math.pow(base, 1.5);
      break;
    }
    case 'pearsonNegBin':
      bound = Math.sqrt(m + alpha * m * m) * reach + m;
      break;
    case 'none':
      bound = h - current;
      break;
  }
  return Number.isNaN(bound) || bound < 0 ? 0 : bound;
}

/** Runs algo.cusum over the monitored range. */
export function cusum(
  series: CountSeries,
  control: Partial<CusumControl> = {},
): DetectionResult<CusumControl, CusumPoint> {
  const resolved = resolveCusumControl(series, control);
  const monitored = rangeIndices(resolved.range);
  const means = inControlMeans(series, resolved, monitored);
  let statistic = 0;
  const points = monitored.map((t, i): CusumPoint => {
    const observed = series.observed[t - 1] ?? 0;
    const m = means[i] ?? 0;
    const previous = statistic;
    statistic = Math.max(0, previous + standardise(observed, m, resolved.trans, resolved.alpha) - resolved.k);
    const alarm = statistic >= resolved.h;
    const point: CusumPoint = {
      t,
      observed,
      expected: m,
      upperbound: alarmingCount(m, previous, statistic, resolved),
      alarm,
      cusum: statistic,
      m,
    };
    if (alarm && resolved.reset) statistic = 0;
    return point;
  });
  return { control: resolved, points };
}
