import { describe, expect, it } from 'vitest';
import { cumulativeWeights, mixHash, Random } from './random.js';

describe('seeded randomness', () => {
  it('repeats a stream for the same key and differs between keys', () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.next()
      )(new Random(1, 2, 3)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.next()
      )(new Random(1, 2, 3)),
    );
    const c = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.next()
      )(new Random(1, 2, 4)),
    );
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(mixHash(1, 2)).not.toBe(mixHash(2, 1));
  });

  it('re-keys in place: reseed(key) continues exactly like a new stream for that key', () => {
    const reused = new Random(0);
    reused.next();
    reused.reseed(7, 8, 9);
    const fresh = new Random(7, 8, 9, 0);
    expect([reused.next(), reused.next()]).toEqual([fresh.next(), fresh.next()]);
  });

  it('draws uniform numbers in [0, 1) with the right mean and spread', () => {
    const random = new Random(42);
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = random.next();
      sum += x;
      sumSq += x * x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(sum / 1e5).toBeCloseTo(0.5, 2);
    expect(sumSq / 1e5 - (sum / 1e5) ** 2).toBeCloseTo(1 / 12, 2);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });

  it('draws Poisson counts with mean and variance equal to the rate', () => {
    for (const rate of [0.5, 4, 80]) {
      const random = new Random(rate);
      const xs = Array.from({ length: 20_000 }, () => random.poisson(rate));
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
      expect(mean / rate).toBeCloseTo(1, 1);
      expect(variance / rate).toBeCloseTo(1, 1);
    }
  });

  it('picks weighted indices in proportion to their weights', () => {
    const random = new Random(5);
    const counts = [0, 0, 0];
    const cumulative = cumulativeWeights([1, 0, 3]);
    for (let i = 0; i < 40_000; i++) counts[random.weightedIndex(cumulative)]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeCloseTo(3, 0);
  });
});
