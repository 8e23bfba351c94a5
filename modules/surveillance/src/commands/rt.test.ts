import { describe, expect, it } from 'vitest';
import { isAppError } from '@shuzhi/core';
import { numberCell, readFixtureCsv } from '../stats/testing/fixtures.js';
import { rtFromCsv } from './rt.js';

const flu = readFixtureCsv('inputs/rt_input_Flu2009.csv');
const fluCsv = [
  'date,count',
  ...flu.map((row) => `${row.date},${Number(row.local) + Number(row.imported)}`),
].join('\n');

describe('shuzhi rt', () => {
  it('returns EpiEstim’s posterior windows for Flu2009 with mean SI 2.6, sd 1.5', () => {
    const output = rtFromCsv(fluCsv, { meanSi: 2.6, stdSi: 1.5 });
    const reference = readFixtureCsv('outputs/rt_Flu2009_parametric_2.6.csv');
    expect(output.windows).toHaveLength(reference.length);
    output.windows.forEach((window, i) => {
      const row = reference[i];
      if (!row) throw new Error('missing reference row');
      expect(window.t_start).toBe(numberCell(row, 't_start'));
      expect(window.t_end).toBe(numberCell(row, 't_end'));
      for (const key of ['mean', 'std', 'q025', 'q05', 'q25', 'median', 'q75', 'q95', 'q975'] as const) {
        expect(Math.abs((window[key] ?? 0) - numberCell(row, key))).toBeLessThanOrEqual(
          1e-9 * numberCell(row, key),
        );
      }
    });
    expect(Object.keys(output)).toEqual(['windows']);
    expect(Object.keys(output.windows[0] ?? {})).toEqual([
      't_start',
      't_end',
      'mean',
      'std',
      'q025',
      'q05',
      'q25',
      'median',
      'q75',
      'q95',
      'q975',
    ]);
  });

  it('accepts t,count input and a custom window', () => {
    const indexed = [
      't,count',
      ...flu.map((row, i) => `${i + 1},${Number(row.local) + Number(row.imported)}`),
    ].join('\n');
    const output = rtFromCsv(indexed, { meanSi: 2.6, stdSi: 1.5, window: 14 });
    expect(output.windows[0]).toMatchObject({ t_start: 2, t_end: 15 });
  });

  it('requires daily dates without gaps', () => {
    const gap = fluCsv
      .split('\n')
      .filter((_, i) => i !== 5)
      .join('\n');
    try {
      rtFromCsv(gap, { meanSi: 2.6, stdSi: 1.5 });
      expect.unreachable();
    } catch (error) {
      // File line 6 was dropped, so the day after the gap sits on line 6.
      expect(isAppError(error) && error.issues[0]).toMatchObject({ record: 6, field: 'date' });
    }
  });

  it('rejects a serial interval mean of at most one day, as EpiEstim does', () => {
    expect(() => rtFromCsv(fluCsv, { meanSi: 1, stdSi: 1 })).toThrow(/mean_si/);
  });
});
