import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import {
  surveillanceFixture,
  surveillanceTestMigrations,
  type SurveillanceFixture,
} from '../alerts/testing.js';
import { parseIndicatorsCsv } from './indicators-import.handler.js';

const hetang = '430202';
const yuetang = '430202001000'; // a street of Hetang
const lusong = '430203';

describeEachDatabase(
  'indicator series',
  (getDatabase) => {
    let f: SurveillanceFixture;
    beforeAll(() => {
      f = surveillanceFixture(getDatabase());
    });
    afterAll(async () => {
      await f.module.drain();
      await f.identity.audit.drain();
    });

    it('derives counts from the hub’s events once, however often the feed delivers them', async () => {
      await f.module.start();
      const events = f.feed.stamp(
        [
          {
            topic: 'hub.observation.created',
            entityType: 'Observation',
            entityId: 'obs_1',
            areaCode: `${yuetang.slice(0, 9)}001`,
            sourceId: 'src_lab',
            payload: { testKind: 'pcr', result: 'positive', resultedAt: '2022-03-10T03:00:00Z' },
          },
          {
            topic: 'hub.observation.created',
            entityType: 'Observation',
            entityId: 'obs_2',
            areaCode: yuetang,
            sourceId: 'src_lab',
            payload: { testKind: 'antigen', result: 'negative', resultedAt: '2022-03-10T05:00:00Z' },
          },
          {
            topic: 'hub.case.confirmed',
            entityType: 'Case',
            entityId: 'case_1',
            areaCode: yuetang,
            payload: { classification: 'confirmed', reportTime: '2022-03-10T06:00:00Z', onset: '2022-03-08' },
          },
        ],
        '2022-03-10T07:00:00.000Z',
      );
      await f.feed.deliver(events);
      await f.feed.deliver(events);
      const tests = await f.module.indicators.series(f.epi, {
        area: hetang,
        indicator: 'tests_performed',
        from: '2022-03-09',
        to: '2022-03-10',
      });
      expect(tests.points).toEqual([
        { date: '2022-03-09', value: 0 },
        { date: '2022-03-10', value: 2 },
      ]);
      const positivity = await f.module.indicators.series(f.epi, {
        area: '4302',
        indicator: 'test_positivity',
        from: '2022-03-10',
        to: '2022-03-10',
      });
      expect(positivity.points[0]!.value).toBe(50);
      const onset = await f.module.indicators.series(f.epi, {
        area: yuetang,
        indicator: 'confirmed_by_onset',
        from: '2022-03-08',
        to: '2022-03-08',
      });
      expect(onset.points[0]!.value).toBe(1);
      const streets = await f.module.indicators.breakdown(f.epi, {
        area: hetang,
        indicator: 'tests_performed',
        from: '2022-03-09',
        to: '2022-03-10',
      });
      expect(streets.items.find((i) => i.code === yuetang)).toMatchObject({ total: 2, last: 2 });
      // A street nothing was recorded for has no total, not a zero.
      expect(streets.items.find((i) => i.code !== yuetang)).toMatchObject({ total: null });
      const activity = await f.module.indicators.sourceActivity();
      expect(activity).toEqual([
        {
          sourceId: 'src_lab',
          lastEventAt: '2022-03-10T07:00:00.000Z',
          lastTopic: 'hub.observation.created',
          events: 4,
        },
      ]);
      await f.module.stop();
    });

    it('imports figures with the hub’s template, replacing them on re-import', async () => {
      const csv = [
        'area,indicator,date,count',
        `${hetang},school_absenteeism,2022-03-07,31`,
        `${hetang},school_absenteeism,2022-03-08,35`,
        `${lusong},school_absenteeism,2022-03-08,12`,
        `4302,school_absenteeism,2022-03-08,47`,
      ].join('\n');
      const parsed = parseIndicatorsCsv(csv);
      expect(parsed.issues).toEqual([]);
      const handler = f.module.importHandler;
      const apply = (records: typeof parsed.records) =>
        getDatabase()
          .db.transaction()
          .execute((trx) =>
            handler.apply(trx, records, { ctx: f.epi, sourceId: null, progress: () => undefined }),
          );
      expect(await apply(parsed.records)).toEqual({ accepted: 4, unchanged: 0 });
      expect(await apply(parsed.records)).toEqual({ accepted: 0, unchanged: 4 });
      const corrected = parseIndicatorsCsv(
        `area,indicator,date,count\n${hetang},school_absenteeism,2022-03-08,36\n`,
      );
      expect(await apply(corrected.records)).toEqual({ accepted: 1, unchanged: 0 });
      const series = await f.module.indicators.series(f.epi, {
        area: hetang,
        indicator: 'school_absenteeism',
        from: '2022-03-06',
        to: '2022-03-08',
      });
      // A reported indicator: no figure on Sunday 6 March is "not reported", not zero.
      expect(series.points.map((p) => p.value)).toEqual([null, 31, 36]);
      const city = await f.module.indicators.series(f.epi, {
        area: '4302',
        indicator: 'school_absenteeism',
        from: '2022-03-07',
        to: '2022-03-08',
      });
      // The city's stated total wins on the 8th; on the 7th it is the sum of what was given below it.
      expect(city.points.map((p) => p.value)).toEqual([31, 47]);
      const breakdown = await f.module.indicators.breakdown(f.epi, {
        area: '4302',
        indicator: 'school_absenteeism',
        from: '2022-03-07',
        to: '2022-03-08',
      });
      expect(breakdown.items.find((i) => i.code === hetang)).toMatchObject({ total: 67, last: 36 });
      expect(breakdown.items.find((i) => i.code === '430204')).toMatchObject({ total: null, last: null });
    });

    it('keeps a district analyst to their district', async () => {
      await expect(
        f.module.indicators.series(f.hetang, {
          area: lusong,
          indicator: 'ili',
          from: '2022-03-01',
          to: '2022-03-02',
        }),
      ).rejects.toMatchObject({ code: 'not_found' });
      await expect(
        f.module.indicators.series(f.hetang, {
          area: '4302',
          indicator: 'ili',
          from: '2022-03-01',
          to: '2022-03-02',
        }),
      ).rejects.toMatchObject({ code: 'not_found' });
      const own = await f.module.indicators.series(f.hetang, {
        area: yuetang,
        indicator: 'ili',
        from: '2022-03-01',
        to: '2022-03-02',
      });
      expect(own.area).toMatchObject({ code: yuetang, level: 'street', name: '月塘街道' });
      expect(f.module.indicators.rootArea(f.hetang).code).toBe(hetang);
    });
  },
  { migrations: surveillanceTestMigrations },
);

it('names the line and column of every problem in an indicators file', () => {
  const parsed = parseIndicatorsCsv(
    [
      'area,indicator,date,count',
      `${hetang},fever_clinic_visits,2022-03-05,12`,
      `${hetang},fever_clinic_visits,2022-03-05,13`,
      `110101,fever_clinic_visits,2022-03-05,4`,
      `${hetang},fever,2022-03-05,4`,
      `${hetang},fever_clinic_visits,2022-02-30,4`,
      `${hetang},fever_clinic_visits,2022-03-06,-1`,
      `${yuetang},fever_clinic_visits,2022-03-05,3`,
      `4302,fever_clinic_visits,2022-03-05,40`,
    ].join('\n'),
  );
  expect(parsed.total).toBe(8);
  expect(parsed.records.map((r) => r.line)).toEqual([2, 9]);
  expect(parsed.issues.map((i) => [i.line, i.field])).toEqual([
    [6, 'date'],
    [7, 'count'],
    [3, 'date'],
    [4, 'area'],
    [5, 'indicator'],
    [8, 'area'],
  ]);
  expect(parsed.issues.find((i) => i.line === 8)!.reason).toContain('line 2 gives 430202');
  // Each with its reason's code, so the imports page gives it in the reader's language.
  expect(parsed.issues.map((i) => [i.line, i.code])).toEqual([
    [6, 'calendar-date'],
    [7, 'at-least'],
    [3, 'indicator-repeated'],
    [4, 'indicator-area'],
    [5, 'indicator-unknown'],
    [8, 'indicator-nested'],
  ]);
  expect(parseIndicatorsCsv('area,indicator,day,count\n').issues[0]).toMatchObject({ line: 1 });
});
