/**
 * The serial interval (onset of infector → onset of infectee) as a gamma density parameterised by mean
 * and standard deviation in days, as EpiEstim's `parametric_si` does (Cori et al. 2013, Am J Epidemiol
 * 178:1505). Default: SARS-CoV-2, mean 4.7 d, sd 2.9 d (Nishiura, Linton & Akhmetzhanov 2020, Int J
 * Infect Dis 93:284).
 */
import { invalidField } from '@shuzhi/core';

export interface SerialInterval {
  meanDays: number;
  sdDays: number;
}

export const defaultSerialInterval: SerialInterval = { meanDays: 4.7, sdDays: 2.9 };

/** Gamma shape k = (mean/sd)² and scale θ = sd²/mean, so that kθ = mean and kθ² = sd². */
export function gammaParameters(si: SerialInterval): { shape: number; scale: number } {
  if (!(si.meanDays > 0 && Number.isFinite(si.meanDays))) {
    throw invalidField('serial interval', 'meanDays', 'must be a positive number of days');
  }
  if (!(si.sdDays > 0 && Number.isFinite(si.sdDays))) {
    throw invalidField('serial interval', 'sdDays', 'must be a positive number of days');
  }
  return { shape: (si.meanDays / si.sdDays) ** 2, scale: si.sdDays ** 2 / si.meanDays };
}

/** Density of the serial interval at `days`: x^(k−1) e^(−x/θ) / (Γ(k) θ^k); 0 for days ≤ 0. */
export function serialIntervalDensity(days: number, si: SerialInterval): number {
  if (!(days > 0)) return 0;
  const { shape, scale } = gammaParameters(si);
  return Math.exp((shape - 1) * Math.log(days) - days / scale - logGamma(shape) - shape * Math.log(scale));
}

// Lanczos approximation with g = 7 and nine coefficients (Lanczos 1964, SIAM J Numer Anal B 1:86; the
// coefficient set published by Godfrey), accurate to about 15 significant digits for positive x.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x); // reflection formula
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
