// The sequential GLR and LR-CUSUM statistics of Höhle & Paul (2008, CSDA 52:4357–4368) for a change in
// the intercept of Poisson or negative binomial counts with known in-control means μ₀,t — the
// computations of R surveillance's C routines (glr_cusum, glr_cusum_window, glr_nb_window,
// lr_cusum, lr_cusum_nb), including their Newton iteration and stopping rules.

/** One run of a chart: the statistic (or cases-to-alarm) per point until the first alarm. */
export interface ChartRun {
  /** 0-based position of the first alarm, or x.length when none. */
  alarmAt: number;
  values: Float64Array;
  /** The number of cases that would have raised an alarm (ret = "cases"); zeros otherwise. */
  cases: Float64Array;
}

export type Direction = 1 | -1;

/** max_{0≤k≤n} sup_κ Σ_{t=k}^{n} [κ x_t + (1 − e^κ) μ₀,t], κ̂ = dir·max(0, dir·log(Σx/Σμ₀)). */
/** Counts and in-control means of one chart. */
interface ChartData {
  x: ArrayLike<number>;
  mu0: ArrayLike<number>;
}

function poissonGlr(n: number, data: ChartData, dir: Direction): number {
  const { x, mu0 } = data;
  let sumX = 0;
  let sumMu = 0;
  let best = -1e99;
  for (let k = n; k >= 0; k--) {
    sumX += x[k] ?? 0;
    sumMu += mu0[k] ?? 0;
    const kappa = dir * Math.max(0, dir * Math.log(sumX / sumMu));
    const value = kappa * sumX + (1 - Math.exp(kappa)) * sumMu;
    if (value > best) best = value;
  }
  return best;
}

/** The window-limited version: change points max(0, n−M) ≤ k ≤ n − Mtilde (C glr_window). */
function poissonGlrWindow(
  n: number,
  data: ChartData,
  window: { dir: Direction; M: number; Mtilde: number },
): number {
  const { x, mu0 } = data;
  const { dir, M, Mtilde } = window;
  let sumX = 0;
  let sumMu = 0;
  for (let l = n - Mtilde + 1; l <= n; l++) {
    sumX += x[l] ?? 0;
    sumMu += mu0[l] ?? 0;
  }
  let best = -1e99;
  for (let k = n - Mtilde; k >= Math.max(0, n - M); k--) {
    sumX += x[k] ?? 0;
    sumMu += mu0[k] ?? 0;
    const kappa = dir * Math.max(0, dir * Math.log(sumX / sumMu));
    const value = kappa * sumX + (1 - Math.exp(kappa)) * sumMu;
    if (value > best) best = value;
  }
  return best;
}

/** The smallest x_n that makes the statistic reach cARL (R's ret = "cases" for the Poisson GLR). */
function casesToAlarm(
  n: number,
  x: Float64Array,
  search: { cARL: number; dir: Direction; statistic: (n: number, x: Float64Array) => number },
): number {
  const { cARL, dir, statistic } = search;
  const saved = x[n] ?? 0;
  let candidate = -1;
  let value = cARL - dir;
  while (dir * value < cARL * dir) {
    candidate += 1;
    x[n] = candidate;
    value = statistic(n, x);
  }
  x[n] = saved;
  return candidate;
}

/** Poisson GLR chart, unlimited (M = −1) or window-limited (M > 0); alarm when GLR ≥ cARL. */
export function poissonGlrChart(
  x: Float64Array,
  mu0: Float64Array,
  options: { cARL: number; M: number; Mtilde: number; dir: Direction; returnCases: boolean },
): ChartRun {
  const { cARL, M, Mtilde, dir, returnCases } = options;
  const length = x.length;
  const values = new Float64Array(length);
  const cases = new Float64Array(length);
  const windowed = M > 0;
  const statistic = (n: number, counts: Float64Array): number =>
    windowed
      ? poissonGlrWindow(n, { x: counts, mu0 }, { dir, M, Mtilde })
      : poissonGlr(n, { x: counts, mu0 }, dir);
  // C: the unlimited chart starts at Mtilde − 1, the windowed one at Mtilde (0-based).
  let n = windowed ? Mtilde : Math.max(0, Mtilde - 1);
  for (; n < length; n++) {
    values[n] = statistic(n, x);
    if (returnCases) cases[n] = casesToAlarm(n, x, { cARL, dir, statistic });
    if ((values[n] ?? 0) >= cARL) return { alarmAt: n, values, cases };
  }
  return { alarmAt: length, values, cases };
}

/** Σ_{i=k}^{n} of the NB score in κ: (x − e^κ μ)/(1 + α e^κ μ). */
/** Counts, in-control means and α of one negative binomial chart. */
interface NbChartData extends ChartData {
  alpha: number;
}

function nbScore(kappa: number, data: NbChartData, k: number, n: number): number {
  const { x, mu0, alpha } = data;
  let sum = 0;
  const e = Math.exp(kappa);
  for (let i = k; i <= n; i++) sum += ((x[i] ?? 0) - e * (mu0[i] ?? 0)) / (1 + alpha * e * (mu0[i] ?? 0));
  return sum;
}

/** The NB Fisher information in κ (minus the Hessian). */
function nbFisher(kappa: number, data: NbChartData, k: number, n: number): number {
  const { x, mu0, alpha } = data;
  let sum = 0;
  const e = Math.exp(kappa);
  for (let i = k; i <= n; i++) {
    const denominator = 1 + alpha * e * (mu0[i] ?? 0);
    sum += ((mu0[i] ?? 0) * (alpha * (x[i] ?? 0) + 1)) / (denominator * denominator);
  }
  return e * sum;
}

/** l_{n,k}(κ) = Σ κ x_i + (x_i + 1/α) log((1 + αμ₀,i)/(1 + αμ₀,i e^κ)) (Höhle & Paul 2008, §2.1). */
function nbLogLikelihoodRatio(kappa: number, data: NbChartData, k: number, n: number): number {
  const { x, mu0, alpha } = data;
  let sum = 0;
  const e = Math.exp(kappa);
  for (let i = k; i <= n; i++) {
    const m = mu0[i] ?? 0;
    sum += kappa * (x[i] ?? 0) + ((x[i] ?? 0) + 1 / alpha) * Math.log((1 + alpha * m) / (1 + alpha * m * e));
  }
  return sum;
}

/**
 * Negative binomial GLR chart for an intercept change (C glr_nb_window): for each change point the
 * MLE of κ by Newton–Raphson from the previous change point's estimate (start 0.5), stopping when
 * |Δκ| ≤ 1e-6, κ ≤ −18 or after 1000 steps, then clipped to the tested direction.
 */
export function negativeBinomialGlrChart(
  x: Float64Array,
  mu0: Float64Array,
  options: { alpha: number; cARL: number; M: number; Mtilde: number; dir: Direction },
): ChartRun {
  const { alpha, cARL, M, Mtilde, dir } = options;
  const length = x.length;
  const values = new Float64Array(length);
  const data: NbChartData = { x, mu0, alpha };
  for (let n = Math.max(Mtilde - 1, 0); n < length; n++) {
    let best = -1e99;
    let kappaEstimate = 0.5;
    const low = M === -1 ? 0 : Math.max(0, n - M);
    const high = n - (Mtilde - 1);
    for (let k = low; k <= high; k++) {
      let previous = 0.4;
      let kappa = kappaEstimate;
      for (
        let iteration = 0;
        kappa > -18 && Math.abs(kappa - previous) > 1e-6 && iteration < 1000;
        iteration++
      ) {
        previous = kappa;
        kappa = previous + nbScore(previous, data, k, n) / nbFisher(previous, data, k, n);
      }
      kappaEstimate = dir * Math.max(0, dir * kappa);
      const value = nbLogLikelihoodRatio(kappaEstimate, data, k, n);
      if (value > best) best = value;
    }
    values[n] = best;
    if (best >= cARL) return { alarmAt: n, values, cases: new Float64Array(length) };
  }
  return { alarmAt: length, values, cases: new Float64Array(length) };
}

/**
 * LR-CUSUM for a known intercept change κ (C lr_cusum / lr_cusum_nb): S_n = max(0, S_{n−1} + z_n) with
 * z_n the log-likelihood ratio of one count; alarm when S_n > cARL (strictly). `alpha` 0 = Poisson.
 */
export function likelihoodRatioCusum(
  x: Float64Array,
  mu0: Float64Array,
  options: { kappa: number; alpha: number; cARL: number; returnCases: boolean },
): ChartRun {
  const { kappa, alpha, cARL, returnCases } = options;
  const length = x.length;
  const values = new Float64Array(length);
  const cases = new Float64Array(length);
  const e = Math.exp(kappa);
  for (let n = 0; n < length; n++) {
    const m = mu0[n] ?? 0;
    const count = x[n] ?? 0;
    const previous = n === 0 ? 0 : (values[n - 1] ?? 0);
    if (alpha === 0) {
      const z = kappa * count + (1 - e) * m;
      values[n] = Math.max(0, previous + z);
      if (returnCases) cases[n] = (cARL - previous + m * (e - 1)) / kappa;
    } else {
      const logRatio = Math.log((1 + alpha * m) / (1 + alpha * m * e));
      const z = kappa * count + (count + 1 / alpha) * logRatio;
      values[n] = Math.max(0, previous + z);
      if (returnCases) cases[n] = -(previous * alpha + logRatio - cARL * alpha) / alpha / (kappa + logRatio);
    }
    if ((values[n] ?? 0) > cARL) return { alarmAt: n, values, cases };
  }
  return { alarmAt: length, values, cases };
}
