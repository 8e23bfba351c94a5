/**
 * What the configured natural history implies, computed independently of the agent-based run: generation
 * and serial intervals (by Monte Carlo over the same distributions), the exponential growth rate that goes
 * with a reproduction number (Euler–Lotka equation; Wallinga & Lipsitch, Proc R Soc B 2007;274:599–604)
 * and estimates from simulated data to compare with them.
 */
import { sample } from './distributions.js';
import type { Random } from './random.js';
import type { StrainParameters } from './strains.js';

/**
 * Draws `n` transmission pairs from the natural history: the infector's incubation and time of
 * transmission relative to onset (the truncated, shifted gamma profile), the infectee's incubation.
 * Generation interval = infector incubation + τ; serial interval = τ + infectee incubation.
 */
export function sampleIntervals(
  strain: StrainParameters,
  n: number,
  random: Random,
): { generation: Float64Array; serial: Float64Array } {
  const generation = new Float64Array(n);
  const serial = new Float64Array(n);
  const { shape, scale, shift } = strain.infectiousness;
  for (let i = 0; i < n; i++) {
    const incubation = sample(strain.incubation, random);
    const recovery = Math.max(1, sample(strain.recoveryAfterOnset, random));
    const tauMin = Math.max(-shift, strain.latentMinimumDays - incubation);
    let tau: number;
    do tau = random.gamma(shape, scale) - shift;
    while (tau < tauMin || tau > recovery);
    generation[i] = incubation + tau;
    serial[i] = tau + sample(strain.incubation, random);
  }
  return { generation, serial };
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length > 0 ? sum / values.length : NaN;
}

/** The growth rate r solving 1 = R · E[exp(−r·g)] over generation intervals g (bisection). */
export function eulerLotkaGrowthRate(reproductionNumber: number, generation: ArrayLike<number>): number {
  const moment = (r: number) => {
    let sum = 0;
    for (let i = 0; i < generation.length; i++) sum += Math.exp(-r * generation[i]!);
    return (reproductionNumber * sum) / generation.length;
  };
  let lo = -2;
  let hi = 5;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (moment(mid) > 1) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Least-squares slope of log(count) against day, over days with at least one case. */
export function logLinearGrowthRate(dailyCounts: readonly number[], fromDay: number, toDay: number): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let d = fromDay; d <= toDay; d++) {
    const c = dailyCounts[d] ?? 0;
    if (c > 0) {
      xs.push(d);
      ys.push(Math.log(c));
    }
  }
  const mx = mean(xs);
  const my = mean(ys);
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den > 0 ? num / den : NaN;
}

/** Kolmogorov–Smirnov distance between a sample and a distribution function. */
export function kolmogorovSmirnov(values: readonly number[], distribution: (x: number) => number): number {
  const sorted = [...values].sort((a, b) => a - b);
  let d = 0;
  sorted.forEach((x, i) => {
    const f = distribution(x);
    d = Math.max(d, Math.abs(f - i / sorted.length), Math.abs(f - (i + 1) / sorted.length));
  });
  return d;
}
