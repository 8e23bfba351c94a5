// Regularised incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x), each computed directly in
// its own tail so that neither loses precision to cancellation.
import { logGamma, poissonDensityRaw } from './stirling.js';

const EPSILON = Number.EPSILON;
const TINY = 1e-300;
const MAX_TERMS = 100_000;

/** x^a e^{−x} / Γ(a+1), the common factor of both expansions, through the saddle-point density. */
function leadingFactor(a: number, x: number): number {
  if (a < 1) return Math.exp(a * Math.log(x) - x - logGamma(a + 1));
  return poissonDensityRaw(a, x);
}

/** P(a, x) = x^a e^{−x}/Γ(a+1) · Σ_{n≥0} x^n / ((a+1)…(a+n)) (A&S 6.5.29); used for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * EPSILON) break;
  }
  return leadingFactor(a, x) * sum;
}

/**
 * Q(a, x) = e^{−x} x^a / Γ(a) · 1/(x+1−a− 1(1−a)/(x+3−a− 2(2−a)/(x+5−a− …))) (A&S 6.5.31), evaluated
 * with the modified Lentz method (Thompson & Barnett 1986); used for x ≥ a + 1.
 */
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return a * leadingFactor(a, x) * h;
}

/**
 * Regularised incomplete gamma: P(a, x) = γ(a, x)/Γ(a) when `lowerTail`, else Q(a, x) = Γ(a, x)/Γ(a).
 * a > 0, x ≥ 0.
 */
export function regularizedGamma(a: number, x: number, lowerTail = true): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0) return Number.NaN;
  if (x <= 0) return lowerTail ? 0 : 1;
  if (x === Infinity) return lowerTail ? 1 : 0;
  if (x < a + 1) {
    const lower = lowerSeries(a, x);
    return lowerTail ? lower : 1 - lower;
  }
  const upper = upperContinuedFraction(a, x);
  return lowerTail ? 1 - upper : upper;
}

/** d/dx P(a, x) = x^{a−1} e^{−x} / Γ(a), the gamma density with unit scale. */
export function gammaDensityUnitScale(a: number, x: number): number {
  if (x < 0) return 0;
  if (x === 0) return a < 1 ? Infinity : a === 1 ? 1 : 0;
  return (a * leadingFactor(a, x)) / x;
}
