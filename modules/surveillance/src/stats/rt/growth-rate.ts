// Epidemic growth rate and doubling time over sliding windows from a log-linear quasi-Poisson model
// log E[I_t] = a + r t (the "log-linear regression" estimate of Wallinga & Lipsitch 2007, §2, with
// over-dispersion as in Farrington et al. 1996): r with a Wald interval on the t distribution.
import { qt } from '../distributions/student-t.js';
import { quasiPoissonFamily } from '../glm/family.js';
import { fitGlm } from '../glm/glm-fit.js';
import { coefficientTest, pearsonDispersion } from '../glm/glm-inference.js';
import { invalidControl } from '../control-errors.js';

export interface GrowthRateOptions {
  /** Window length in time steps (default 7). */
  window?: number;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
}

export interface GrowthWindow {
  t_start: number;
  t_end: number;
  /** r per time step; null when the window has no cases. */
  rate: number | null;
  rateLower: number | null;
  rateUpper: number | null;
  /** ln 2 / r: positive = doubling time, negative = halving time; null when undefined. */
  doublingTime: number | null;
  /** The interval of ln 2 / r, null where the rate interval includes 0 (the time is unbounded). */
  doublingTimeLower: number | null;
  doublingTimeUpper: number | null;
  /** The quasi-Poisson dispersion estimate (summary.glm, not floored). */
  dispersion: number | null;
}

/**
 * For each window [t_start, t_start + window − 1] (t_start = 1, 2, …): r̂ from glm(I ~ t, quasipoisson),
 * se(r̂) = √(φ̂ [(XᵀWX)⁻¹]_rr) with φ̂ the Pearson dispersion, and r̂ ± t_{df, 1−(1−level)/2} se(r̂),
 * df = window − 2. Doubling time ln 2 / r and its interval by transforming the interval of r.
 */
export function growthRate(counts: readonly number[], options: GrowthRateOptions = {}): GrowthWindow[] {
  const window = options.window ?? 7;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(window) || window < 3)
    throw invalidControl('growthRate', 'window', 'must be an integer ≥ 3');
  if (!(level > 0 && level < 1))
    throw invalidControl('growthRate', 'level', 'must lie strictly between 0 and 1');
  if (counts.length < window) throw invalidControl('growthRate', 'window', `needs at least ${window} counts`);
  const z = qt(1 - (1 - level) / 2, window - 2);
  const ln2 = Math.LN2;
  const results: GrowthWindow[] = [];
  for (let start = 1; start + window - 1 <= counts.length; start++) {
    const end = start + window - 1;
    const y = counts.slice(start - 1, end);
    const times = Array.from({ length: window }, (_, i) => start + i);
    const empty: GrowthWindow = {
      t_start: start,
      t_end: end,
      rate: null,
      rateLower: null,
      rateUpper: null,
      doublingTime: null,
      doublingTimeLower: null,
      doublingTimeUpper: null,
      dispersion: null,
    };
    if (y.every((value) => value === 0)) {
      results.push(empty);
      continue;
    }
    const fit = fitGlm([times.map(() => 1), times], y, { family: quasiPoissonFamily });
    const dispersion = pearsonDispersion(fit);
    const test = coefficientTest(fit, 1, dispersion, true);
    const rate = test.estimate;
    const lower = rate - z * test.standardError;
    const upper = rate + z * test.standardError;
    const bounded = lower > 0 || upper < 0;
    results.push({
      ...empty,
      rate,
      rateLower: lower,
      rateUpper: upper,
      doublingTime: rate === 0 ? null : ln2 / rate,
      doublingTimeLower: bounded ? ln2 / upper : null,
      doublingTimeUpper: bounded ? ln2 / lower : null,
      dispersion,
    });
  }
  return results;
}
