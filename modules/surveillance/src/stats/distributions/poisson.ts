// Poisson distribution function and quantile: F(x; λ) = Q(⌊x⌋+1, λ) (A&S 6.5.13 / 26.4.21).
import { regularizedGamma } from '../special/incomplete-gamma.js';
import { discreteQuantile } from './discrete-quantile.js';

/** P(X ≤ q) (or P(X > q) when !lowerTail) for X ~ Poisson(lambda), like R's `ppois`. */
export function ppois(q: number, lambda: number, lowerTail = true): number {
  if (Number.isNaN(q) || Number.isNaN(lambda) || lambda < 0) return Number.NaN;
  if (q < 0) return lowerTail ? 0 : 1;
  if (lambda === 0 || q === Infinity) return lowerTail ? 1 : 0;
  const k = Math.floor(q + 1e-7);
  return regularizedGamma(k + 1, lambda, !lowerTail);
}

/** The smallest integer x with P(X ≤ x) ≥ p for X ~ Poisson(lambda), like R's `qpois`. */
export function qpois(p: number, lambda: number): number {
  if (Number.isNaN(p) || Number.isNaN(lambda) || p < 0 || p > 1 || lambda < 0) return Number.NaN;
  if (lambda === 0 || p === 0) return 0;
  if (p === 1) return Infinity;
  if (lambda === Infinity) return Infinity;
  const sd = Math.sqrt(lambda);
  return discreteQuantile(p, { mean: lambda, sd, skewness: 1 / sd }, (y) => ppois(y, lambda));
}
