// Upper thresholds of the Farrington family. The power-transformation (delta-method) bound of
// Farrington et al. (1996, eq. 5–6) and the negative binomial quantile bounds of Noufaily et al.
// (2013, §3.4: "nbPlugin" plugs in μ̂₀, "muan" the upper α-quantile of μ̂₀).
import { pnbinom, qnbinom } from '../distributions/negative-binomial.js';
import { pnorm, qnorm } from '../distributions/normal.js';
import { ppois, qpois } from '../distributions/poisson.js';

export type PowerTransformation = '2/3' | '1/2' | 'none';

/** The exponent e and the standard error of μ^e under the chosen power transformation. */
function transformed(
  mu0: number,
  tau: number,
  powertrans: PowerTransformation,
): { exponent: number; se: number } {
  if (powertrans === 'none') return { exponent: 1, se: Math.sqrt(mu0 * tau) };
  if (powertrans === '1/2') return { exponent: 1 / 2, se: Math.sqrt((1 / 4) * tau) };
  return { exponent: 2 / 3, se: Math.sqrt((4 / 9) * Math.pow(mu0, 1 / 3) * tau) };
}

export interface PowerThreshold {
  upper: number;
  /** P(N(μ₀^e, se²) ≤ y^e) — R's `pd[,1]` in algo.farrington (lower tail). */
  lowerTailProbability: number;
  /** P(N(μ₀^e, se²) > y^e) — farringtonFlexible's p-value (upper tail). */
  upperTailProbability: number;
  /** The back-transformed median, R's `pd[,2]`. */
  median: number;
}

/**
 * U = (μ₀^e + z·se)^{1/e} with τ = φ + se(μ̂₀)²/μ̂₀, se = √(μ₀ τ)·d(μ^e)/dμ-scaled as in
 * Farrington et al. (1996, eq. 6); z = qnorm(1 − α/2) for algo.farrington (two-sided) and
 * qnorm(1 − α) for farringtonFlexible — the caller passes the quantile level.
 */
export interface PowerThresholdInput {
  /** μ̂₀ and its standard error on the response scale. */
  mu0: number;
  seMu0: number;
  phi: number;
  /** 1 − α/2 (algo.farrington) or 1 − α (farringtonFlexible). */
  quantileLevel: number;
  powertrans: PowerTransformation;
  /** The observed count. */
  y: number;
}

export function powerTransformThreshold(input: PowerThresholdInput): PowerThreshold {
  const { mu0, seMu0, phi, quantileLevel, powertrans, y } = input;
  const tau = phi + (seMu0 * seMu0) / mu0;
  const { exponent, se } = transformed(mu0, tau, powertrans);
  const z = qnorm(quantileLevel);
  const centre = Math.pow(mu0, exponent);
  const upper = Math.pow(centre + z * se, 1 / exponent);
  const yTransformed = Math.pow(y, exponent);
  return {
    upper,
    lowerTailProbability: pnorm(yTransformed, centre, se),
    upperTailProbability: pnorm(yTransformed, centre, se, false),
    median: Math.pow(qnorm(0.5, centre, se), 1 / exponent),
  };
}

export interface CountThreshold {
  /** null when the plugged-in mean is infinite (R: NA). */
  upper: number | null;
  /** P(Y ≥ y) under the plug-in law, null when the mean is infinite. */
  pValue: number | null;
}

/**
 * The (1 − α) quantile of a negative binomial with mean μ and variance φμ
 * (size μ/(φ − 1), prob 1/φ), or of Poisson(μ) when φ = 1 (Noufaily et al. 2013, §3.4).
 */
export function countQuantileThreshold(mean: number, phi: number, alpha: number, y: number): CountThreshold {
  if (mean === Infinity) return { upper: null, pValue: null };
  if (phi > 1) {
    const size = mean / (phi - 1);
    return { upper: qnbinom(1 - alpha, size, 1 / phi), pValue: pnbinom(y - 1, size, 1 / phi, false) };
  }
  return { upper: qpois(1 - alpha, mean), pValue: ppois(y - 1, mean, false) };
}
