// The fitted quasi-Poisson "levels + trend" model as the Farrington algorithms use it, behind one
// interface with two solvers: the O(n) grouped IRLS (default) and R's own dense Householder-QR IRLS
// (glm.fit), kept as a cross-check and as the benchmark baseline.
import { quasiPoissonFamily } from '../glm/family.js';
import { fitGlm } from '../glm/glm-fit.js';
import { hatValues, predictLink, unscaledCovarianceMatrix } from '../glm/glm-inference.js';
import {
  fitGroupedTrendGlm,
  groupedTrendHatValues,
  groupedTrendPrediction,
} from '../glm/grouped-trend-glm.js';
import type { GroupedTrendDesign } from '../glm/grouped-trend-glm.js';

export type TrendModelSolver = 'grouped' | 'dense-qr';

export interface TrendModelFit {
  converged: boolean;
  hasTrend: boolean;
  mu: Float64Array;
  /** R's fit$weights (prior·μ from the start of the last iteration). */
  workingWeights: Float64Array;
  dfResidual: number;
  /** The wtime coefficient (0 without trend). */
  slope: number;
  /** [(XᵀWX)⁻¹] for the slope. */
  slopeUnscaledVariance: number;
  hatValues(): Float64Array;
  /** η₀ and √(x₀ᵀ(XᵀWX)⁻¹x₀) at a level index, a time and an offset. */
  predict(level: number, time: number, offset: number): { eta: number; unscaledStandardError: number };
}

function fitGrouped(design: GroupedTrendDesign, prior: Float64Array | null): TrendModelFit {
  const fit = fitGroupedTrendGlm(design, prior);
  return {
    converged: fit.converged,
    hasTrend: fit.hasTrend,
    mu: fit.mu,
    workingWeights: fit.workingWeights,
    dfResidual: fit.dfResidual,
    slope: fit.slope,
    slopeUnscaledVariance: 1 / fit.withinTimeSquares,
    hatValues: () => groupedTrendHatValues(fit, design),
    predict: (level, time, offset) => groupedTrendPrediction(fit, level, time, offset),
  };
}

/** R's treatment-coded design: 1, wtime, then one dummy per level after the first. */
function denseRow(design: GroupedTrendDesign, level: number, time: number): number[] {
  const row = [1];
  if (design.time !== null) row.push(time);
  for (let g = 1; g < design.levelCount; g++) row.push(level === g ? 1 : 0);
  return row;
}

function fitDense(design: GroupedTrendDesign, prior: Float64Array | null): TrendModelFit {
  const n = design.response.length;
  const rows = Array.from({ length: n }, (_, i) =>
    denseRow(design, design.level[i] as number, design.time?.[i] ?? 0),
  );
  const width = rows[0]?.length ?? 1;
  const columns = Array.from({ length: width }, (_, j) => rows.map((row) => row[j] ?? 0));
  const fit = fitGlm(columns, design.response, {
    family: quasiPoissonFamily,
    ...(prior ? { priorWeights: prior } : {}),
    ...(design.offset ? { offset: design.offset } : {}),
  });
  const hasTrend = design.time !== null;
  const covariance = unscaledCovarianceMatrix(fit);
  return {
    converged: fit.converged,
    hasTrend,
    mu: fit.mu,
    workingWeights: fit.workingWeights,
    dfResidual: fit.dfResidual,
    slope: hasTrend ? (fit.coefficients[1] ?? Number.NaN) : 0,
    slopeUnscaledVariance: hasTrend ? (covariance[width + 1] ?? Number.NaN) : Number.NaN,
    hatValues: () => hatValues(fit),
    predict: (level, time, offset) => predictLink(fit, denseRow(design, level, time), offset),
  };
}

/** Fits the model with the chosen solver (identical IRLS path; results agree to rounding). */
export function fitTrendModel(
  design: GroupedTrendDesign,
  prior: Float64Array | null,
  solver: TrendModelSolver,
): TrendModelFit {
  return solver === 'dense-qr' ? fitDense(design, prior) : fitGrouped(design, prior);
}

/** summary.glm's dispersion Σ w r² / df with working residuals r = (y − μ)/μ and the given weights. */
export function trendModelDispersion(
  fit: TrendModelFit,
  response: Float64Array,
  weights: Float64Array,
): number {
  if (fit.dfResidual <= 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < fit.mu.length; i++) {
    const w = weights[i] as number;
    if (!(w > 0)) continue;
    const m = fit.mu[i] as number;
    const r = ((response[i] as number) - m) / m;
    sum += w * r * r;
  }
  return sum / fit.dfResidual;
}
