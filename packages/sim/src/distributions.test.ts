import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cdf,
  density,
  erf,
  gammaFromMeanAndSd,
  logGamma,
  lognormalFromMeanAndQuantile,
  lognormalFromMeanAndSd,
  mean,
  normalQuantile,
  regularizedGammaP,
  sample,
  standardDeviation,
  type Distribution,
} from './distributions.js';
import { Random } from './random.js';

describe('special functions', () => {
  it('match known values', () => {
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(-0.5)).toBeCloseTo(-0.5204998778, 6);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.644854, 5);
  });

  it('give the closed forms of the incomplete gamma for integer shapes', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 40, noNaN: true }), (x) => {
        expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 10);
        expect(regularizedGammaP(2, x)).toBeCloseTo(1 - Math.exp(-x) * (1 + x), 10);
      }),
    );
  });
});

describe('distributions', () => {
  const cases: [string, Distribution][] = [
    ['lognormal', lognormalFromMeanAndSd(5.2, 3.9)],
    ['gamma', gammaFromMeanAndSd(3, 1.5)],
    ['weibull', { kind: 'weibull', shape: 2.83, scale: 5.67 }],
  ];

  it.each(cases)('%s samples have the stated mean and standard deviation', (_, distribution) => {
    const random = new Random(42);
    const n = 40_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = sample(distribution, random);
      sum += x;
      sumSq += x * x;
    }
    const m = sum / n;
    const sd = Math.sqrt(sumSq / n - m * m);
    expect(m / mean(distribution)).toBeCloseTo(1, 1);
    expect(sd / standardDeviation(distribution)).toBeCloseTo(1, 1);
  });

  it.each(cases)(
    '%s distribution function agrees with its samples and integrates its density',
    (_, distribution) => {
      const random = new Random(7);
      const xs = Array.from({ length: 20_000 }, () => sample(distribution, random)).sort((a, b) => a - b);
      for (const q of [0.1, 0.5, 0.9])
        expect(cdf(distribution, xs[Math.floor(q * xs.length)]!)).toBeCloseTo(q, 1);
      // trapezoidal integral of the density up to the median equals the distribution function there
      const upper = xs[xs.length / 2]!;
      let integral = 0;
      const steps = 4000;
      for (let i = 0; i < steps; i++) {
        const a = (upper * i) / steps;
        const b = (upper * (i + 1)) / steps;
        integral += ((density(distribution, a) + density(distribution, b)) / 2) * (b - a);
      }
      expect(integral).toBeCloseTo(cdf(distribution, upper), 2);
    },
  );

  it('fits the lognormal to a mean and a quantile: Li et al. 2020, mean 5.2 days, 95th percentile 12.5', () => {
    const incubation = lognormalFromMeanAndQuantile(5.2, 0.95, 12.5);
    expect(mean(incubation)).toBeCloseTo(5.2, 10);
    expect(cdf(incubation, 12.5)).toBeCloseTo(0.95, 6);
  });
});
