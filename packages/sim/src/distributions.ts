/**
 * The parametric distributions epidemiological papers publish (lognormal, gamma, Weibull): sampling,
 * density, distribution function and moments, plus the special functions they need.
 */
import type { Random } from './random.js';

export type Distribution =
  | { kind: 'lognormal'; meanlog: number; sdlog: number }
  | { kind: 'gamma'; shape: number; scale: number }
  | { kind: 'weibull'; shape: number; scale: number };

/** ln Γ(x) by the Lanczos approximation (g = 7, 9 terms; relative error below 1e-13 for x > 0). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < 9; i++) sum += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Regularised lower incomplete gamma P(a, x): a series below a + 1, Lentz's continued fraction above. */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(lnPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(lnPrefix) * h);
}

/** The error function, via erfc's Chebyshev fit (Press et al., Numerical Recipes §6.2; error < 1.2e-7). */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc : erfc - 1;
}

export function sample(distribution: Distribution, random: Random): number {
  switch (distribution.kind) {
    case 'lognormal':
      return Math.exp(random.normal(distribution.meanlog, distribution.sdlog));
    case 'gamma':
      return random.gamma(distribution.shape, distribution.scale);
    case 'weibull':
      return distribution.scale * Math.pow(-Math.log(1 - random.next()), 1 / distribution.shape);
  }
}

export function cdf(distribution: Distribution, x: number): number {
  if (x <= 0) return 0;
  switch (distribution.kind) {
    case 'lognormal':
      return 0.5 * (1 + erf((Math.log(x) - distribution.meanlog) / (distribution.sdlog * Math.SQRT2)));
    case 'gamma':
      return regularizedGammaP(distribution.shape, x / distribution.scale);
    case 'weibull':
      return 1 - Math.exp(-Math.pow(x / distribution.scale, distribution.shape));
  }
}

export function density(distribution: Distribution, x: number): number {
  if (x <= 0) return 0;
  switch (distribution.kind) {
    case 'lognormal': {
      const z = (Math.log(x) - distribution.meanlog) / distribution.sdlog;
      return Math.exp(-0.5 * z * z) / (x * distribution.sdlog * Math.sqrt(2 * Math.PI));
    }
    case 'gamma': {
      const { shape, scale } = distribution;
      return Math.exp((shape - 1) * Math.log(x) - x / scale - logGamma(shape) - shape * Math.log(scale));
    }
    case 'weibull': {
      const { shape, scale } = distribution;
      return (shape / scale) * Math.pow(x / scale, shape - 1) * Math.exp(-Math.pow(x / scale, shape));
    }
  }
}

export function mean(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'lognormal':
      return Math.exp(distribution.meanlog + distribution.sdlog ** 2 / 2);
    case 'gamma':
      return distribution.shape * distribution.scale;
    case 'weibull':
      return distribution.scale * Math.exp(logGamma(1 + 1 / distribution.shape));
  }
}

export function standardDeviation(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'lognormal': {
      const s2 = distribution.sdlog ** 2;
      return Math.sqrt((Math.exp(s2) - 1) * Math.exp(2 * distribution.meanlog + s2));
    }
    case 'gamma':
      return Math.sqrt(distribution.shape) * distribution.scale;
    case 'weibull': {
      const { shape, scale } = distribution;
      const m1 = Math.exp(logGamma(1 + 1 / shape));
      const m2 = Math.exp(logGamma(1 + 2 / shape));
      return scale * Math.sqrt(m2 - m1 * m1);
    }
  }
}

/**
 * The lognormal with a given mean and p-quantile q: from mean = exp(μ + σ²/2) and q = exp(μ + z·σ),
 * σ solves σ²/2 − z·σ + ln q − ln mean = 0 (the smaller root), then μ = ln mean − σ²/2.
 */
export function lognormalFromMeanAndQuantile(
  meanValue: number,
  probability: number,
  quantile: number,
): Distribution {
  const z = normalQuantile(probability);
  const c = Math.log(quantile) - Math.log(meanValue);
  const sdlog = z - Math.sqrt(z * z - 2 * c);
  return { kind: 'lognormal', meanlog: Math.log(meanValue) - (sdlog * sdlog) / 2, sdlog };
}

/** The lognormal with a given mean and standard deviation. */
export function lognormalFromMeanAndSd(meanValue: number, sd: number): Distribution {
  const sdlog = Math.sqrt(Math.log(1 + (sd / meanValue) ** 2));
  return { kind: 'lognormal', meanlog: Math.log(meanValue) - (sdlog * sdlog) / 2, sdlog };
}

/** The gamma with a given mean and standard deviation. */
export function gammaFromMeanAndSd(meanValue: number, sd: number): Distribution {
  return { kind: 'gamma', shape: (meanValue / sd) ** 2, scale: (sd * sd) / meanValue };
}

/** Standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
