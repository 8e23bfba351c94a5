import { describe, expect, it } from 'vitest';
import { comparePoints, controlWithRange, loadCases, loadSeries } from '../testing/cases.js';
import { farrington } from './farrington.js';
import type { FarringtonControl } from './farrington.js';

describe('Farrington (1996) against R surveillance::algo.farrington', () => {
  const calendar = loadCases('calendar').filter((fixture) => fixture.algorithm === 'farrington');
  for (const fixture of [...loadCases('farrington'), ...calendar]) {
    it(`reproduces ${fixture.name} (${fixture.units.length} series): upper bounds to 1e-6, identical alarms`, () => {
      const problems = fixture.units.flatMap((unit) => {
        const series = loadSeries(fixture.dataset, unit, fixture.usesPopulation);
        const result = farrington(series, controlWithRange<FarringtonControl>(fixture));
        return comparePoints({ caseName: fixture.name, unit, rows: fixture.rows }, result.points, [
          { column: 'upperbound', kind: 'number', tolerance: 1e-6, read: (p) => p.upperbound },
          { column: 'alarm', kind: 'boolean', read: (p) => p.alarm },
          { column: 'trend', kind: 'boolean', read: (p) => p.trend },
          { column: 'pd_q', kind: 'number', tolerance: 1e-6, read: (p) => p.pdQuantile },
          { column: 'pd_median', kind: 'number', tolerance: 1e-6, read: (p) => p.pdMedian },
        ]);
      });
      expect(problems.slice(0, 10)).toEqual([]);
    });
  }
});

describe('Farrington behaviour', () => {
  const weeks = 52 * 6;
  const quiet = Array.from(
    { length: weeks },
    (_, i) => 10 + Math.round(3 * Math.sin((2 * Math.PI * i) / 52)),
  );

  it('alarms on an outbreak far above the seasonal expectation and not on the quiet weeks', () => {
    const observed = quiet.slice();
    observed[weeks - 1] = 60;
    const result = farrington({ observed, frequency: 52 }, { range: [weeks - 10, weeks] });
    expect(result.points.at(-1)?.alarm).toBe(true);
    expect(result.points.slice(0, -1).every((p) => p.alarm === false)).toBe(true);
  });

  it('reports a zero bound when fewer than limit54 cases occurred in the last weeks', () => {
    const observed = quiet.map(() => 0);
    observed[10] = 3;
    observed[weeks - 1] = 1;
    const result = farrington({ observed, frequency: 52 }, { range: [weeks, weeks] });
    expect(result.points[0]?.upperbound).toBe(0);
    expect(result.points[0]?.alarm).toBe(false);
  });

  it('names the control entry in errors', () => {
    expect(() => farrington({ observed: quiet, frequency: 52 }, { powertrans: '3/4' as never })).toThrow(
      /powertrans/,
    );
  });
});
