import { describe, expect, it } from 'vitest';
import { earsC } from '../stats/ears.js';
import { dailySeries, weeklySeries } from '../indicators/daily-series.js';
import { dateRange } from '../indicators/local-date.js';
import { defaultDetectionRules, validateRule, type DetectionRule } from './detection-rules.js';
import { evaluateSeries } from './evaluate-series.js';

const earsRule = defaultDetectionRules().find((r) => r.id === 'ears-fever_clinic_visits-district')!;
const noufailyRule = defaultDetectionRules().find((r) => r.id === 'noufaily-fever_clinic_visits-district')!;

function counts(from: string, values: number[]): Map<string, number> {
  const days = dateRange(from, '2099-12-31').slice(0, values.length);
  return new Map(days.map((d, i) => [d, values[i]!]));
}

describe('evaluating a rule over an area’s counts', () => {
  it('alarms on a planted spike in daily counts, with EARS C2’s bound', () => {
    const values = [6, 8, 7, 5, 9, 6, 7, 8, 6, 7, 9, 8, 30];
    const days = dailySeries(counts('2022-03-01', values), { from: '2022-03-01', to: '2022-03-13' }, true);
    const result = evaluateSeries(earsRule, days, { evaluateLast: 3 });
    if (!('points' in result)) throw new Error(result.skipped);
    expect(result.points.map((p) => p.date)).toEqual(['2022-03-11', '2022-03-12', '2022-03-13']);
    expect(result.points.map((p) => p.alarm)).toEqual([false, false, true]);
    // The bound is R's: earsC with the 10 days of baseline the 13th has (13 − 1 − 2-day guard band).
    const reference = earsC(
      { observed: values, frequency: 365 },
      { method: 'C2', alpha: 0.001, minSigma: 2, baseline: 10, range: [13, 13] },
    );
    expect(result.points[2]!.upperbound).toBe(reference.points[0]!.upperbound);
  });

  it('grows the baseline from 7 days to the rule’s 28, each point exactly as R computes it', () => {
    const values = Array.from({ length: 45 }, (_, i) => 10 + ((i * 7) % 6));
    const days = dailySeries(counts('2022-01-01', values), { from: '2022-01-01', to: '2022-02-14' }, true);
    const result = evaluateSeries(earsRule, days, { evaluateLast: 45 });
    if (!('points' in result)) throw new Error(result.skipped);
    // The first monitored day has 7 days of baseline: t = 7 + 2 + 1.
    expect(result.points[0]!.date).toBe('2022-01-10');
    expect(result.points).toHaveLength(45 - 9);
    for (const [i, point] of result.points.entries()) {
      const t = 10 + i;
      const baseline = Math.min(28, t - 3);
      const r = earsC(
        { observed: values, frequency: 365 },
        { method: 'C2', alpha: 0.001, minSigma: 2, baseline, range: [t, t] },
      ).points[0]!;
      expect(point.upperbound).toBe(r.upperbound);
    }
  });

  it('ignores an alarm below the rule’s minimum count', () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7];
    const days = dailySeries(counts('2022-03-01', values), { from: '2022-03-01', to: '2022-03-11' }, true);
    // A flat zero baseline: the bound is the floor, z₀.₉₉₉ × minSigma = 6.18.
    const eager = evaluateSeries(earsRule, days, { evaluateLast: 1 });
    expect('points' in eager && eager.points[0]).toMatchObject({ observed: 7, alarm: true });
    const strict: DetectionRule = validateRule({ ...earsRule, minCount: 10 });
    const again = evaluateSeries(strict, days, { evaluateLast: 1 });
    expect('points' in again && again.points[0]!.alarm).toBe(false);
  });

  it('skips days without a figure (school absenteeism at weekends) instead of reading them as zero', () => {
    const map = new Map<string, number>();
    for (const date of dateRange('2022-02-28', '2022-03-25')) {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) map.set(date, 20 + (date.charCodeAt(9) % 3));
    }
    const days = dailySeries(map, { from: '2022-02-28', to: '2022-03-25' }, false);
    const result = evaluateSeries(earsRule, days, { evaluateLast: 5 });
    if (!('points' in result)) throw new Error(result.skipped);
    expect(result.points.map((p) => p.date)).toEqual([
      '2022-03-21',
      '2022-03-22',
      '2022-03-23',
      '2022-03-24',
      '2022-03-25',
    ]);
    expect(result.points.every((p) => !p.alarm)).toBe(true);
  });

  it('says why a weekly rule cannot run yet instead of alarming on too little history', () => {
    const days = dailySeries(
      counts('2022-01-03', Array(70).fill(5)),
      { from: '2022-01-03', to: '2022-03-13' },
      true,
    );
    expect(evaluateSeries(noufailyRule, days, { evaluateLast: 1 })).toMatchObject({
      skipped: 'needs 216 weeks of history, has 10',
    });
  });

  it('sums complete ISO weeks, Monday to Sunday, leaving a partial week out', () => {
    const days = dailySeries(
      counts('2022-03-05', Array(20).fill(1)),
      { from: '2022-03-05', to: '2022-03-24' },
      true,
    );
    expect(weeklySeries(days)).toEqual([
      { weekStart: '2022-03-07', weekEnd: '2022-03-13', count: 7 },
      { weekStart: '2022-03-14', weekEnd: '2022-03-20', count: 7 },
    ]);
  });
});
