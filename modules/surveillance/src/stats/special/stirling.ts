// Saddle-point building blocks for accurate log-densities: Stirling's error term and the deviance
// bd0, after Loader (2000) "Fast and accurate computation of binomial probabilities".

/** ln √(2π). */
export const LN_SQRT_2PI = 0.9189385332046727;

// Stirling series coefficients B_{2k} / (2k(2k−1)) (Abramowitz & Stegun 6.1.40).
const S1 = 1 / 12;
const S3 = 1 / 360;
const S5 = 1 / 1260;
const S7 = 1 / 1680;
const S9 = 1 / 1188;
const S11 = 691 / 360360;
const S13 = 1 / 156;

/** Stirling series part of ln Γ(x+1) for x ≥ 10; truncation error below 1e-17. */
function stirlingSeries(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  return inv * (S1 - inv2 * (S3 - inv2 * (S5 - inv2 * (S7 - inv2 * (S9 - inv2 * (S11 - inv2 * S13))))));
}

/**
 * ln Γ(x) for x > 0: Stirling's series for x ≥ 10, shifted up by the recurrence
 * Γ(x) = Γ(x+k) / (x(x+1)…(x+k−1)) below that (A&S 6.1.15, 6.1.40).
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return Number.NaN;
  if (x === Infinity) return Infinity;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingSeries(x);
  let product = 1;
  let shifted = x;
  while (shifted < 10) {
    product *= shifted;
    shifted += 1;
  }
  return (
    (shifted - 0.5) * Math.log(shifted) - shifted + LN_SQRT_2PI + stirlingSeries(shifted) - Math.log(product)
  );
}

/**
 * Stirling's error δ(x) = ln Γ(x+1) − [(x+½) ln x − x + ln √(2π)], the small remainder that the
 * saddle-point densities need to full relative precision (Loader 2000, §2).
 */
export function stirlingError(x: number): number {
  if (x >= 10) return stirlingSeries(x);
  return logGamma(x + 1) - (x + 0.5) * Math.log(x) + x - LN_SQRT_2PI;
}

/**
 * The deviance term bd0(x, m) = x ln(x/m) + m − x without cancellation when x ≈ m, using
 * ln((1+v)/(1−v)) = 2(v + v³/3 + v⁵/5 + …) with v = (x−m)/(x+m) (Loader 2000, §3).
 */
export function devianceTerm(x: number, m: number): number {
  if (x === 0) return m;
  const diff = x - m;
  if (Math.abs(diff) < 0.1 * (x + m)) {
    const v = diff / (x + m);
    const v2 = v * v;
    let sum = diff * v;
    let power = 2 * x * v;
    for (let j = 1; j < 1000; j++) {
      power *= v2;
      const next = sum + power / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * The Poisson "density" m^x e^{−m} / Γ(x+1) for real x ≥ 0, accurate to a few ulps through the
 * saddle-point form e^{−δ(x) − bd0(x, m)} / √(2πx) (Loader 2000, eq. 5).
 */
export function poissonDensityRaw(x: number, m: number): number {
  if (m === 0) return x === 0 ? 1 : 0;
  if (x === 0) return Math.exp(-m);
  if (x < 1) return Math.exp(x * Math.log(m) - m - logGamma(x + 1));
  return Math.exp(-stirlingError(x) - devianceTerm(x, m)) / Math.sqrt(2 * Math.PI * x);
}
