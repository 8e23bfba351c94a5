import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { numberCell, readFixtureCsv } from '../testing/fixtures.js';
import { comparePoints, loadCases } from '../testing/cases.js';
import type { DetectionPoint } from '../series.js';
import { estimateR, incidenceFromCounts } from './estimate-r.js';
import type { EstimateROptions, Incidence, RWindow } from './estimate-r.js';
import { growthRate } from './growth-rate.js';
import { discretisedSerialInterval } from './serial-interval.js';

function loadIncidence(name: string): Incidence {
  const rows = readFixtureCsv(`inputs/rt_input_${name}.csv`);
  const local = rows.map((row) => numberCell(row, 'local'));
  const imported = rows.map((row) => numberCell(row, 'imported'));
  // EpiEstim moves day-1 local cases to imported (process_I).
  return {
    local: local.map((c, i) => (i === 0 ? 0 : c)),
    imported: imported.map((c, i) => (i === 0 ? c + (local[0] ?? 0) : c)),
  };
}

function optionsFor(name: string, control: Record<string, unknown>): EstimateROptions {
  const windows = {
    ...(Array.isArray(control.t_start)
      ? { tStart: control.t_start as number[], tEnd: control.t_end as number[] }
      : {}),
    ...(typeof control.mean_prior === 'number' ? { meanPrior: control.mean_prior } : {}),
    ...(typeof control.std_prior === 'number' ? { stdPrior: control.std_prior } : {}),
  };
  if (control.method === 'parametric_si') {
    return {
      method: 'parametric_si',
      meanSi: control.mean_si as number,
      stdSi: control.std_si as number,
      ...windows,
    };
  }
  const siDistr = readFixtureCsv(`inputs/si_${name}.csv`).map((row) => numberCell(row, 'w'));
  return { method: 'non_parametric_si', siDistr, ...windows };
}

type WindowPoint = DetectionPoint & RWindow;
const column = (name: keyof RWindow) => ({
  column: name,
  kind: 'number' as const,
  tolerance: 1e-9,
  read: (p: WindowPoint) => p[name],
});

describe('Rt (Cori et al. 2013) against EpiEstim::estimate_R', () => {
  for (const fixture of loadCases('rt')) {
    it(`reproduces ${fixture.name} to 1e-9`, () => {
      const result = estimateR(loadIncidence(fixture.dataset), optionsFor(fixture.dataset, fixture.control));
      const points: WindowPoint[] = result.windows.map((w) => ({
        ...w,
        t: w.t_end,
        observed: 0,
        expected: null,
        upperbound: null,
        alarm: null,
      }));
      const problems = comparePoints({ caseName: fixture.name, unit: 'R', rows: fixture.rows }, points, [
        column('t_start'),
        column('mean'),
        column('std'),
        column('q025'),
        column('q05'),
        column('q25'),
        column('median'),
        column('q75'),
        column('q95'),
        column('q975'),
      ]);
      const si = readFixtureCsv(`outputs/${fixture.name}_si.csv`).map((row) => numberCell(row, 'w'));
      si.forEach((w, k) => {
        if (Math.abs((result.siDistr[k] ?? 0) - w) > 1e-12 * Math.max(1, w))
          problems.push(`si[${k}] ${result.siDistr[k]} vs R ${w}`);
      });
      expect(problems.slice(0, 10)).toEqual([]);
    });
  }
});

describe('growth rate and doubling time against R glm(quasipoisson)', () => {
  for (const fixture of loadCases('growth')) {
    it(`reproduces ${fixture.name}`, () => {
      const counts = readFixtureCsv(`inputs/rt_input_${fixture.dataset}.csv`).map(
        (row) => numberCell(row, 'local') + numberCell(row, 'imported'),
      );
      const windows = growthRate(counts, { window: fixture.control.window as number, level: 0.95 });
      const points = windows.map((w) => ({
        ...w,
        t: w.t_end,
        observed: 0,
        expected: null,
        upperbound: null,
        alarm: null,
      }));
      const problems = comparePoints({ caseName: fixture.name, unit: 'R', rows: fixture.rows }, points, [
        // A flat window has r = 0 up to rounding: compare absolutely below 1e-12.
        { column: 'rate', kind: 'number', tolerance: 1e-7, absolute: 1e-12, read: (p) => p.rate },
        { column: 'lower', kind: 'number', tolerance: 1e-7, absolute: 1e-12, read: (p) => p.rateLower },
        { column: 'upper', kind: 'number', tolerance: 1e-7, absolute: 1e-12, read: (p) => p.rateUpper },
        { column: 'dispersion', kind: 'number', tolerance: 1e-7, read: (p) => p.dispersion },
      ]);
      expect(problems.slice(0, 10)).toEqual([]);
    });
  }

  it('reports the doubling time ln 2 / r and leaves its interval open when r may be 0', () => {
    const growing = growthRate([10, 14, 20, 28, 40, 56, 80], { window: 7 })[0];
    expect(growing?.doublingTime).toBeCloseTo(Math.LN2 / (growing?.rate ?? 1), 12);
    expect(growing?.doublingTime).toBeGreaterThan(1.8);
    expect(growing?.doublingTime).toBeLessThan(2.2);
    const flat = growthRate([10, 12, 9, 11, 10, 8, 12], { window: 7 })[0];
    expect(flat?.doublingTimeLower).toBeNull();
  });
});

describe('Rt properties', () => {
  it('gives a discretised serial interval that sums to one over a long horizon', () => {
    fc.assert(
      // Shifted gammas with coefficient of variation up to 1 (heavier tails need a longer horizon).
      fc.property(
        fc.double({ min: 1.5, max: 12, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (mean, cv) => {
          const sd = cv * (mean - 1);
          const w = discretisedSerialInterval(
            Array.from({ length: 400 }, (_, k) => k),
            mean,
            sd,
          );
          return Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-6 && w[0] === 0;
        },
      ),
    );
  });

  it('estimates R near the truth for an epidemic growing by a known factor per serial interval', () => {
    // With a one-day serial interval (w_1 = 1), I_t = R I_{t−1}: here R = 1.5.
    const counts = Array.from({ length: 20 }, (_, i) => Math.round(10 * 1.5 ** i));
    const result = estimateR(incidenceFromCounts(counts), { method: 'non_parametric_si', siDistr: [0, 1] });
    const last = result.windows.at(-1);
    expect(last?.mean).toBeGreaterThan(1.49);
    expect(last?.mean).toBeLessThan(1.51);
    expect((last?.q025 ?? 0) < 1.5 && 1.5 < (last?.q975 ?? 0)).toBe(true);
  });

  it('uses weekly sliding windows t_start = 2 … T−6 by default', () => {
    const result = estimateR(incidenceFromCounts(new Array<number>(20).fill(5)), {
      method: 'parametric_si',
      meanSi: 3,
      stdSi: 1,
    });
    expect(result.windows[0]).toMatchObject({ t_start: 2, t_end: 8 });
    expect(result.windows.at(-1)).toMatchObject({ t_start: 14, t_end: 20 });
  });

  it('rejects a serial interval with mass at lag 0', () => {
    expect(() =>
      estimateR(incidenceFromCounts([1, 2, 3, 4, 5, 6, 7, 8]), {
        method: 'non_parametric_si',
        siDistr: [0.1, 0.9],
      }),
    ).toThrow(/si_distr/);
  });
});
