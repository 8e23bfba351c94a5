// The instantaneous reproduction number by the method of Cori, Ferguson, Fraser & Cauchemez (2013,
// AJE 178:1505–1512), as EpiEstim::estimate_R computes it for a known serial interval ("parametric_si"
// and "non_parametric_si"): a gamma prior on R_t, conjugate gamma posterior over sliding windows.
import { qgamma } from '../distributions/gamma.js';
import { invalidControl } from '../control-errors.js';
import { discretisedSerialInterval, serialIntervalMoments } from './serial-interval.js';

/** Daily incidence split as EpiEstim does: cases on day 1 always count as imported. */
export interface Incidence {
  local: readonly number[];
  imported: readonly number[];
}

export type SerialIntervalMethod =
  | { method: 'parametric_si'; meanSi: number; stdSi: number }
  | { method: 'non_parametric_si'; siDistr: readonly number[] };

export type EstimateROptions = SerialIntervalMethod & {
  /** Window starts (1-based, ≥ 2); default 2 … T − window + 1. */
  tStart?: readonly number[];
  /** Window ends; default tStart + window − 1. */
  tEnd?: readonly number[];
  /** Sliding window length in days for the default windows; EpiEstim's default is 7 (weekly). */
  window?: number;
  meanPrior?: number;
  stdPrior?: number;
  cvPosterior?: number;
};

/** The posterior of R over one window (null values where EpiEstim reports NA: t_end ≤ mean SI). */
export interface RWindow {
  t_start: number;
  t_end: number;
  mean: number | null;
  std: number | null;
  q025: number | null;
  q05: number | null;
  q25: number | null;
  median: number | null;
  q75: number | null;
  q95: number | null;
  q975: number | null;
}

export interface EstimateRResult {
  windows: RWindow[];
  /** The serial interval used, w_0, w_1, … (padded with zeros to T + 1 as EpiEstim does). */
  siDistr: number[];
  siMean: number;
  siStd: number;
  /** EpiEstim's warnings, e.g. too few cases in the first window for the requested posterior CV. */
  warnings: string[];
}

const ALGORITHM = 'estimate_R';
const QUANTILES = [0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975] as const;

/** EpiEstim's process_I for a single series: all cases of day 1 become imported. */
export function incidenceFromCounts(counts: readonly number[]): Incidence {
  return {
    local: counts.map((c, i) => (i === 0 ? 0 : c)),
    imported: counts.map((c, i) => (i === 0 ? c : 0)),
  };
}

/** Overall infectivity Λ_t = Σ_{s=0}^{t−1} w_s I_{t−s} (local + imported), Λ_1 undefined (Cori et al. eq. 1). */
export function overallInfectivity(incidence: Incidence, siDistr: readonly number[]): Float64Array {
  const T = incidence.local.length;
  const total = incidence.local.map((local, i) => local + (incidence.imported[i] ?? 0));
  const lambda = new Float64Array(T + 1).fill(Number.NaN);
  for (let t = 2; t <= T; t++) {
    let sum = 0;
    for (let s = 0; s < t; s++) sum += (siDistr[s] ?? 0) * (total[t - 1 - s] ?? 0);
    lambda[t] = sum;
  }
  return lambda;
}

/** The last parametric serial interval computed: many districts share one (mean, sd, T). */
let lastParametric: { key: string; distribution: number[] } | null = null;

function resolveSerialInterval(options: SerialIntervalMethod, T: number): number[] {
  if (options.method === 'parametric_si') {
    const { meanSi, stdSi } = options;
    if (!(meanSi > 1)) {
      throw invalidControl(ALGORITHM, 'mean_si', 'method parametric_si requires a value >1 for mean_si');
    }
    if (!(stdSi > 0))
      throw invalidControl(ALGORITHM, 'std_si', 'method parametric_si requires a >0 value for std_si');
    const key = `${meanSi}/${stdSi}/${T}`;
    if (lastParametric?.key !== key) {
      const days = Array.from({ length: T }, (_, k) => k);
      lastParametric = { key, distribution: discretisedSerialInterval(days, meanSi, stdSi) };
    }
    return [...lastParametric.distribution];
  }
  const distribution = [...options.siDistr];
  if (distribution[0] !== 0)
    throw invalidControl(ALGORITHM, 'si_distr', 'si_distr should be so that si_distr[1] = 0');
  if (distribution.some((w) => !(w >= 0)))
    throw invalidControl(ALGORITHM, 'si_distr', 'must be a non-negative vector');
  const sum = distribution.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 0.01) throw invalidControl(ALGORITHM, 'si_distr', 'si_distr must sum to 1');
  return distribution;
}

function resolveWindows(options: EstimateROptions, T: number): { tStart: number[]; tEnd: number[] } {
  let tStart: number[];
  let tEnd: number[];
  if (options.tStart || options.tEnd) {
    if (!options.tStart || !options.tEnd)
      throw invalidControl(ALGORITHM, 't_start', 't_start and t_end must be given together');
    tStart = [...options.tStart];
    tEnd = [...options.tEnd];
  } else {
    const window = options.window ?? 7;
    if (!Number.isInteger(window) || window < 1)
      throw invalidControl(ALGORITHM, 'window', 'must be a positive integer');
    if (T - window + 1 < 2)
      throw invalidControl(ALGORITHM, 'window', `needs at least ${window + 1} days of incidence`);
    tStart = Array.from({ length: T - window }, (_, i) => i + 2);
    tEnd = tStart.map((start) => start + window - 1);
  }
  if (tStart.length !== tEnd.length)
    throw invalidControl(ALGORITHM, 't_end', 't_start and t_end must have the same length');
  tStart.forEach((start, i) => {
    const end = tEnd[i] ?? 0;
    if (start > end) throw invalidControl(ALGORITHM, 't_start', 't_start[i] must be <= t_end[i] for all i');
    if (!Number.isInteger(start) || start < 2 || start > T) {
      throw invalidControl(ALGORITHM, 't_start', `must be integers between 2 and ${T}`);
    }
    if (!Number.isInteger(end) || end < 2 || end > T)
      throw invalidControl(ALGORITHM, 't_end', `must be integers between 2 and ${T}`);
  });
  return { tStart, tEnd };
}

/** EpiEstim::estimate_R for the parametric and non-parametric serial interval methods. */
export function estimateR(incidence: Incidence, options: EstimateROptions): EstimateRResult {
  const T = incidence.local.length;
  if (T < 2) throw invalidControl(ALGORITHM, 'incid', 'needs at least two days of incidence');
  for (const [name, values] of [
    ['local', incidence.local],
    ['imported', incidence.imported],
  ] as const) {
    if (values.some((v) => !(v >= 0)))
      throw invalidControl(ALGORITHM, name, 'incid must contain only non negative integer values');
  }
  const meanPrior = options.meanPrior ?? 5;
  const stdPrior = options.stdPrior ?? 5;
  const cvPosterior = options.cvPosterior ?? 0.3;
  const shapePrior = (meanPrior / stdPrior) ** 2;
  const scalePrior = stdPrior ** 2 / meanPrior;
  const { tStart, tEnd } = resolveWindows(options, T);
  const siDistr = resolveSerialInterval(options, T);
  while (siDistr.length < T + 1) siDistr.push(0);
  const { mean: siMean, sd: siStd } = serialIntervalMoments(siDistr);
  const lambda = overallInfectivity(incidence, siDistr);

  const warnings: string[] = [];
  const minimumCases = Math.ceil(1 / cvPosterior ** 2 - shapePrior);
  let firstWindowCases = 0;
  for (let t = tStart[0] ?? 2; t <= (tEnd[0] ?? 2); t++)
    firstWindowCases += (incidence.local[t - 1] ?? 0) + (incidence.imported[t - 1] ?? 0);
  if (firstWindowCases < minimumCases) {
    warnings.push("You're estimating R too early in the epidemic to get the desired posterior CV.");
  }

  const windows = tStart.map((start, i): RWindow => {
    const end = tEnd[i] ?? start;
    const empty = {
      t_start: start,
      t_end: end,
      mean: null,
      std: null,
      q025: null,
      q05: null,
      q25: null,
      median: null,
      q75: null,
      q95: null,
      q975: null,
    };
    if (!(end > siMean)) return empty;
    let cases = 0;
    let infectivity = 0;
    for (let t = start; t <= end; t++) {
      cases += incidence.local[t - 1] ?? 0;
      infectivity += lambda[t] ?? 0;
    }
    const shape = shapePrior + cases;
    const scale = 1 / (1 / scalePrior + infectivity);
    const [q025, q05, q25, median, q75, q95, q975] = QUANTILES.map((p) => qgamma(p, shape, scale));
    return {
      t_start: start,
      t_end: end,
      mean: shape * scale,
      std: Math.sqrt(shape) * scale,
      q025: q025 ?? null,
      q05: q05 ?? null,
      q25: q25 ?? null,
      median: median ?? null,
      q75: q75 ?? null,
      q95: q95 ?? null,
      q975: q975 ?? null,
    };
  });
  return { windows, siDistr, siMean, siStd, warnings };
}
