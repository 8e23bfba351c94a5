// A fast quasi-Poisson IRLS for the Farrington family of designs, η = α_level + β·t (+ offset): one
// intercept per seasonal level (R's `1 + seasgroups` spans the same space) and an optional linear trend.
// Each weighted least-squares step is solved in O(n) by within-level centring, so the fitted values,
// hat values and prediction variances equal R's glm (same IRLS path) without a QR of the n×p design.
export interface GroupedTrendDesign {
  response: Float64Array;
  /** Level of each row, 0 … levelCount−1; every level must occur. */
  level: Int32Array;
  levelCount: number;
  /** The trend covariate (R's wtime), or null for a model without trend. */
  time: Float64Array | null;
  offset?: Float64Array | null;
}

export interface GroupedTrendFit {
  converged: boolean;
  iterations: number;
  mu: Float64Array;
  deviance: number;
  dfResidual: number;
  rank: number;
  hasTrend: boolean;
  /** R's fit$weights: prior·μ from the start of the last iteration. */
  workingWeights: Float64Array;
  /** Σ of working weights per level (last iteration). */
  levelWeight: Float64Array;
  /** Working-weighted mean of the centred time per level (last iteration). */
  levelMeanTime: Float64Array;
  /** Σ w (τ − τ̄_level)², the information about the slope (last iteration); 0 without trend. */
  withinTimeSquares: number;
  /** Level intercepts at centred time τ = t − timeCentre. */
  levelIntercept: Float64Array;
  slope: number;
  timeCentre: number;
}

const MAX_ITERATIONS = 25;
const EPSILON = 1e-8;
/** R's log link floors μ and dμ/dη at machine epsilon (stats::make.link("log")). */
const MU_FLOOR = 2.220446049250313e-16;
const LOG_MU_FLOOR = Math.log(MU_FLOOR);

/**
 * Updates η = α_level + β τ + offset and μ = max(e^η, ε) for every row and returns the Poisson
 * deviance Σ 2w (y log(y/μ) − (y − μ)), with y log(y/μ) computed as y log y − y log μ.
 */
/** The per-row arrays of one IRLS run. */
interface IrlsRows {
  design: GroupedTrendDesign;
  /** Centred time. */
  tau: Float64Array;
  /** y log y (0 for y = 0). */
  yLogY: Float64Array;
  prior: Float64Array | null;
  eta: Float64Array;
  mu: Float64Array;
}

function updateFit(rows: IrlsRows, intercept: Float64Array, slope: number): number {
  const { design, tau, yLogY, prior, eta, mu } = rows;
  const { response: y, level } = design;
  const offset = design.offset ?? null;
  let deviance = 0;
  for (let i = 0; i < y.length; i++) {
    let value = intercept[level[i] as number] as number;
    if (slope !== 0) value += slope * (tau[i] as number);
    if (offset !== null) value += offset[i] as number;
    eta[i] = value;
    let m = Math.exp(value);
    let logM = value;
    if (!(m >= MU_FLOOR)) {
      if (Number.isNaN(m)) return Number.NaN;
      m = MU_FLOOR;
      logM = LOG_MU_FLOOR;
    }
    mu[i] = m;
    const yi = y[i] as number;
    const term = yi > 0 ? (yLogY[i] as number) - yi * logM - (yi - m) : m;
    deviance += prior === null ? term : (prior[i] as number) * term;
  }
  return 2 * deviance;
}

function allFinitePositive(mu: Float64Array): boolean {
  for (let i = 0; i < mu.length; i++)
    if (!((mu[i] as number) > 0 && (mu[i] as number) < Infinity)) return false;
  return true;
}

/** Fits the grouped-trend quasi-Poisson model by IRLS with glm.fit's start, steps and stopping rule. */
export function fitGroupedTrendGlm(
  design: GroupedTrendDesign,
  priorWeights: Float64Array | null = null,
): GroupedTrendFit {
  const { response: y, level, levelCount, time } = design;
  const offset = design.offset ?? null;
  const n = y.length;
  const hasTrend = time !== null;
  let timeCentre = 0;
  const tau = new Float64Array(n);
  if (time !== null) {
    for (let i = 0; i < n; i++) timeCentre += time[i] as number;
    timeCentre /= n;
    for (let i = 0; i < n; i++) tau[i] = (time[i] as number) - timeCentre;
  }
  const yLogY = new Float64Array(n);
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  let devianceOld = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    if (yi > 0) yLogY[i] = yi * Math.log(yi);
    // glm.fit: η = log(mustart), μ = linkinv(η), with mustart = y + 0.1 for the Poisson families.
    const e = Math.log(yi + 0.1);
    eta[i] = e;
    const m = Math.max(Math.exp(e), MU_FLOOR);
    mu[i] = m;
    const term = yi > 0 ? yi * Math.log(yi / m) - (yi - m) : m;
    devianceOld += priorWeights === null ? term : (priorWeights[i] as number) * term;
  }
  devianceOld *= 2;
  let dev = devianceOld;

  const rows: IrlsRows = { design, tau, yLogY, prior: priorWeights, eta, mu };
  const workingWeights = new Float64Array(n);
  const z = new Float64Array(n);
  const levelWeight = new Float64Array(levelCount);
  const levelMeanTime = new Float64Array(levelCount);
  const levelMeanZ = new Float64Array(levelCount);
  const levelIntercept = new Float64Array(levelCount);
  const previousIntercept = new Float64Array(levelCount);
  let havePrevious = false;
  let previousSlope = 0;
  let slope = 0;
  let withinTimeSquares = 0;
  let converged = false;
  let iterations = 0;

  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    iterations = iteration;
    levelWeight.fill(0);
    levelMeanTime.fill(0);
    levelMeanZ.fill(0);
    for (let i = 0; i < n; i++) {
      const prior = priorWeights === null ? 1 : (priorWeights[i] as number);
      const m = mu[i] as number;
      // glm.fit: z = η − offset + (y − μ)/μ', w² = prior·μ'²/V(μ) = prior·μ (μ' = μ for the log link).
      const zi =
        (eta[i] as number) - (offset === null ? 0 : (offset[i] as number)) + ((y[i] as number) - m) / m;
      z[i] = zi;
      const w = prior > 0 ? prior * m : 0;
      workingWeights[i] = w;
      const g = level[i] as number;
      levelWeight[g] = (levelWeight[g] as number) + w;
      levelMeanTime[g] = (levelMeanTime[g] as number) + w * (tau[i] as number);
      levelMeanZ[g] = (levelMeanZ[g] as number) + w * zi;
    }
    for (let g = 0; g < levelCount; g++) {
      const weight = levelWeight[g] as number;
      levelMeanTime[g] = (levelMeanTime[g] as number) / weight;
      levelMeanZ[g] = (levelMeanZ[g] as number) / weight;
    }
    slope = 0;
    withinTimeSquares = 0;
    if (hasTrend) {
      let cross = 0;
      for (let i = 0; i < n; i++) {
        const w = workingWeights[i] as number;
        const g = level[i] as number;
        const dt = (tau[i] as number) - (levelMeanTime[g] as number);
        withinTimeSquares += w * dt * dt;
        cross += w * dt * ((z[i] as number) - (levelMeanZ[g] as number));
      }
      slope = cross / withinTimeSquares;
    }
    for (let g = 0; g < levelCount; g++) {
      levelIntercept[g] = (levelMeanZ[g] as number) - slope * (levelMeanTime[g] as number);
    }
    dev = updateFit(rows, levelIntercept, slope);
    if (!Number.isFinite(dev) || !allFinitePositive(mu)) {
      if (!havePrevious) throw new Error('no valid set of coefficients has been found');
      for (let halving = 1; !Number.isFinite(dev) || !allFinitePositive(mu); halving++) {
        if (halving > MAX_ITERATIONS) throw new Error('inner loop; cannot correct step size');
        for (let g = 0; g < levelCount; g++) {
          levelIntercept[g] = ((levelIntercept[g] as number) + (previousIntercept[g] as number)) / 2;
        }
        slope = (slope + previousSlope) / 2;
        dev = updateFit(rows, levelIntercept, slope);
      }
    }
    if (Math.abs(dev - devianceOld) / (0.1 + Math.abs(dev)) < EPSILON) {
      converged = true;
      break;
    }
    devianceOld = dev;
    previousIntercept.set(levelIntercept);
    havePrevious = true;
    previousSlope = slope;
  }

  let observations = n;
  if (priorWeights !== null) for (let i = 0; i < n; i++) if (priorWeights[i] === 0) observations--;
  const rank = levelCount + (hasTrend ? 1 : 0);
  return {
    converged,
    iterations,
    mu,
    deviance: dev,
    dfResidual: observations - rank,
    rank,
    hasTrend,
    workingWeights,
    levelWeight,
    levelMeanTime,
    withinTimeSquares,
    levelIntercept,
    slope,
    timeCentre,
  };
}

/** Hat values h_i = w_i (1/W_level + (τ_i − τ̄_level)²/D): the diagonal of W½X(XᵀWX)⁻¹XᵀW½. */
export function groupedTrendHatValues(fit: GroupedTrendFit, design: GroupedTrendDesign): Float64Array {
  const n = design.response.length;
  const hat = new Float64Array(n);
  const { level, time } = design;
  const useTrend = fit.hasTrend && time !== null;
  for (let i = 0; i < n; i++) {
    const w = fit.workingWeights[i] as number;
    if (w === 0) continue;
    const g = level[i] as number;
    let leverage = 1 / (fit.levelWeight[g] as number);
    if (useTrend) {
      const dt = (time[i] as number) - fit.timeCentre - (fit.levelMeanTime[g] as number);
      leverage += (dt * dt) / fit.withinTimeSquares;
    }
    const value = w * leverage;
    hat[i] = value > 1 - 10 * Number.EPSILON ? 1 : value;
  }
  return hat;
}

/** η₀ and √(x₀ᵀ(XᵀWX)⁻¹x₀) for a new point at `level` and `time` (plus an offset). */
export function groupedTrendPrediction(
  fit: GroupedTrendFit,
  level: number,
  time: number,
  offset = 0,
): { eta: number; unscaledStandardError: number } {
  const weight = fit.levelWeight[level] ?? Number.NaN;
  let variance = 1 / weight;
  let eta = (fit.levelIntercept[level] ?? Number.NaN) + offset;
  if (fit.hasTrend) {
    const tau = time - fit.timeCentre;
    eta += fit.slope * tau;
    const dt = tau - (fit.levelMeanTime[level] ?? 0);
    variance += (dt * dt) / fit.withinTimeSquares;
  }
  return { eta, unscaledStandardError: Math.sqrt(variance) };
}

/** Σ w_i r_i² / df with working residuals r = (y − μ)/μ and the given weights (summary.glm's dispersion). */
export function groupedTrendDispersion(
  fit: GroupedTrendFit,
  response: ArrayLike<number>,
  weights: ArrayLike<number>,
): number {
  if (fit.dfResidual <= 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < fit.mu.length; i++) {
    const w = weights[i] ?? 0;
    if (w <= 0) continue;
    const mu = fit.mu[i] ?? 0;
    const r = ((response[i] ?? 0) - mu) / mu;
    sum += w * r * r;
  }
  return sum / fit.dfResidual;
}
