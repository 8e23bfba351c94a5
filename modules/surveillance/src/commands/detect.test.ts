import { describe, expect, it } from 'vitest';
import { isAppError } from '@shuzhi/core';
import { booleanOrNull, numberOrNull, readFixtureCsv } from '../stats/testing/fixtures.js';
import { detectFromCsv } from './detect.js';
import type { DetectOutputPoint, PanelDetection, SingleSeriesDetection } from './detect.js';

const salmonella = readFixtureCsv('inputs/salmonella_agona.csv');
const salmonellaCsv = ['t,count', ...salmonella.map((row) => `${row.t},${row.observed1}`)].join('\n');
const campy = readFixtureCsv('inputs/campyDE.csv');
const campyCsv = ['date,count', ...campy.map((row) => `${row.date},${row.cases}`)].join('\n');

const noufaily = {
  b: 4,
  w: 3,
  noPeriods: 10,
  weightsThreshold: 2.58,
  pastWeeksNotIncluded: 26,
  pThresholdTrend: 1,
  thresholdMethod: 'nbPlugin',
  alpha: 0.05,
};

/** The rows of an R output fixture for one unit, as DESIGN.md output points. */
function expectSameAsR(points: DetectOutputPoint[], fixture: string, unit: string, tolerance: number): void {
  const rows = readFixtureCsv(`outputs/${fixture}.csv`).filter((row) => row.unit === unit);
  expect(points).toHaveLength(rows.length);
  rows.forEach((row, i) => {
    const point = points[i];
    const upper = numberOrNull(row.upperbound);
    if (upper === null || point?.upperbound === null) expect(point?.upperbound ?? null).toBe(upper);
    else expect(Math.abs((point?.upperbound ?? 0) - upper)).toBeLessThanOrEqual(tolerance * Math.abs(upper));
    expect(point?.alarm).toBe(booleanOrNull(row.alarm));
    expect(point?.observed).toBe(Number(row.observed));
  });
}

function invalid(run: () => unknown): { message: string; issues: unknown[] } {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return { message: error.message, issues: error.issues };
    throw error;
  }
  throw new Error('expected an invalid-input error');
}

describe('shuzhi detect on t,count input', () => {
  it('returns R’s farringtonFlexible result for the Noufaily control', () => {
    const output = detectFromCsv(salmonellaCsv, {
      algorithm: 'farringtonFlexible',
      control: noufaily,
    }) as SingleSeriesDetection;
    expect(output.algorithm).toBe('farringtonFlexible');
    expect(output.points[0]).toHaveProperty('t', 212);
    expectSameAsR(output.points, 'flex_salmonella_noufaily', 'observed1', 1e-6);
  });

  it('runs earsC3 with R’s defaults when no control is given', () => {
    const output = detectFromCsv(salmonellaCsv, { algorithm: 'earsC3' }) as SingleSeriesDetection;
    expect(output.points[0]?.expected).toBeNull();
    expectSameAsR(output.points, 'ears_C3_salmonella_agona', 'observed1', 1e-9);
  });

  it('takes R’s 1-based range', () => {
    const output = detectFromCsv(salmonellaCsv, {
      algorithm: 'farrington',
      range: [264, 312],
    }) as SingleSeriesDetection;
    expectSameAsR(output.points, 'farrington_salmonella_default', 'observed1', 1e-6);
  });

  it('runs the Poisson GLR chart like R', () => {
    const output = detectFromCsv(salmonellaCsv, {
      algorithm: 'glrnb',
      range: [209, 312],
      control: { 'c.ARL': 5, alpha: 0, ret: 'value', mu0: { S: 1, trend: false } },
    }) as SingleSeriesDetection;
    expectSameAsR(output.points, 'glr_salmonella_pois', 'observed1', 1e-6);
  });
});

describe('shuzhi detect on date,count input', () => {
  it('uses R’s date-based reference weeks for weekly dates', () => {
    const output = detectFromCsv(campyCsv, {
      algorithm: 'farringtonFlexible',
      frequency: 52,
      control: noufaily,
    }) as SingleSeriesDetection;
    expect(output.points[0]).toHaveProperty('date', campy[211]?.date);
    expectSameAsR(output.points, 'flex_campyDE_noufaily', 'cases', 1e-6);
  });

  it('rejects a gap in weekly dates, naming the line', () => {
    // Dropping file line 11 leaves the week after the gap on line 11.
    const gap = campyCsv
      .split('\n')
      .filter((_, i) => i !== 10)
      .join('\n');
    const error = invalid(() => detectFromCsv(gap, { algorithm: 'earsC1', frequency: 52 }));
    expect(error.issues[0]).toMatchObject({ record: 11, field: 'date' });
    expect(error.message).toMatch(/seven days apart/);
  });
});

describe('shuzhi detect on area,indicator,date,count input', () => {
  const states = ['Baden.Wuerttemberg', 'Bavaria', 'North.Rhine.Westphalia'];
  const newport = readFixtureCsv('inputs/salmNewport.csv');
  const panelCsv = [
    'area,indicator,date,count',
    ...states.flatMap((state) =>
      newport.map((row) => `${state},salmonella_newport,${row.date},${row[state]}`),
    ),
  ].join('\n');

  it('returns one result per (area, indicator), each matching R', () => {
    const output = detectFromCsv(panelCsv, {
      algorithm: 'farringtonFlexible',
      control: { b: 4 },
    }) as PanelDetection;
    expect(output.series.map((s) => s.area)).toEqual(states);
    for (const series of output.series) {
      expect(series.indicator).toBe('salmonella_newport');
      expectSameAsR(series.points, 'flex_salmNewport_default', series.area, 1e-6);
    }
  });

  it('rejects a series with a missing date unless missing rows are zeros', () => {
    const lines = panelCsv.split('\n');
    const holey = lines.filter((_, i) => i !== 100).join('\n');
    expect(invalid(() => detectFromCsv(holey, { algorithm: 'earsC1' })).message).toMatch(/has no row for/);
    const filled = detectFromCsv(holey, { algorithm: 'earsC1', missing: 'zero' }) as PanelDetection;
    expect(filled.series).toHaveLength(3);
  });
});

describe('shuzhi detect input and control errors', () => {
  it('lists the known control names when one is unknown', () => {
    const error = invalid(() =>
      detectFromCsv(salmonellaCsv, { algorithm: 'farringtonFlexible', control: { noPeriod: 10 } }),
    );
    expect(error.message).toMatch(/unknown control for farringtonFlexible; known: b, w, reweight/);
    expect(error.issues[0]).toMatchObject({ record: 'control', field: 'noPeriod' });
  });

  it('rejects a control value of the wrong type', () => {
    expect(
      invalid(() => detectFromCsv(salmonellaCsv, { algorithm: 'farrington', control: { b: 'five' } }))
        .message,
    ).toMatch(/control b: must be an integer/);
  });

  it('rejects an unknown algorithm with the list of algorithms', () => {
    expect(invalid(() => detectFromCsv(salmonellaCsv, { algorithm: 'bayes' })).message).toMatch(
      /earsC1, earsC2, earsC3/,
    );
  });

  it('names line and column of a bad count', () => {
    const bad = salmonellaCsv.replace('\n3,', '\n3,-1').replace(/\n3,-1\d*/, '\n3,-1');
    const error = invalid(() => detectFromCsv(bad, { algorithm: 'earsC1' }));
    expect(error.issues[0]).toMatchObject({ record: 4, field: 'count' });
  });

  it('names the header when it is not one of the accepted forms', () => {
    expect(invalid(() => detectFromCsv('week,cases\n1,2', { algorithm: 'earsC1' })).message).toMatch(
      /expected t,count or date,count or area,indicator,date,count/,
    );
  });

  it('reports a range outside the data with R’s reason', () => {
    expect(
      invalid(() => detectFromCsv(salmonellaCsv, { algorithm: 'farringtonFlexible', range: [100, 312] }))
        .message,
    ).toMatch(/range/);
  });
});
