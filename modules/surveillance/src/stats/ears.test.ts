import { describe, expect, it } from 'vitest';
import { earsC } from './ears.js';
import type { EarsControl } from './ears.js';
import { comparePoints, controlWithRange, loadCases, loadSeries } from './testing/cases.js';

describe('EARS C1, C2, C3 against R surveillance::earsC', () => {
  for (const fixture of loadCases('ears')) {
    it(`reproduces ${fixture.name} (${fixture.units.length} series) to 1e-9`, () => {
      const problems = fixture.units.flatMap((unit) => {
        const result = earsC(loadSeries(fixture.dataset, unit), controlWithRange<EarsControl>(fixture));
        return comparePoints({ caseName: fixture.name, unit, rows: fixture.rows }, result.points, [
          { column: 'upperbound', kind: 'number', tolerance: 1e-9, read: (p) => p.upperbound },
          { column: 'alarm', kind: 'boolean', read: (p) => p.alarm },
        ]);
      });
      expect(problems.slice(0, 10)).toEqual([]);
    });
  }
});

describe('EARS behaviour', () => {
  const series = { observed: [3, 5, 4, 6, 5, 4, 5, 30, 6, 5, 4, 5, 6, 40], frequency: 365 };

  it('uses R default alphas: 0.001 for C1 and C2, 0.025 for C3', () => {
    expect(earsC(series, { method: 'C1' }).control.alpha).toBe(0.001);
    expect(earsC(series, { method: 'C3' }).control.alpha).toBe(0.025);
  });

  it('starts by default after baseline, baseline+2 and baseline+4 history points', () => {
    expect(earsC(series, { method: 'C1' }).points[0]?.t).toBe(8);
    expect(earsC(series, { method: 'C2' }).points[0]?.t).toBe(10);
    expect(earsC(series, { method: 'C3' }).points[0]?.t).toBe(12);
  });

  it('flags a spike far above the baseline in C1', () => {
    const spike = earsC(series, { method: 'C1' }).points.find((p) => p.t === 8);
    expect(spike?.alarm).toBe(true);
  });

  it('rejects a range that leaves too little history', () => {
    expect(() => earsC(series, { method: 'C2', range: [5, 14] })).toThrow(/needs 9 earlier observations/);
  });

  it('offers the textbook C3 bound, which depends on the baseline mean, as an explicit option', () => {
    const quirk = earsC(series, { method: 'C3' }).points;
    const textbook = earsC(series, { method: 'C3', reproduceRQuirks: false }).points;
    expect(textbook.map((p) => p.upperbound)).not.toEqual(quirk.map((p) => p.upperbound));
  });
});
