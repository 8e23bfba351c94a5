// Regularised incomplete beta function I_x(a, b) and its complement, the core of the Student t and
// negative binomial distribution functions.
import { LN_SQRT_2PI, devianceTerm, logGamma, stirlingError } from './stirling.js';

const EPSILON = Number.EPSILON;
const TINY = 1e-300;
const MAX_TERMS = 100_000;

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b). When an argument is large the Stirling terms are
 * combined analytically (ln Γ(z) = δ(z) + (z−½) ln z − z + ln √(2π)) so that the large, nearly equal
 * ln Γ values never cancel numerically.
 */
export function logBeta(a: number, b: number): number {
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  const sum = small + large;
  if (small >= 10) {
    const correction = stirlingError(small) + stirlingError(large) - stirlingError(sum);
    return (
      -0.5 * Math.log(large) +
      LN_SQRT_2PI +
      correction +
      (small - 0.5) * Math.log(small / sum) +
      large * Math.log1p(-small / sum)
    );
  }
  if (large >= 10) {
    const correction = stirlingError(large) - stirlingError(sum);
    return (
      logGamma(small) + correction + small - small * Math.log(sum) + (large - 0.5) * Math.log1p(-small / sum)
    );
  }
  return logGamma(a) + logGamma(b) - logGamma(sum);
}

/**
 * x^a y^b / B(a, b) with y = 1 − x. For a, b ≥ 1 it uses the binomial saddle-point form
 * √(ab / (2π(a+b))) · exp(δ(a+b) − δ(a) − δ(b) − bd0(a, (a+b)x) − bd0(b, (a+b)y)) (Loader 2000),
 * which keeps full relative precision when a and b are large.
 */
function betaKernel(a: number, b: number, x: number, y: number): number {
  if (a >= 1 && b >= 1) {
    const n = a + b;
    const exponent =
      stirlingError(n) -
      stirlingError(a) -
      stirlingError(b) -
      devianceTerm(a, n * x) -
      devianceTerm(b, n * y);
    return Math.exp(exponent - LN_SQRT_2PI) * Math.sqrt((a * b) / n);
  }
  return Math.exp(a * Math.log(x) + b * Math.log(y) - logBeta(a, b));
}

/**
 * I_x(a, b) by its continued fraction 1/(1+ d1/(1+ d2/(1+ …))) with
 * d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)), d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)) (A&S 26.5.8),
 * evaluated by the modified Lentz method. Converges fast for x < (a+1)/(a+b+2).
 */
function continuedFraction(a: number, b: number, x: number, y: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_TERMS; m++) {
    const m2 = 2 * m;
    let coefficient = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    coefficient = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return (betaKernel(a, b, x, y) * h) / a;
}

export interface RegularizedBetaOptions {
  /** I_x(a, b) when true (default), else 1 − I_x(a, b). */
  lowerTail?: boolean;
  /** 1 − x, when it is known more precisely than 1 − x computes. */
  complement?: number;
}

/**
 * Regularised incomplete beta I_x(a, b) (or its complement), each tail computed where the continued
 * fraction converges (I_x(a, b) = 1 − I_{1−x}(b, a)).
 */
export function regularizedBeta(
  x: number,
  a: number,
  b: number,
  options: RegularizedBetaOptions = {},
): number {
  const lowerTail = options.lowerTail ?? true;
  const y = options.complement ?? 1 - x;
  if (Number.isNaN(x) || Number.isNaN(a) || Number.isNaN(b) || a <= 0 || b <= 0) return Number.NaN;
  if (x <= 0) return lowerTail ? 0 : 1;
  if (y <= 0) return lowerTail ? 1 : 0;
  // Each tail comes from the fraction that converges fastest, unless complementing it would cancel
  // badly (result above 0.9): then the wanted tail is evaluated directly from the other fraction.
  if (x < (a + 1) / (a + b + 2)) {
    const lower = continuedFraction(a, b, x, y);
    if (lowerTail) return lower;
    return lower < 0.9 ? 1 - lower : continuedFraction(b, a, y, x);
  }
  const upper = continuedFraction(b, a, y, x);
  if (!lowerTail) return upper;
  return upper < 0.9 ? 1 - upper : continuedFraction(a, b, x, y);
}
