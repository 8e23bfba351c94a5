// Gamma distribution function and quantile (shape/scale parametrisation, as R's `pgamma`/`qgamma`).
import { gammaDensityUnitScale, regularizedGamma } from '../special/incomplete-gamma.js';
import { logGamma } from '../special/stirling.js';
import { roughNormalQuantile } from './normal.js';

/** P(X ≤ q) (or P(X > q) when !lowerTail) for X ~ Gamma(shape, scale). */
export function pgamma(q: number, shape: number, scale = 1, lowerTail = true): number {
  if (Number.isNaN(q) || Number.isNaN(shape) || Number.isNaN(scale) || shape < 0 || scale <= 0)
    return Number.NaN;
  if (shape === 0) return q < 0 ? (lowerTail ? 0 : 1) : lowerTail ? 1 : 0;
  return regularizedGamma(shape, q / scale, lowerTail);
}

/** Gamma density with the given shape and scale. */
export function dgamma(x: number, shape: number, scale = 1): number {
  return gammaDensityUnitScale(shape, x / scale) / scale;
}

/** A starting point for the unit-scale quantile: Wilson–Hilferty, or the small-x asymptote of P. */
function startingPoint(lower: number, shape: number): number {
  const z = roughNormalQuantile(lower);
  const c = 1 / (9 * shape);
  const wilsonHilferty = shape * (1 - c + z * Math.sqrt(c)) ** 3;
  // P(a, x) ≈ x^a / Γ(a+1) for small x (A&S 6.5.29, first term).
  const smallX = Math.exp((Math.log(lower) + logGamma(shape + 1)) / shape);
  if (wilsonHilferty <= 0 || (shape < 1 && smallX < wilsonHilferty)) return smallX;
  return wilsonHilferty;
}

/**
 * The p-quantile of Gamma(shape, scale): Halley's iteration on P(a, x) − p, where the residual is
 * computed in whichever tail is smaller so that upper quantiles keep full precision.
 */
export function qgamma(p: number, shape: number, scale = 1, lowerTail = true): number {
  if (
    Number.isNaN(p) ||
    Number.isNaN(shape) ||
    Number.isNaN(scale) ||
    p < 0 ||
    p > 1 ||
    shape < 0 ||
    scale <= 0
  ) {
    return Number.NaN;
  }
  const lower = lowerTail ? p : 1 - p;
  const upper = lowerTail ? 1 - p : p;
  if (shape === 0 || lower === 0) return 0;
  if (upper === 0) return Infinity;
  const useUpper = lower > 0.5;
  let x = startingPoint(lower, shape);
  for (let iteration = 0; iteration < 200; iteration++) {
    const residual = useUpper
      ? upper - regularizedGamma(shape, x, false)
      : regularizedGamma(shape, x, true) - lower;
    const density = gammaDensityUnitScale(shape, x);
    if (residual === 0 || density === 0 || !Number.isFinite(density)) break;
    const newton = residual / density;
    const curvature = (shape - 1) / x - 1;
    const denominator = 1 - 0.5 * newton * curvature;
    const step = denominator > 0.5 ? newton / denominator : newton;
    let next = x - step;
    if (next <= 0) next = x / 10;
    // Halley's error after a step is O(step³): once a step is below 1e-8·x (in the cubic regime,
    // denominator ≈ 1) the remaining error is far below one ulp, so no confirming evaluation is needed.
    const converged = Math.abs(next - x) <= (denominator > 0.5 ? 1e-8 : 1e-15) * x;
    x = next;
    if (converged) break;
  }
  return x * scale;
}
