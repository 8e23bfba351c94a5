// Student t distribution function and quantile, through the incomplete beta function
// (A&S 26.7.1: P(|T| > t) = I_{ν/(ν+t²)}(ν/2, ½)).
import { regularizedBeta } from '../special/incomplete-beta.js';
import { logGamma } from '../special/stirling.js';
import { pnorm, qnorm } from './normal.js';

/** P(|T| > |t|) for T ~ t_ν, computed in whichever form keeps precision. */
function twoSidedTail(t: number, df: number): number {
  const t2 = t * t;
  if (df > t2)
    return regularizedBeta(t2 / (df + t2), 0.5, df / 2, { lowerTail: false, complement: df / (df + t2) });
  return regularizedBeta(df / (df + t2), df / 2, 0.5, { complement: t2 / (df + t2) });
}

/** P(T ≤ q) (or P(T > q) when !lowerTail) for T ~ t_df, like R's `pt`. */
export function pt(q: number, df: number, lowerTail = true): number {
  if (Number.isNaN(q) || Number.isNaN(df) || df <= 0) return Number.NaN;
  if (!Number.isFinite(q)) return q < 0 === lowerTail ? 0 : 1;
  if (df === Infinity) return pnorm(q, 0, 1, lowerTail);
  const half = 0.5 * twoSidedTail(q, df);
  const belowZero = q <= 0;
  return belowZero === lowerTail ? half : 1 - half;
}

/** Student t density. */
export function dt(x: number, df: number): number {
  const logNormaliser = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNormaliser - ((df + 1) / 2) * Math.log1p((x * x) / df));
}

/**
 * The p-quantile of t_df: closed forms for ν = 1, 2; otherwise the Cornish–Fisher expansion about the
 * normal quantile (A&S 26.7.5) polished by Newton steps on `pt` inside a bisection safeguard.
 */
export function qt(p: number, df: number, lowerTail = true): number {
  if (Number.isNaN(p) || Number.isNaN(df) || p < 0 || p > 1 || df <= 0) return Number.NaN;
  const lower = lowerTail ? p : 1 - p;
  if (lower === 0) return -Infinity;
  if (lower === 1) return Infinity;
  if (lower === 0.5) return 0;
  if (df === Infinity) return qnorm(lower);
  if (lower > 0.5) return -qt(1 - lower, df);
  if (df === 1) return Math.tan(Math.PI * (lower - 0.5));
  if (df === 2) return (2 * lower - 1) / Math.sqrt(2 * lower * (1 - lower));
  const z = qnorm(lower);
  const z2 = z * z;
  let x =
    z +
    (z * (z2 + 1)) / (4 * df) +
    (z * (3 + z2 * (16 + 5 * z2))) / (96 * df * df) +
    (z * (-15 + z2 * (17 + z2 * (19 + 3 * z2)))) / (384 * df * df * df);
  let below = -Infinity;
  let above = 0;
  for (let iteration = 0; iteration < 200; iteration++) {
    const residual = pt(x, df) - lower;
    if (residual === 0) break;
    if (residual < 0) below = Math.max(below, x);
    else above = Math.min(above, x);
    let next = x - residual / dt(x, df);
    if (!(next > below && next < above))
      next = below === -Infinity ? 2 * Math.min(x, -1) : 0.5 * (below + above);
    if (Math.abs(next - x) <= 1e-15 * Math.abs(x)) {
      x = next;
      break;
    }
    x = next;
  }
  return x;
}
