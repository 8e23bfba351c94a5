import { afterAll, beforeAll, expect, it } from 'vitest';
import { FixedClock } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, type SignedIn, type TestApp } from './testing.js';

const hetang = '430202';
const lusong = '430203';

/** 28 steady days of fever-clinic visits in an area, then a spike on 15 March 2022. */
function spikeCsv(area: string, spike = 22): string {
  const lines = ['area,indicator,date,count'];
  for (let day = 15; day <= 42; day++) {
    const date = new Date(Date.UTC(2022, 1, day)).toISOString().slice(0, 10);
    lines.push(`${area},fever_clinic_visits,${date},${10 + ((day * 3) % 5) - 2}`);
  }
  lines.push(`${area},fever_clinic_visits,2022-03-15,${spike}`);
  return `${lines.join('\n')}\n`;
}

interface AlertItem {
  id: string;
  area: { code: string };
  status: string;
  level: string;
  alarmDays: number;
}

describeEachDatabase('early warning over HTTP', (getDatabase) => {
  let t: TestApp;
  let epi: SignedIn;
  let analyst: SignedIn;
  let district: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(getDatabase(), {}, { clock: new FixedClock('2022-03-16T02:00:00Z') });
    epi = await signIn(t.app, 'epi');
    analyst = await signIn(t.app, 'analyst');
    district = await signIn(t.app, 'district');
  });
  afterAll(async () => t.close());

  const importCsv = async (csv: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=indicators&fileName=indicators.csv&wait=true',
      headers: { ...epi.headers, 'content-type': 'text/csv' },
      payload: csv,
    });
    await t.platform.surveillance.drain();
    return response;
  };
  const alerts = async (who: SignedIn, query = '') =>
    (await t.app.inject({ url: `/api/v1/alerts${query}`, headers: who.headers })).json() as {
      items: AlertItem[];
    };

  it('refuses an indicators file with a bad line, naming the line, column and reason, and applies nothing', async () => {
    const response = await importCsv(
      'area,indicator,date,count\n430202,fever_clinic_visits,2022-03-01,10\n430202,fever_clinic_visits,2022-03-02,ten\n',
    );
    expect(response.json()).toMatchObject({
      status: 'rejected',
      total: 2,
      accepted: 0,
      issues: [{ line: 3, field: 'count' }],
    });
    const series = await t.app.inject({
      url: `/api/v1/indicators/series?area=${hetang}&indicator=fever_clinic_visits&from=2022-03-01&to=2022-03-01`,
      headers: analyst.headers,
    });
    expect(series.json()).toMatchObject({ points: [{ date: '2022-03-01', value: 0 }] });
  });

  it('raises one alert for a planted spike, and no second one when the same file comes again', async () => {
    const first = await importCsv(spikeCsv(hetang));
    expect(first.json()).toMatchObject({ status: 'accepted', accepted: 29 });
    const listed = await alerts(analyst);
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ area: { code: hetang }, status: 'new', alarmDays: 1 });
    const again = await importCsv(spikeCsv(hetang));
    expect(again.json()).toMatchObject({ accepted: 0, unchanged: 29 });
    const run = await t.app.inject({
      method: 'POST',
      url: '/api/v1/alerts/detect',
      headers: epi.headers,
      payload: { asOf: '2022-03-15' },
    });
    expect(run.json()).toMatchObject({ alarms: 1, opened: 0 });
    expect((await alerts(analyst)).items).toHaveLength(1);
  });

  it('lets the epidemiologist triage, and not the analyst; refuses a transition out of order', async () => {
    const [alert] = (await alerts(epi)).items;
    const triage = (who: SignedIn, status: string, note = '核查中') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/alerts/${alert!.id}/triage`,
        headers: who.headers,
        payload: { status, note },
      });
    expect((await triage(analyst, 'investigating')).statusCode).toBe(403);
    expect((await triage(epi, 'confirmed')).statusCode).toBe(409);
    const investigating = await triage(epi, 'investigating', '已联系发热门诊核实');
    expect(investigating.statusCode).toBe(200);
    expect(investigating.json()).toMatchObject({
      status: 'investigating',
      allowedTransitions: ['confirmed', 'dismissed'],
    });
    const dismissed = await triage(epi, 'dismissed', '系统录入重复，非真实增长');
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', triagedBy: expect.any(String) });
    const detail = (
      await t.app.inject({ url: `/api/v1/alerts/${alert!.id}`, headers: analyst.headers })
    ).json() as {
      decisions: { kind: string; note: string | null }[];
      chart: { points: { date: string; observed: number; upperbound: number | null; alarm: boolean }[] };
    };
    expect(detail.decisions.map((d) => d.kind)).toEqual(['opened', 'triage', 'triage']);
    expect(detail.chart.points.find((p) => p.date === '2022-03-15')).toMatchObject({
      observed: 22,
      alarm: true,
    });
  });

  it('keeps a district analyst to their district’s alerts and command centre', async () => {
    await importCsv(spikeCsv(lusong, 30));
    expect((await alerts(analyst)).items.map((a) => a.area.code).sort()).toEqual([hetang, lusong]);
    const own = await alerts(district);
    expect(own.items.map((a) => a.area.code)).toEqual([hetang]);
    const lusongAlert = (await alerts(analyst)).items.find((a) => a.area.code === lusong)!;
    expect(
      (await t.app.inject({ url: `/api/v1/alerts/${lusongAlert.id}`, headers: district.headers })).statusCode,
    ).toBe(404);

    const dashboard = await t.app.inject({ url: '/api/v1/dashboard', headers: district.headers });
    expect(dashboard.statusCode).toBe(200);
    const body = dashboard.json() as {
      area: { code: string };
      parent: unknown;
      map: { level: string; areas: unknown[] };
      alerts: { open: AlertItem[] };
    };
    expect(body).toMatchObject({ area: { code: hetang }, parent: null, map: { level: 'street' } });
    expect(body.alerts.open).toEqual([]); // Hetang's only alert was dismissed
    expect(
      (await t.app.inject({ url: `/api/v1/dashboard?area=${lusong}`, headers: district.headers })).statusCode,
    ).toBe(404);
  });

  it('counts what the hub receives — tests, fever-clinic visits, pharmacy sales, cases — from its change feed', async () => {
    await t.platform.surveillance.start();
    // Shifeng District: no figures were imported for it, so what the hub derives is what it shows.
    const person =
      'PAT-000123,430202198503121235,,张晓明,male,1985-03-12,13812345678,430204,石峰区响石岭街道1号';
    const files: Record<string, string> = {
      'pharmacy-sales':
        'pharmacy_id,area_code,date,product_class,units\nPH-0917,430204,2022-03-05,antipyretic,58\nPH-0917,430204,2022-03-05,cough,23\n',
      'lab-results':
        'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id\n' +
        `R-1,${person},94500-6,2022-03-05T08:10:00+08:00,2022-03-05T20:30:00+08:00,positive,24,LAB-01\n`,
      'fever-clinic-visits':
        'visit_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,visit_at,temperature_c,fever,symptoms,clinic_id\n' +
        `V-1,${person},2022-03-04T10:15:00+08:00,38.2,,cough,FC-430202-01\n`,
      'case-reports':
        'report_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,diagnosis_code,classification,onset_date,diagnosed_at\n' +
        `CR-1,${person},U07.1,confirmed,2022-03-03,2022-03-05T21:00:00+08:00\n`,
    };
    for (const [kind, csv] of Object.entries(files)) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/imports?kind=${kind}&fileName=${kind}.csv&wait=true`,
        headers: { ...epi.headers, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(response.json(), kind).toMatchObject({ status: 'accepted' });
    }
    t.platform.hub.feed.notify();
    await t.platform.hub.feed.settle();
    await t.platform.surveillance.drain();
    const value = async (indicator: string, date: string) =>
      (
        (
          await t.app.inject({
            url: `/api/v1/indicators/series?area=430204&indicator=${indicator}&from=${date}&to=${date}`,
            headers: analyst.headers,
          })
        ).json() as { points: { value: number | null }[] }
      ).points[0]!.value;
    expect(await value('antipyretic_sales', '2022-03-05')).toBe(58);
    expect(await value('cough_medicine_sales', '2022-03-05')).toBe(23);
    expect(await value('tests_performed', '2022-03-05')).toBe(1);
    expect(await value('tests_positive', '2022-03-05')).toBe(1);
    expect(await value('fever_clinic_visits', '2022-03-04')).toBe(1);
    expect(await value('confirmed_cases', '2022-03-05')).toBe(1);
    expect(await value('confirmed_by_onset', '2022-03-03')).toBe(1);
    await t.platform.surveillance.stop();
  });

  it('gives the city’s command centre in one answer, with the open alert on the map', async () => {
    const response = await t.app.inject({ url: '/api/v1/dashboard', headers: analyst.headers });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      area: { code: string };
      asOf: string;
      figures: { indicator: string; today: number | null; yesterday: number | null; change: number | null }[];
      map: { level: string; areas: { code: string; alertLevel: string | null; openAlerts: number }[] };
      alerts: { open: AlertItem[] };
      signals: unknown[] | null;
      elapsedMs: number;
    };
    expect(body).toMatchObject({ area: { code: '4302' }, asOf: '2022-03-15', map: { level: 'district' } });
    expect(body.map.areas).toHaveLength(9);
    expect(body.map.areas.find((a) => a.code === lusong)).toMatchObject({
      openAlerts: 1,
      alertLevel: expect.any(String),
    });
    expect(body.map.areas.find((a) => a.code === hetang)).toMatchObject({ openAlerts: 0, alertLevel: null });
    const visits = body.figures.find((f) => f.indicator === 'fever_clinic_visits')!;
    expect(visits).toMatchObject({ today: 52, change: 52 - visits.yesterday! });
    expect(body.signals).toEqual([]);
    expect(body.elapsedMs).toBeLessThan(2000);
    // The epidemiologist's command centre may drill down to a district and back up.
    const drill = (
      await t.app.inject({ url: `/api/v1/dashboard?area=${lusong}`, headers: epi.headers })
    ).json() as {
      parent: { code: string };
      map: { level: string };
    };
    expect(drill).toMatchObject({ parent: { code: '4302' }, map: { level: 'street' } });
  });
});
