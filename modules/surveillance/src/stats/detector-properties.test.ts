import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cusum } from './cusum.js';
import { earsC } from './ears.js';
import { farringtonFlexible } from './farrington/farrington-flexible.js';
import { glrnb } from './glr/glrnb.js';
import { estimateR, incidenceFromCounts } from './rt/estimate-r.js';

/** Weekly-looking counts: a seasonal mean with bounded noise, long enough for b = 2 years. */
const weeklyCounts = (weeks: number) =>
  fc
    .tuple(
      fc.double({ min: 0.5, max: 30, noNaN: true }),
      fc.array(fc.integer({ min: -5, max: 25 }), { minLength: weeks, maxLength: weeks }),
    )
    .map(([level, noise]) =>
      noise.map((e, i) => Math.max(0, Math.round(level * (1 + 0.5 * Math.sin((2 * Math.PI * i) / 52)) + e))),
    );

describe('aberration detectors: properties on arbitrary count series', () => {
  it('EARS alarms exactly when the count exceeds its bound, and scaling the counts scales C1/C2 bounds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 200 }), { minLength: 20, maxLength: 80 }),
        fc.constantFrom('C1' as const, 'C2' as const),
        (counts, method) => {
          const result = earsC({ observed: counts, frequency: 365 }, { method });
          const scaled = earsC({ observed: counts.map((c) => 3 * c), frequency: 365 }, { method });
          return result.points.every((p, i) => {
            if (p.upperbound === null) return p.alarm === null;
            const other = scaled.points[i]?.upperbound ?? Number.NaN;
            return (
              p.alarm === p.observed > p.upperbound &&
              Math.abs(other - 3 * p.upperbound) <= 1e-9 * Math.max(1, other)
            );
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('farringtonFlexible alarms only on non-zero counts above a non-negative bound', () => {
    fc.assert(
      fc.property(
        weeklyCounts(52 * 2 + 30),
        fc.constantFrom('delta' as const, 'nbPlugin' as const, 'muan' as const),
        (observed, thresholdMethod) => {
          const result = farringtonFlexible(
            { observed, frequency: 52 },
            { b: 2, w: 3, thresholdMethod, noPeriods: 4, pastWeeksNotIncluded: 8 },
          );
          return result.points.every((p) => {
            if (p.alarm === null) return p.upperbound === null;
            if (p.upperbound === null) return p.alarm === false;
            return p.upperbound >= 0 && p.alarm === (p.observed > p.upperbound && p.observed !== 0);
          });
        },
      ),
      { numRuns: 15 },
    );
  });

  it('the CUSUM statistic never goes below zero and alarms exactly at S ≥ h', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 60 }), { minLength: 30, maxLength: 120 }),
        fc.double({ min: 0.5, max: 6, noNaN: true }),
        (counts, h) => {
          const observed = counts.map((c, i) => (i < 10 ? c + 1 : c));
          const result = cusum({ observed, frequency: 52 }, { range: [11, observed.length], h });
          return result.points.every((p) => p.cusum >= 0 && p.alarm === p.cusum >= h);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('the Poisson GLR statistic is non-negative and alarms exactly at GLR ≥ c.ARL', () => {
    fc.assert(
      fc.property(weeklyCounts(80), fc.double({ min: 1, max: 8, noNaN: true }), (observed, cARL) => {
        const result = glrnb(
          { observed, frequency: 52 },
          { range: [60, 80], alpha: 0, 'c.ARL': cARL, mu0: new Array<number>(21).fill(5) },
        );
        return result.points.every(
          (p) => (p.upperbound ?? -1) >= 0 && p.alarm === (p.upperbound ?? 0) >= cARL,
        );
      }),
      { numRuns: 40 },
    );
  });
});

describe('Rt posterior: properties', () => {
  it('gives ordered quantiles around the posterior mean, all positive', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 500 }), { minLength: 10, maxLength: 60 }), (counts) => {
        const result = estimateR(incidenceFromCounts(counts), {
          method: 'parametric_si',
          meanSi: 3,
          stdSi: 1.5,
        });
        return result.windows.every((w) => {
          if (w.mean === null) return w.median === null;
          const q = [w.q025, w.q05, w.q25, w.median, w.q75, w.q95, w.q975] as number[];
          const ordered = q.every((value, i) => i === 0 || value >= (q[i - 1] ?? 0));
          return (
            ordered &&
            (q[0] ?? 0) > 0 &&
            (w.q025 ?? 0) <= w.mean &&
            w.mean <= (w.q975 ?? 0) &&
            (w.std ?? 0) > 0
          );
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('R-faithful edge cases', () => {
  it('reports NA (null) for EARS C3 when the baseline is constant and minSigma is 0, as R does', () => {
    const observed = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 9];
    const last = earsC({ observed, frequency: 365 }, { method: 'C3' }).points.at(-1);
    expect(last?.upperbound).toBeNull();
    expect(last?.alarm).toBeNull();
  });
});
