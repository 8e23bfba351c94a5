// A fast quasi-Poisson IRLS for the Farrington family of designs, η = α_level + β·t (+ offset): one
// intercept per seasonal level (R's `1 + seasgroups` spans the same space) and an optional linear trend.
// Each weighted least-squares step is solved in O(n) by within-level centring, so the fitted values,
// hat values and prediction variances equal R's glm (same IRLS path) without a QR of the n×p design.
import { LOG_LINK_FLOOR, logLinkInverse } from './family.js';

export interface GroupedTrendDesign {
  response: ArrayLike<number>;
  /** Level of each row, 0 … levelCount−1; every level must occur. */
  level: ArrayLike<number>;
  levelCount: number;
  /** The trend covariate (R's wtime), or null for a model without trend. */
  time: ArrayLike<number> | null;
  offset?: ArrayLike<number> | null;
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

function poissonDeviance(y: ArrayLike<number>, mu: Float64Array, prior: ArrayLike<number> | null): number {
  let sum = 0;
  for (let i = 0; i < mu.length; i++) {
    const yi = y[i] ?? 0;
    const mi = mu[i] ?? 0;
    const w = prior === null ? 1 : (prior[i] ?? 0);
    sum += yi > 0 ? 2 * w * (yi * Math.log(yi / mi) - (yi - mi)) : 2 * w * mi;
  }
  return sum;
}

function allFinitePositive(mu: Float64Array): boolean {
  for (const value of mu) if (!(Number.isFinite(value) && value > 0)) return false;
  return true;
}

/** Fits the grouped-trend quasi-Poisson model by IRLS with glm.fit's start, steps and stopping rule. */
export function fitGroupedTrendGlm(
  design: GroupedTrendDesign,
  priorWeights: ArrayLike<number> | null = null,
): GroupedTrendFit {
  const { response: y, level, levelCount, time } = design;
  const offset = design.offset ?? null;
  const n = y.length;
  const hasTrend = time !== null;
  let timeCentre = 0;
  if (time !== null) {
    for (let i = 0; i < n; i++) timeCentre += time[i] ?? 0;
    timeCentre /= n;
  }
  const tau = new Float64Array(n);
  if (time !== null) for (let i = 0; i < n; i++) tau[i] = (time[i] ?? 0) - timeCentre;

  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    eta[i] = Math.log((y[i] ?? 0) + 0.1);
    mu[i] = logLinkInverse(eta[i] ?? 0);
  }
  let devianceOld = poissonDeviance(y, mu, priorWeights);
  let dev = devianceOld;

  const workingWeights = new Float64Array(n);
  const z = new Float64Array(n);
  const levelWeight = new Float64Array(levelCount);
  const levelMeanTime = new Float64Array(levelCount);
  const levelMeanZ = new Float64Array(levelCount);
  const levelIntercept = new Float64Array(levelCount);
  let previousIntercept: Float64Array | null = null;
  let previousSlope = 0;
  let slope = 0;
  let withinTimeSquares = 0;
  let converged = false;
  let iterations = 0;

  const updatePredictor = (): void => {
    for (let i = 0; i < n; i++) {
      const value = (levelIntercept[level[i] ?? 0] ?? 0) + slope * (tau[i] ?? 0) + (offset?.[i] ?? 0);
      eta[i] = value;
      mu[i] = logLinkInverse(value);
    }
  };

  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    iterations = iteration;
    levelWeight.fill(0);
    levelMeanTime.fill(0);
    levelMeanZ.fill(0);
    for (let i = 0; i < n; i++) {
      const prior = priorWeights === null ? 1 : (priorWeights[i] ?? 0);
      const derivative = Math.max(Math.exp(eta[i] ?? 0), LOG_LINK_FLOOR);
      const muI = mu[i] ?? 0;
      // glm.fit: z = η − offset + (y − μ)/μ', w² = prior·μ'²/V(μ) with V(μ) = μ.
      z[i] = (eta[i] ?? 0) - (offset?.[i] ?? 0) + ((y[i] ?? 0) - muI) / derivative;
      const w = prior > 0 ? (prior * derivative * derivative) / muI : 0;
      workingWeights[i] = w;
      const g = level[i] ?? 0;
      levelWeight[g] = (levelWeight[g] ?? 0) + w;
      levelMeanTime[g] = (levelMeanTime[g] ?? 0) + w * (tau[i] ?? 0);
      levelMeanZ[g] = (levelMeanZ[g] ?? 0) + w * (z[i] ?? 0);
    }
    for (let g = 0; g < levelCount; g++) {
      const weight = levelWeight[g] ?? 0;
      levelMeanTime[g] = (levelMeanTime[g] ?? 0) / weight;
      levelMeanZ[g] = (levelMeanZ[g] ?? 0) / weight;
    }
    slope = 0;
    withinTimeSquares = 0;
    if (hasTrend) {
      let cross = 0;
      for (let i = 0; i < n; i++) {
        const w = workingWeights[i] ?? 0;
        if (w === 0) continue;
        const g = level[i] ?? 0;
        const dt = (tau[i] ?? 0) - (levelMeanTime[g] ?? 0);
        withinTimeSquares += w * dt * dt;
        cross += w * dt * ((z[i] ?? 0) - (levelMeanZ[g] ?? 0));
      }
      slope = cross / withinTimeSquares;
    }
    for (let g = 0; g < levelCount; g++)
      levelIntercept[g] = (levelMeanZ[g] ?? 0) - slope * (levelMeanTime[g] ?? 0);
    updatePredictor();
    dev = poissonDeviance(y, mu, priorWeights);
    if (!Number.isFinite(dev) || !allFinitePositive(mu)) {
      if (previousIntercept === null) throw new Error('no valid set of coefficients has been found');
      for (let halving = 1; !Number.isFinite(dev) || !allFinitePositive(mu); halving++) {
        if (halving > MAX_ITERATIONS) throw new Error('inner loop; cannot correct step size');
        for (let g = 0; g < levelCount; g++) {
          levelIntercept[g] = ((levelIntercept[g] ?? 0) + (previousIntercept[g] ?? 0)) / 2;
        }
        slope = (slope + previousSlope) / 2;
        updatePredictor();
        dev = poissonDeviance(y, mu, priorWeights);
      }
    }
    if (Math.abs(dev - devianceOld) / (0.1 + Math.abs(dev)) < EPSILON) {
      converged = true;
      break;
    }
    devianceOld = dev;
    previousIntercept = levelIntercept.slice();
    previousSlope = slope;
  }

  let observations = 0;
  for (let i = 0; i < n; i++) if (priorWeights === null || (priorWeights[i] ?? 0) !== 0) observations++;
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
  for (let i = 0; i < n; i++) {
    const w = fit.workingWeights[i] ?? 0;
    if (w === 0) continue;
    const g = design.level[i] ?? 0;
    let leverage = 1 / (fit.levelWeight[g] ?? 1);
    if (fit.hasTrend && design.time !== null) {
      const dt = (design.time[i] ?? 0) - fit.timeCentre - (fit.levelMeanTime[g] ?? 0);
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
