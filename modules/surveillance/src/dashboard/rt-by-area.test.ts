import { describe, expect, it } from 'vitest';
import { estimateR, incidenceFromCounts } from '../stats/rt/estimate-r.js';
import { growthRate } from '../stats/rt/growth-rate.js';
import { dateRange } from '../indicators/local-date.js';
import { defaultSerialInterval, rtOfArea } from './rt-by-area.js';

const dates = dateRange('2022-03-01', '2022-04-09'); // 40 days

describe('Rt of an area', () => {
  it('reports EpiEstim’s last weekly window and the growth of the last week', () => {
    // Growing about 8 % a day.
    const counts = dates.map((_, i) => Math.round(3 * Math.exp(0.08 * i)));
    const rt = rtOfArea(dates, counts, defaultSerialInterval);
    const reference = estimateR(incidenceFromCounts(counts), {
      method: 'parametric_si',
      meanSi: defaultSerialInterval.mean,
      stdSi: defaultSerialInterval.sd,
    }).windows.at(-1)!;
    expect(rt.latest).toEqual({
      from: '2022-04-03',
      to: '2022-04-09',
      mean: reference.mean,
      q025: reference.q025,
      q975: reference.q975,
    });
    expect(rt.latest!.mean).toBeGreaterThan(1);
    expect(rt.growth!.rate).toBeCloseTo(growthRate(counts.slice(-7), { window: 7 })[0]!.rate!, 12);
    expect(rt.growth!.doublingTime).toBeGreaterThan(5);
    expect(rt.growth!.doublingTime).toBeLessThan(15);
  });

  it('gives no estimate without enough recent infections, and leaves out windows that are mostly prior', () => {
    expect(
      rtOfArea(
        dates,
        dates.map(() => 0),
        defaultSerialInterval,
      ),
    ).toMatchObject({ latest: null, series: [] });
    const late = dates.map((_, i) => (i < 30 ? 0 : 4));
    const rt = rtOfArea(dates, late, defaultSerialInterval);
    // Windows ending before day 32 hold fewer than five infections.
    expect(rt.series[0]!.to >= '2022-04-01').toBe(true);
    expect(rt.recent).toBe(40);
  });
});
