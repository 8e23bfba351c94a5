// Negative binomial distribution (size n, success probability prob; mean n(1−prob)/prob), through the
// incomplete beta function: F(x) = I_prob(n, ⌊x⌋+1) (A&S 26.5.26).
import { regularizedBeta } from '../special/incomplete-beta.js';
import { discreteQuantile } from './discrete-quantile.js';

/** P(X ≤ q) (or P(X > q) when !lowerTail) for X ~ NB(size, prob), like R's `pnbinom`. */
export function pnbinom(q: number, size: number, prob: number, lowerTail = true): number {
  if (Number.isNaN(q) || Number.isNaN(size) || Number.isNaN(prob)) return Number.NaN;
  if (size < 0 || prob <= 0 || prob > 1) return Number.NaN;
  if (q < 0) return lowerTail ? 0 : 1;
  if (size === 0 || prob === 1 || q === Infinity) return lowerTail ? 1 : 0;
  const k = Math.floor(q + 1e-7);
  return regularizedBeta(prob, size, k + 1, { lowerTail });
}

/** The smallest integer x with P(X ≤ x) ≥ p for X ~ NB(size, prob), like R's `qnbinom`. */
export function qnbinom(p: number, size: number, prob: number): number {
  if (Number.isNaN(p) || Number.isNaN(size) || Number.isNaN(prob)) return Number.NaN;
  if (p < 0 || p > 1 || prob <= 0 || prob > 1 || size < 0) return Number.NaN;
  if (prob === 1 || size === 0 || p === 0) return 0;
  if (p === 1) return Infinity;
  // Moments of the number of failures: Q = 1/prob, P = (1−prob)/prob (R nmath/qnbinom.c notation).
  const q = 1 / prob;
  const pOdds = (1 - prob) * q;
  const mean = size * pOdds;
  const sd = Math.sqrt(size * pOdds * q);
  return discreteQuantile(p, { mean, sd, skewness: (q + pOdds) / sd }, (y) => pnbinom(y, size, prob));
}
