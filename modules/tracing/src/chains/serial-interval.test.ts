// The gamma serial-interval density and the log-gamma function it rests on.
import { describe, expect, it } from 'vitest';
import { gammaParameters, logGamma, serialIntervalDensity } from './serial-interval.js';

describe('log gamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(2)).toBeCloseTo(0, 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 12);
  });
});

describe('serial interval density', () => {
  it('has the requested mean and standard deviation', () => {
    expect(gammaParameters({ meanDays: 4.7, sdDays: 2.9 })).toEqual({
      shape: (4.7 / 2.9) ** 2,
      scale: 2.9 ** 2 / 4.7,
    });
    // Numerical moments of the density over (0, 60] days by the midpoint rule.
    const si = { meanDays: 4.7, sdDays: 2.9 };
    let mass = 0;
    let mean = 0;
    let second = 0;
    const step = 0.001;
    for (let x = step / 2; x < 60; x += step) {
      const f = serialIntervalDensity(x, si) * step;
      mass += f;
      mean += x * f;
      second += x * x * f;
    }
    expect(mass).toBeCloseTo(1, 6);
    expect(mean).toBeCloseTo(4.7, 4);
    expect(Math.sqrt(second - mean * mean)).toBeCloseTo(2.9, 4);
  });

  it('is the exponential density when mean equals sd, and e^−1 at 1 for shape 2, scale 1', () => {
    expect(serialIntervalDensity(2, { meanDays: 3, sdDays: 3 })).toBeCloseTo(Math.exp(-2 / 3) / 3, 14);
    expect(serialIntervalDensity(1, { meanDays: 2, sdDays: Math.SQRT2 })).toBeCloseTo(Math.exp(-1), 14);
  });

  it('is zero for intervals of zero or fewer days', () => {
    expect(serialIntervalDensity(0, { meanDays: 4.7, sdDays: 2.9 })).toBe(0);
    expect(serialIntervalDensity(-1, { meanDays: 4.7, sdDays: 2.9 })).toBe(0);
  });
});
