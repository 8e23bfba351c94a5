// Normal distribution function and quantile. Φ comes from the incomplete gamma function
// (erfc(z) = Q(½, z²), A&S 7.1.2 with 6.5.17); the quantile polishes a rational start by Halley steps.
import { regularizedGamma } from '../special/incomplete-gamma.js';

const INV_SQRT_2PI = 0.3989422804014327;

/** Standard normal density φ(x). */
export function dnormStandard(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Φ(x) for x ≤ 0, computed in the lower tail where it keeps full relative precision. */
function lowerTailForNonPositive(x: number): number {
  return 0.5 * regularizedGamma(0.5, 0.5 * x * x, false);
}

/** P(X ≤ q) (or P(X > q) when !lowerTail) for X ~ N(mean, sd²), like R's `pnorm`. */
export function pnorm(q: number, mean = 0, sd = 1, lowerTail = true): number {
  if (Number.isNaN(q) || Number.isNaN(mean) || Number.isNaN(sd) || sd < 0) return Number.NaN;
  const x = sd === 0 ? (q < mean ? -Infinity : Infinity) : (q - mean) / sd;
  if (x === -Infinity) return lowerTail ? 0 : 1;
  if (x === Infinity) return lowerTail ? 1 : 0;
  const signed = lowerTail ? x : -x;
  return signed <= 0 ? lowerTailForNonPositive(signed) : 1 - lowerTailForNonPositive(-signed);
}

/** A&S 26.2.23 for 0 < p ≤ ½: |error| < 4.5e-4, enough for starting points. */
function roughLowerQuantile(p: number): number {
  const t = Math.sqrt(-2 * Math.log(p));
  return -(
    t -
    (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)))
  );
}

/** A cheap standard normal quantile (|error| < 4.5e-4) for starting iterative searches. */
export function roughNormalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  return p <= 0.5 ? roughLowerQuantile(p) : -roughLowerQuantile(1 - p);
}

/**
 * Standard normal quantile for 0 < p ≤ ½: start from A&S 26.2.23 (|error| < 4.5e-4), then Halley's
 * iteration on Φ(x) − p, which converges cubically, to full double precision.
 */
function lowerQuantile(p: number): number {
  let x = roughLowerQuantile(p);
  for (let iteration = 0; iteration < 50; iteration++) {
    const cdf = x <= 0 ? lowerTailForNonPositive(x) : 1 - lowerTailForNonPositive(-x);
    const u = (cdf - p) / dnormStandard(x);
    const step = u / (1 + 0.5 * x * u);
    x -= step;
    if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/** The p-quantile of N(mean, sd²) (upper-tail probability when !lowerTail), like R's `qnorm`. */
export function qnorm(p: number, mean = 0, sd = 1, lowerTail = true): number {
  if (Number.isNaN(p) || Number.isNaN(mean) || Number.isNaN(sd) || p < 0 || p > 1 || sd < 0)
    return Number.NaN;
  const lower = lowerTail ? p : 1 - p;
  if (lower === 0) return -Infinity;
  if (lower === 1) return Infinity;
  if (sd === 0 || lower === 0.5) return mean;
  // For p > ½ use symmetry on the exactly representable 1 − p (Sterbenz), never Φ near 1.
  const z = lowerTail
    ? p <= 0.5
      ? lowerQuantile(p)
      : -lowerQuantile(1 - p)
    : p <= 0.5
      ? -lowerQuantile(p)
      : lowerQuantile(1 - p);
  return mean + sd * z;
}
