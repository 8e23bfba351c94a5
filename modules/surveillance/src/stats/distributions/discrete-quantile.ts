// The quantile search shared by the Poisson and negative binomial distributions: the smallest integer
// y ≥ 0 with F(y) ≥ p, started from a Cornish–Fisher guess, as R's nmath does.
import { qnorm } from './normal.js';

/**
 * R (≥ 4.1, nmath/qDiscrete_search.h) shrinks p by 8 ulps before searching so that p = F(y) computed
 * with rounding error still returns y ("fuzz to ensure left continuity"); reproduced for conformance.
 */
const LEFT_CONTINUITY_FUZZ = 1 - 8 * Number.EPSILON;

/** Moments that define the Cornish–Fisher starting point. */
export interface DiscreteMoments {
  mean: number;
  sd: number;
  skewness: number;
}

/** Cornish–Fisher start y ≈ μ + σ(z + γ(z² − 1)/6), rounded and floored at 0. */
function cornishFisherStart(p: number, moments: DiscreteMoments): number {
  const z = qnorm(p);
  const guess = Math.round(moments.mean + moments.sd * (z + (moments.skewness * (z * z - 1)) / 6));
  return Number.isFinite(guess) ? Math.max(0, guess) : 0;
}

/** The smallest integer y ≥ 0 with cdf(y) ≥ p (lower-tail p in (0, 1)). */
export function discreteQuantile(p: number, moments: DiscreteMoments, cdf: (y: number) => number): number {
  const target = p * LEFT_CONTINUITY_FUZZ;
  let y = cornishFisherStart(p, moments);
  // Large starting points are searched with a coarse step first, then refined down to 1.
  let step = y >= 4096 ? Math.floor(y / 64) : 1;
  for (;;) {
    if (y > 1e15) return Infinity;
    if (cdf(y) >= target) {
      while (y > 0 && cdf(Math.max(0, y - step)) >= target) y = Math.max(0, y - step);
      if (step === 1 || y === 0) return y;
      step = Math.max(1, Math.floor(step / 64));
    } else {
      while (cdf(y + step) < target) {
        y += step;
        if (y > 1e15) return Infinity;
      }
      if (step === 1) return y + 1;
      y += step;
      step = Math.max(1, Math.floor(step / 64));
    }
  }
}
