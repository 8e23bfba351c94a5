// Inference on a fitted GLM as R's summary.glm / predict.glm / hatvalues compute it: the dispersion
// from working weights and working residuals, (RᵀR)⁻¹ from the last QR, Wald t tests and the standard
// error of a prediction.
import { pt } from '../distributions/student-t.js';
import type { GlmFit } from './glm-fit.js';
import { applyQ, unscaledCovariance } from './householder-qr.js';

/**
 * summary.glm's dispersion for estimated-dispersion families: Σ w_i r_i² / df over rows with w > 0,
 * where r are working residuals (y − μ)/(dμ/dη) and w the given weights (by default the working
 * weights; farringtonFlexible's quirk passes its prior weights here, see farrington-flexible.ts).
 */
export function pearsonDispersion(fit: GlmFit, weights: ArrayLike<number> = fit.workingWeights): number {
  if (fit.dfResidual <= 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < fit.y.length; i++) {
    const weight = weights[i] ?? 0;
    if (weight <= 0) continue;
    const mu = fit.mu[i] ?? 0;
    const residual = ((fit.y[i] ?? 0) - mu) / Math.max(mu, Number.EPSILON);
    sum += weight * residual * residual;
  }
  return sum / fit.dfResidual;
}

/** (XᵀWX)⁻¹ in the original column order (NaN rows/columns for aliased coefficients), row-major p×p. */
export function unscaledCovarianceMatrix(fit: GlmFit): Float64Array {
  const p = fit.coefficients.length;
  const pivoted = unscaledCovariance(fit.qr);
  const result = new Float64Array(p * p).fill(Number.NaN);
  for (let a = 0; a < fit.rank; a++) {
    for (let b = 0; b < fit.rank; b++) {
      result[(fit.qr.pivot[a] ?? 0) * p + (fit.qr.pivot[b] ?? 0)] = pivoted[a * fit.rank + b] ?? 0;
    }
  }
  return result;
}

export interface CoefficientTest {
  estimate: number;
  standardError: number;
  statistic: number;
  pValue: number;
}

/**
 * Wald test of one coefficient as summary.glm reports it: a t test on df_residual when the dispersion
 * was estimated, a z test when it is fixed (Poisson, negative binomial with estimated θ).
 */
export function coefficientTest(
  fit: GlmFit,
  index: number,
  dispersion: number,
  estimated: boolean,
): CoefficientTest {
  const p = fit.coefficients.length;
  const covariance = unscaledCovarianceMatrix(fit);
  const estimate = fit.coefficients[index] ?? Number.NaN;
  const standardError = Math.sqrt(dispersion * (covariance[index * p + index] ?? Number.NaN));
  const statistic = estimate / standardError;
  const pValue = 2 * pt(-Math.abs(statistic), estimated ? fit.dfResidual : Infinity);
  return { estimate, standardError, statistic, pValue };
}

export interface LinkPrediction {
  /** x₀ᵀβ + offset. */
  eta: number;
  /** √(x₀ᵀ(XᵀWX)⁻¹x₀), to be multiplied by √dispersion. */
  unscaledStandardError: number;
}

/** predict.glm on the link scale for one new row x₀ (original column order), ignoring aliased columns. */
export function predictLink(fit: GlmFit, row: ArrayLike<number>, offset = 0): LinkPrediction {
  const p = fit.coefficients.length;
  const covariance = unscaledCovarianceMatrix(fit);
  let eta = offset;
  let variance = 0;
  for (let a = 0; a < p; a++) {
    const beta = fit.coefficients[a] ?? Number.NaN;
    if (Number.isNaN(beta)) continue;
    eta += beta * (row[a] ?? 0);
    for (let b = 0; b < p; b++) {
      const other = fit.coefficients[b] ?? Number.NaN;
      if (Number.isNaN(other)) continue;
      variance += (row[a] ?? 0) * (covariance[a * p + b] ?? 0) * (row[b] ?? 0);
    }
  }
  return { eta, unscaledStandardError: Math.sqrt(variance) };
}

/**
 * Hat values h_ii = Σ_{j<rank} Q_ij² of the weighted design (R's lm.influence on the glm's QR);
 * rows outside the last fit (zero weight) get 0, and values within 10ε of 1 become 1.
 */
export function hatValues(fit: GlmFit): Float64Array {
  const { qr, goodRows } = fit;
  const m = qr.rows;
  const onGood = new Float64Array(m);
  for (let j = 0; j < qr.rank; j++) {
    const unit = new Float64Array(m);
    unit[j] = 1;
    applyQ(qr, unit);
    for (let i = 0; i < m; i++) onGood[i] = (onGood[i] ?? 0) + (unit[i] ?? 0) * (unit[i] ?? 0);
  }
  const hat = new Float64Array(fit.y.length);
  goodRows.forEach((row, k) => {
    const value = onGood[k] ?? 0;
    hat[row] = value > 1 - 10 * Number.EPSILON ? 1 : value;
  });
  return hat;
}
