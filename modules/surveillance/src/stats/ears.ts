// EARS C1, C2 and C3 (Hutwagner et al. 2003, "The bioterrorism preparedness and response Early
// Aberration Reporting System"), exactly as R surveillance::earsC computes them, including its C3 bound.
import { qnorm } from './distributions/normal.js';
import { checkRange, invalidControl, requireProbability } from './control-errors.js';
import type { CountSeries, DetectionPoint, DetectionResult, MonitoredRange } from './series.js';
import { naToNull, rangeIndices } from './series.js';

export type EarsMethod = 'C1' | 'C2' | 'C3';

/** R's earsC control (same names); unset entries take R's defaults. */
export interface EarsControl {
  /** Default: (baseline+1):n for C1, (baseline+3):n for C2, (baseline+5):n for C3. */
  range: MonitoredRange;
  method: EarsMethod;
  /** Baseline length (≥ 3), default 7. */
  baseline: number;
  /** Lower bound on the baseline standard deviation, default 0 (Burkom suggests 0.5–1 for sparse data). */
  minSigma: number;
  /** One-sided level: default 0.001 for C1/C2 and 0.025 for C3 (R's defaults when alpha is unset). */
  alpha: number;
  /**
   * true (default): C3's bound as R codes it, U = max(0, y_t + S(z − lags)); false: the bound implied
   * by the published C3 statistic, U = Ȳ + S(1 + z − lags) (see research/earlywarning.md §2.1).
   */
  reproduceRQuirks: boolean;
}

const ALGORITHM = 'earsC';

/** Mean and sample standard deviation (two-pass) of y[from..to] (0-based, inclusive). */
function baselineMoments(y: readonly number[], from: number, to: number): { mean: number; sd: number } {
  const count = to - from + 1;
  let sum = 0;
  for (let i = from; i <= to; i++) sum += y[i] ?? 0;
  const mean = sum / count;
  let squares = 0;
  for (let i = from; i <= to; i++) {
    const d = (y[i] ?? 0) - mean;
    squares += d * d;
  }
  return { mean, sd: Math.sqrt(squares / (count - 1)) };
}

/** Fills R's defaults and validates an earsC control. */
export function resolveEarsControl(series: CountSeries, control: Partial<EarsControl> = {}): EarsControl {
  const method = control.method ?? 'C1';
  if (method !== 'C1' && method !== 'C2' && method !== 'C3') {
    throw invalidControl(ALGORITHM, 'method', `must be one of C1, C2, C3, got ${String(method)}`);
  }
  const baseline = control.baseline ?? 7;
  if (!Number.isInteger(baseline) || baseline < 3)
    throw invalidControl(ALGORITHM, 'baseline', 'Minimum baseline to use is 3.');
  const minSigma = control.minSigma ?? 0;
  if (!(minSigma >= 0)) throw invalidControl(ALGORITHM, 'minSigma', 'needs to be positive (≥ 0)');
  const alpha = control.alpha ?? (method === 'C3' ? 0.025 : 0.001);
  requireProbability(ALGORITHM, 'alpha', alpha);
  const lag = { C1: 0, C2: 2, C3: 4 }[method];
  const n = series.observed.length;
  const range = control.range ?? [baseline + 1 + lag, n];
  checkRange(ALGORITHM, range, n, baseline + lag);
  return { range, method, baseline, minSigma, alpha, reproduceRQuirks: control.reproduceRQuirks ?? true };
}

/**
 * C1: U_t = Ȳ + z_{1−α}·max(S, minSigma) over the `baseline` days before t. C2: the same with a
 * two-day guard band. C3: combines the C2 statistics of t−2, t−1 and t. Alarm iff y_t > U_t.
 */
export function earsC(series: CountSeries, control: Partial<EarsControl> = {}): DetectionResult<EarsControl> {
  const resolved = resolveEarsControl(series, control);
  const { method, baseline, minSigma, alpha } = resolved;
  const y = series.observed;
  const z = qnorm(1 - alpha);
  const guard = method === 'C1' ? 0 : 2;
  // Baseline of 1-based t: y_{t−baseline−guard} … y_{t−1−guard}.
  const momentsAt = (t: number) => baselineMoments(y, t - 1 - baseline - guard, t - 2 - guard);
  const c2Statistic = (t: number): number => {
    const { mean, sd } = momentsAt(t);
    return ((y[t - 1] ?? 0) - mean) / Math.max(sd, minSigma);
  };
  const points: DetectionPoint[] = rangeIndices(resolved.range).map((t) => {
    const observed = y[t - 1] ?? 0;
    const { mean, sd } = momentsAt(t);
    const sigma = Math.max(sd, minSigma);
    let upperbound: number;
    if (method === 'C3') {
      const lags = Math.max(0, c2Statistic(t - 2) - 1) + Math.max(0, c2Statistic(t - 1) - 1);
      upperbound = resolved.reproduceRQuirks
        ? Math.max(0, observed + sigma * (z - lags))
        : mean + sigma * (1 + z - lags);
    } else {
      upperbound = mean + z * sigma;
    }
    const bound = naToNull(upperbound);
    return {
      t,
      observed,
      expected: null,
      upperbound: bound,
      alarm: bound === null ? null : observed > upperbound,
    };
  });
  return { control: resolved, points };
}
