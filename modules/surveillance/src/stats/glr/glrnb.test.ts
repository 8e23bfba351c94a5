import { describe, expect, it } from 'vitest';
import { comparePoints, controlWithRange, loadCases, loadSeries } from '../testing/cases.js';
import { glrnb } from './glrnb.js';
import type { GlrnbControl } from './glrnb.js';

describe('GLR detectors against R surveillance::algo.glrnb', () => {
  for (const fixture of loadCases('glrnb')) {
    it(`reproduces ${fixture.name} (${fixture.units.length} series)`, () => {
      const problems = fixture.units.flatMap((unit) => {
        const control = controlWithRange<GlrnbControl>(fixture);
        const result = glrnb(loadSeries(fixture.dataset, unit), control);
        return comparePoints({ caseName: fixture.name, unit, rows: fixture.rows }, result.points, [
          { column: 'upperbound', kind: 'number', tolerance: 1e-6, read: (p) => p.upperbound },
          { column: 'alarm', kind: 'boolean', read: (p) => p.alarm },
          { column: 'mu0', kind: 'number', tolerance: 1e-6, read: (p) => p.mu0 },
          { column: 'alpha', kind: 'number', tolerance: 1e-6, read: () => result.control.alpha },
        ]);
      });
      expect(problems.slice(0, 10)).toEqual([]);
    });
  }
});

describe('GLR behaviour', () => {
  const observed = Array.from(
    { length: 160 },
    (_, i) => 5 + Math.round(2 * Math.sin((2 * Math.PI * i) / 52)),
  );
  observed[150] = 25;

  it('raises an alarm at a sudden increase and restarts afterwards', () => {
    const result = glrnb({ observed, frequency: 52 }, { range: [105, 160], alpha: 0 });
    expect(result.points.find((p) => p.t === 151)?.alarm).toBe(true);
    expect(result.points.find((p) => p.t === 152)?.upperbound).toBeLessThan(5);
  });

  it('estimates the negative binomial α with glm.nb when α is unset, as R does', () => {
    const noisy = observed.map((y, i) => y + ((i * 7) % 5) - 2);
    const result = glrnb({ observed: noisy, frequency: 52 }, { range: [105, 160] });
    expect(result.control.alpha).toBeGreaterThan(0);
  });

  it('requires α when the in-control means are given', () => {
    expect(() =>
      glrnb({ observed, frequency: 52 }, { range: [150, 160], mu0: new Array<number>(11).fill(5) }),
    ).toThrow(/alpha/);
  });
});
