import { describe, expect, it } from 'vitest';
import { readFixtureCsv } from '../testing/fixtures.js';
import { comparePoints, controlWithRange, loadCases, loadSeries } from '../testing/cases.js';
import { farringtonFlexible } from './farrington-flexible.js';
import type { FarringtonFlexibleControl, FarringtonFlexiblePoint } from './farrington-flexible.js';

const noufaily: Partial<FarringtonFlexibleControl> = {
  noPeriods: 10,
  b: 4,
  w: 3,
  weightsThreshold: 2.58,
  pastWeeksNotIncluded: 26,
  pThresholdTrend: 1,
  thresholdMethod: 'nbPlugin',
  alpha: 0.05,
  limit54: [5, 4],
};

const extra = (name: 'pvalue' | 'mu0' | 'phi' | 'trend' | 'trendCoef') => (p: FarringtonFlexiblePoint) =>
  p[name];

describe('farringtonFlexible against R surveillance::farringtonFlexible', () => {
  const calendar = loadCases('calendar').filter((fixture) => fixture.algorithm === 'farringtonFlexible');
  for (const fixture of [...loadCases('flexible'), ...calendar]) {
    it(`reproduces ${fixture.name} (${fixture.units.length} series): upper bounds to 1e-6, identical alarms`, () => {
      const problems = fixture.units.flatMap((unit) => {
        const series = loadSeries(fixture.dataset, unit, fixture.usesPopulation);
        const result = farringtonFlexible(series, controlWithRange<FarringtonFlexibleControl>(fixture));
        // Where R's fitted slope is rounding noise (|β| < 1e-10, all-zero baselines) its trend decision
        // is noise too; those rows are compared on the bound and alarm only.
        const degenerate = new Set(
          fixture.rows
            .filter((row) => row.unit === unit && Math.abs(Number(row.trendCoef)) < 1e-10)
            .map((row) => Number(row.t)),
        );
        const rows = fixture.rows.map((row) =>
          row.unit === unit && degenerate.has(Number(row.t))
            ? { ...row, trend: 'NA', trendCoef: 'NA', pvalue: 'NA' }
            : row,
        );
        const unlessDegenerate =
          (read: (p: FarringtonFlexiblePoint) => number | null) =>
          (p: FarringtonFlexiblePoint): number | null =>
            degenerate.has(p.t) ? null : read(p);
        return comparePoints({ caseName: fixture.name, unit, rows }, result.points, [
          { column: 'upperbound', kind: 'number', tolerance: 1e-6, read: (p) => p.upperbound },
          { column: 'alarm', kind: 'boolean', read: (p) => p.alarm },
          { column: 'expected', kind: 'number', tolerance: 1e-6, read: (p) => p.expected },
          { column: 'pvalue', kind: 'number', tolerance: 1e-6, read: unlessDegenerate(extra('pvalue')) },
          { column: 'mu0', kind: 'number', tolerance: 1e-6, read: extra('mu0') },
          { column: 'phi', kind: 'number', tolerance: 1e-6, read: extra('phi') },
          { column: 'trend', kind: 'number', tolerance: 0, read: unlessDegenerate(extra('trend')) },
          {
            column: 'trendCoef',
            kind: 'number',
            tolerance: 1e-6,
            read: unlessDegenerate(extra('trendCoef')),
          },
        ]);
      });
      expect(problems.slice(0, 10)).toEqual([]);
    });
  }
});

// The full check (500 series, about 15 s) runs with SHUZHI_SLOW_TESTS=1; by default every fifth series.
const allBulkSeries = process.env.SHUZHI_SLOW_TESTS === '1';

describe('farringtonFlexible with the Noufaily settings on 500 simulated series (research/oracle bulk run)', () => {
  const input = readFixtureCsv('bulk/bulk_input_sim_500x312.csv');
  const upper = readFixtureCsv('bulk/bulk_output_noufaily_upperbound.csv');
  const alarms = readFixtureCsv('bulk/bulk_output_noufaily_alarm.csv');
  const seriesNames = Object.keys(input[0] ?? {})
    .filter((name) => name !== 't')
    .filter((_, i) => allBulkSeries || i % 5 === 0);

  it(`gives R’s upper bound and alarm in every series-week of ${seriesNames.length} of the 500 series`, () => {
    let compared = 0;
    const problems: string[] = [];
    for (const name of seriesNames) {
      const observed = input.map((row) => Number(row[name]));
      const result = farringtonFlexible({ observed, frequency: 52 }, noufaily);
      result.points.forEach((point, i) => {
        compared++;
        const wantedUpper = upper[i]?.[name];
        const wantedAlarm = alarms[i]?.[name] === '1';
        const upperOk =
          wantedUpper === 'NA' ? point.upperbound === null : point.upperbound === Number(wantedUpper);
        if (!upperOk || point.alarm !== wantedAlarm) {
          problems.push(
            `${name} t=${point.t}: ${point.upperbound}/${point.alarm} vs R ${wantedUpper}/${wantedAlarm}`,
          );
        }
      });
    }
    expect(compared).toBe(seriesNames.length * 101);
    expect(problems.slice(0, 10)).toEqual([]);
  });
});

describe('farringtonFlexible behaviour', () => {
  const weeks = 52 * 6;
  const observed = Array.from(
    { length: weeks },
    (_, i) => 8 + Math.round(4 * Math.cos((2 * Math.PI * i) / 52)),
  );

  it('defaults to R’s range (freq·b + w + 1):n and pastWeeksNotIncluded = w', () => {
    const result = farringtonFlexible({ observed, frequency: 52 });
    expect(result.control.range).toEqual([52 * 5 + 3 + 1, weeks]);
    expect(result.control.pastWeeksNotIncluded).toBe(3);
  });

  it('never alarms on a zero count, even above the bound', () => {
    const zeros = observed.slice();
    zeros[weeks - 1] = 0;
    const last = farringtonFlexible({ observed: zeros, frequency: 52 }, noufaily).points.at(-1);
    expect(last?.alarm).toBe(false);
  });

  it('can use φ instead of R’s quirk dispersion for standard errors', () => {
    const faithful = farringtonFlexible(
      { observed, frequency: 52 },
      { ...noufaily, thresholdMethod: 'muan' },
    );
    const corrected = farringtonFlexible(
      { observed, frequency: 52 },
      { ...noufaily, thresholdMethod: 'muan', reproduceRQuirks: false },
    );
    expect(corrected.points.map((p) => p.mu0)).not.toEqual(faithful.points.map((p) => p.mu0));
  });

  it('rejects an unknown threshold method by name', () => {
    expect(() =>
      farringtonFlexible({ observed, frequency: 52 }, { thresholdMethod: 'Noufaily' as never }),
    ).toThrow(/thresholdMethod/);
  });
});

describe('the O(n) grouped solver and R’s dense-QR IRLS give the same results', () => {
  it('agrees on sparse district series (with non-converging fits) and dense simulated ones', () => {
    const cases = [
      ...['lich', 'trko'].map((unit) => loadSeries('ha', unit)),
      {
        observed: readFixtureCsv('bulk/bulk_input_sim_500x312.csv').map((row) => Number(row.s003)),
        frequency: 52,
      },
    ];
    for (const series of cases) {
      for (const control of [{ ...noufaily, thresholdMethod: 'muan' as const }, {}]) {
        const grouped = farringtonFlexible(series, control).points;
        const dense = farringtonFlexible(series, control, { solver: 'dense-qr' }).points;
        dense.forEach((point, i) => {
          const other = grouped[i];
          expect(point.alarm).toBe(other?.alarm);
          if (point.upperbound === null) expect(other?.upperbound).toBeNull();
          else
            expect(Math.abs(point.upperbound - (other?.upperbound ?? 0))).toBeLessThanOrEqual(
              1e-8 * point.upperbound,
            );
        });
      }
    }
  });
});
