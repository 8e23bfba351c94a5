// Iteratively reweighted least squares for log-link GLMs with R's exact glm.fit semantics: starting
// values from the family, WLS by Householder QR (tol 1e-11), convergence when
// |dev − dev_old| / (|dev| + 0.1) < ε (ε = 1e-8, at most 25 iterations), step halving on invalid fits.
import type { GlmFamily } from './family.js';
import { LOG_LINK_FLOOR, logLinkInverse } from './family.js';
import { applyQTranspose, householderQr, solveUpperTriangular } from './householder-qr.js';
import type { QrDecomposition } from './householder-qr.js';

/** A design matrix stored by columns; every column has one entry per observation. */
export type DesignColumns = readonly ArrayLike<number>[];

export interface GlmFitOptions {
  family: GlmFamily;
  priorWeights?: ArrayLike<number>;
  offset?: ArrayLike<number>;
  /** Starting linear predictor (R's etastart); otherwise the family's starting means are used. */
  startingEta?: ArrayLike<number>;
  maxIterations?: number;
  epsilon?: number;
}

export interface GlmFit {
  family: GlmFamily;
  y: Float64Array;
  priorWeights: Float64Array;
  /** Coefficients in the original column order; NaN where the column is aliased. */
  coefficients: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  /** R's fit$weights: prior·(dμ/dη)²/V(μ) from the start of the last iteration. */
  workingWeights: Float64Array;
  /** The QR of √w·X from the last iteration, over the rows with positive weight. */
  qr: QrDecomposition;
  /** Indices of the rows that entered the last weighted least squares (R's `good`). */
  goodRows: Int32Array;
  rank: number;
  converged: boolean;
  boundary: boolean;
  iterations: number;
  deviance: number;
  dfResidual: number;
}

function deviance(family: GlmFamily, y: Float64Array, mu: Float64Array, weights: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += family.devianceResidual(y[i] ?? 0, mu[i] ?? 0, weights[i] ?? 0);
  return sum;
}

function linearPredictor(
  design: DesignColumns,
  coefficients: Float64Array,
  offset: ArrayLike<number> | undefined,
  n: number,
): Float64Array {
  const eta = new Float64Array(n);
  for (let j = 0; j < design.length; j++) {
    const beta = coefficients[j] ?? 0;
    if (beta === 0 || Number.isNaN(beta)) continue;
    const column = design[j];
    if (column === undefined) continue;
    for (let i = 0; i < n; i++) eta[i] = (eta[i] ?? 0) + beta * (column[i] ?? 0);
  }
  if (offset !== undefined) for (let i = 0; i < n; i++) eta[i] = (eta[i] ?? 0) + (offset[i] ?? 0);
  return eta;
}

function allValid(family: GlmFamily, mu: Float64Array): boolean {
  for (const value of mu) if (!family.validMean(value)) return false;
  return true;
}

/** Fits y ~ X with the given family by IRLS, mirroring stats::glm.fit. */
export function fitGlm(design: DesignColumns, response: ArrayLike<number>, options: GlmFitOptions): GlmFit {
  const { family } = options;
  const n = response.length;
  const p = design.length;
  const maxIterations = options.maxIterations ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const tolerance = Math.min(1e-7, epsilon / 1000);
  const y = Float64Array.from(response);
  const priorWeights = options.priorWeights
    ? Float64Array.from(options.priorWeights)
    : new Float64Array(n).fill(1);
  const offset = options.offset;

  let eta: Float64Array = new Float64Array(n);
  if (options.startingEta) eta = Float64Array.from(options.startingEta);
  else for (let i = 0; i < n; i++) eta[i] = Math.log(family.startingMean(y[i] ?? 0));
  let mu: Float64Array = eta.map(logLinkInverse);
  if (!allValid(family, mu)) throw new Error('cannot find valid starting values');
  let devianceOld = deviance(family, y, mu, priorWeights);

  let coefficients: Float64Array = new Float64Array(p);
  let previousCoefficients: Float64Array | null = null;
  let converged = false;
  let boundary = false;
  let iterations = 0;
  let qr: QrDecomposition | null = null;
  let workingWeights: Float64Array = new Float64Array(n);
  let goodRows: Int32Array = new Int32Array(0);
  let dev = devianceOld;

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    iterations = iteration;
    const good: number[] = [];
    for (let i = 0; i < n; i++) {
      const derivative = Math.max(Math.exp(eta[i] ?? 0), LOG_LINK_FLOOR);
      if ((priorWeights[i] ?? 0) > 0 && derivative !== 0) good.push(i);
    }
    const m = good.length;
    const weighted = new Float64Array(m * p);
    const target = new Float64Array(m);
    workingWeights = new Float64Array(n);
    good.forEach((row, k) => {
      const etaRow = eta[row] ?? 0;
      const muRow = mu[row] ?? 0;
      const derivative = Math.max(Math.exp(etaRow), LOG_LINK_FLOOR);
      const z = etaRow - (offset?.[row] ?? 0) + ((y[row] ?? 0) - muRow) / derivative;
      const w = Math.sqrt(((priorWeights[row] ?? 0) * derivative * derivative) / family.variance(muRow));
      workingWeights[row] = w * w;
      target[k] = z * w;
      for (let j = 0; j < p; j++) weighted[j * m + k] = (design[j]?.[row] ?? 0) * w;
    });
    qr = householderQr(weighted, m, p, tolerance);
    applyQTranspose(qr, target);
    const solved = solveUpperTriangular(qr, target);
    const next = new Float64Array(p);
    for (let k = 0; k < qr.rank; k++) next[qr.pivot[k] ?? 0] = solved[k] ?? 0;
    goodRows = Int32Array.from(good);
    coefficients = next;
    eta = linearPredictor(design, coefficients, offset, n);
    mu = eta.map(logLinkInverse);
    dev = deviance(family, y, mu, priorWeights);
    boundary = false;
    if (!Number.isFinite(dev) || !allValid(family, mu)) {
      if (previousCoefficients === null) throw new Error('no valid set of coefficients has been found');
      // Step halving towards the previous coefficients (glm.fit's inner loops 1 and 2).
      for (let halving = 1; !Number.isFinite(dev) || !allValid(family, mu); halving++) {
        if (halving > maxIterations) throw new Error('inner loop; cannot correct step size');
        const previous = previousCoefficients;
        coefficients = coefficients.map((value, j) => (value + (previous[j] ?? 0)) / 2);
        eta = linearPredictor(design, coefficients, offset, n);
        mu = eta.map(logLinkInverse);
        dev = deviance(family, y, mu, priorWeights);
      }
      boundary = true;
    }
    if (Math.abs(dev - devianceOld) / (0.1 + Math.abs(dev)) < epsilon) {
      converged = true;
      break;
    }
    devianceOld = dev;
    previousCoefficients = coefficients;
  }
  if (qr === null) throw new Error('glm: no iterations were run');
  const finalCoefficients = coefficients.slice();
  for (let k = qr.rank; k < p; k++) finalCoefficients[qr.pivot[k] ?? 0] = Number.NaN;
  let observations = 0;
  for (const weight of priorWeights) if (weight !== 0) observations++;
  return {
    family,
    y,
    priorWeights,
    coefficients: finalCoefficients,
    eta,
    mu,
    workingWeights,
    qr,
    goodRows,
    rank: qr.rank,
    converged,
    boundary,
    iterations,
    deviance: dev,
    dfResidual: observations - qr.rank,
  };
}
