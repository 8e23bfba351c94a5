import { describe, expect, it } from 'vitest';
import { cusum } from './cusum.js';
import type { CusumControl } from './cusum.js';
import { comparePoints, controlWithRange, loadCases, loadSeries } from './testing/cases.js';

describe('CUSUM against R surveillance::algo.cusum', () => {
  for (const fixture of loadCases('cusum')) {
    it(`reproduces ${fixture.name} (${fixture.units.length} series)`, () => {
      const problems = fixture.units.flatMap((unit) => {
        const series = loadSeries(fixture.dataset, unit);
        const result = cusum(series, controlWithRange<CusumControl>(fixture));
        return comparePoints({ caseName: fixture.name, unit, rows: fixture.rows }, result.points, [
          { column: 'cusum', kind: 'number', tolerance: 1e-9, read: (p) => p.cusum },
          { column: 'upperbound', kind: 'number', tolerance: 1e-9, read: (p) => p.upperbound },
          { column: 'alarm', kind: 'boolean', read: (p) => p.alarm },
          { column: 'm', kind: 'number', tolerance: 1e-9, read: (p) => p.m },
        ]);
      });
      expect(problems.slice(0, 10)).toEqual([]);
    });
  }
});

describe('CUSUM behaviour', () => {
  const observed = [2, 3, 2, 1, 3, 2, 2, 3, 2, 2, 9, 10, 12, 3, 2];

  it('accumulates excess counts and alarms once S reaches h', () => {
    const result = cusum({ observed, frequency: 52 }, { range: [9, 15], m: 2 });
    const firstAlarm = result.points.find((p) => p.alarm);
    expect(firstAlarm?.t).toBe(11);
  });

  it('keeps alarming after an alarm unless reset is asked for (surveillance < 1.25 never resets)', () => {
    const noReset = cusum({ observed, frequency: 52 }, { range: [9, 15], m: 2 });
    const reset = cusum({ observed, frequency: 52 }, { range: [9, 15], m: 2, reset: true });
    expect(noReset.points.filter((p) => p.alarm).length).toBeGreaterThan(
      reset.points.filter((p) => p.alarm).length,
    );
  });

  it('rejects the anscombeNegBin transformation with a clear reason', () => {
    expect(() =>
      cusum({ observed, frequency: 52 }, { range: [9, 15], trans: 'anscombeNegBin' as never }),
    ).toThrow(/anscombeNegBin is not supported/);
  });
});
