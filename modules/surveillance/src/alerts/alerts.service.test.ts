import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { AccessContext } from '@shuzhi/identity';
import { parseIndicatorsCsv } from '../indicators/indicators-import.handler.js';
import {
  indicatorsCsv,
  surveillanceFixture,
  surveillanceTestMigrations,
  type SurveillanceFixture,
} from './testing.js';

const hetang = '430202';

describeEachDatabase(
  'alerts from detection',
  (getDatabase) => {
    let f: SurveillanceFixture;
    const posted: { url: string; headers: Record<string, string>; body: string }[] = [];
    beforeAll(async () => {
      f = surveillanceFixture(getDatabase(), {
        post: (async (url: string, init: RequestInit) => {
          posted.push({ url, headers: init.headers as Record<string, string>, body: init.body as string });
          return new Response(null, { status: 204 });
        }) as typeof fetch,
      });
      await f.module.start();
    });
    afterAll(async () => {
      await f.module.stop();
      await f.identity.audit.drain();
    });

    /** Imports a file through the `indicators` import kind, as `shuzhi import` does, then waits for detection. */
    async function importCsv(csv: string) {
      const parsed = parseIndicatorsCsv(csv);
      expect(parsed.issues).toEqual([]);
      const handler = f.module.importHandler;
      await getDatabase()
        .db.transaction()
        .execute((trx) =>
          handler.apply(trx, parsed.records, { ctx: f.epi, sourceId: null, progress: () => undefined }),
        );
      await handler.afterCommit?.();
      await f.module.drain();
    }

    async function listed(ctx: AccessContext = f.epi) {
      return (await f.module.alerts.list(ctx, {}, { limit: 50, offset: 0, order: 'asc' })).items;
    }

    it('opens one alert for a planted spike in a district’s fever-clinic visits', async () => {
      await importCsv(
        indicatorsCsv({
          area: hetang,
          indicator: 'fever_clinic_visits',
          spikeDate: '2022-03-15',
          days: 28,
          level: 10,
          spike: 20,
        }),
      );
      const alerts = await listed();
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        area: { code: hetang, name: '荷塘区' },
        indicator: 'fever_clinic_visits',
        status: 'new',
        level: 'blue',
        firstAlarmDate: '2022-03-15',
        alarmDays: 1,
        observed: 20,
        algorithms: ['earsC2'],
      });
      expect(f.feed.topics()).toEqual(['surveillance.alert.opened']);
    });

    it('does not open a second alert when detection runs again over the same days', async () => {
      const report = await f.module.detection.run('schedule', { asOf: '2022-03-15' });
      expect(report).toMatchObject({ alarms: 1, opened: 0, updated: 0 });
      expect(await listed()).toHaveLength(1);
    });

    it('adds a second algorithm’s alarm to the same alert', async () => {
      await f.module.alerts.updateRule(f.epi, 'noufaily-fever_clinic_visits-district', {
        algorithm: 'earsC1',
        aggregation: 'daily',
        control: { alpha: 0.001, baseline: 7, minSigma: 1 },
      });
      const report = await f.module.detection.run('manual', { asOf: '2022-03-15' });
      expect(report.opened).toBe(0);
      const [alert] = await listed();
      expect(alert!.algorithms).toEqual(['earsC1', 'earsC2']);
      const detail = await f.module.alerts.get(f.epi, alert!.id);
      expect(detail.alarms.map((a) => [a.date, a.algorithm])).toEqual([
        ['2022-03-15', 'earsC2'],
        ['2022-03-15', 'earsC1'],
      ]);
    });

    it('escalates the alert when the rise persists, and shows the series with the detector’s bound', async () => {
      await importCsv(
        [
          'area,indicator,date,count',
          `${hetang},fever_clinic_visits,2022-03-16,24`,
          `${hetang},fever_clinic_visits,2022-03-17,29`,
        ].join('\n'),
      );
      const alerts = await listed();
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ level: 'yellow', alarmDays: 3, lastAlarmDate: '2022-03-17' });
      expect(f.feed.topics().at(-1)).toBe('surveillance.alert.escalated');
      const detail = await f.module.alerts.get(f.epi, alerts[0]!.id);
      expect(detail.decisions.map((d) => [d.kind, d.toLevel])).toEqual([
        ['opened', 'blue'],
        ['escalated', 'yellow'],
      ]);
      const spike = detail.chart.points.find((p) => p.date === '2022-03-15')!;
      expect(spike).toMatchObject({ observed: 20, alarm: true });
      expect(spike.upperbound).toBeLessThan(20);
      expect(spike.expected).toBeNull(); // EARS has no expected count in R
      expect(detail.chart.points[0]!.date).toBe('2022-02-15');
    });

    it('lets an epidemiologist triage the alert, in order, with notes, audited and published', async () => {
      const [alert] = await listed();
      await expect(
        f.module.alerts.triage(f.epi, alert!.id, { status: 'confirmed', note: 'too early' }),
      ).rejects.toMatchObject({ code: 'conflict' });
      await expect(
        f.module.alerts.triage(f.epi, alert!.id, { status: 'investigating', note: '  ' }),
      ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ field: 'note' }] });
      const investigating = await f.module.alerts.triage(f.epi, alert!.id, {
        status: 'investigating',
        note: '已通知荷塘区疾控中心核查发热门诊',
      });
      expect(investigating).toMatchObject({
        status: 'investigating',
        allowedTransitions: ['confirmed', 'dismissed'],
      });
      const confirmed = await f.module.alerts.triage(f.epi, alert!.id, {
        status: 'confirmed',
        note: '现场核实为聚集性疫情',
      });
      expect(confirmed).toMatchObject({ status: 'confirmed', triagedBy: 'usr_epi', allowedTransitions: [] });
      expect(
        confirmed.decisions.filter((d) => d.kind === 'triage').map((d) => [d.fromStatus, d.toStatus, d.note]),
      ).toEqual([
        ['new', 'investigating', '已通知荷塘区疾控中心核查发热门诊'],
        ['investigating', 'confirmed', '现场核实为聚集性疫情'],
      ]);
      expect(f.feed.topics().filter((t) => t === 'surveillance.alert.triaged')).toHaveLength(2);
      await f.identity.audit.drain();
      const audited = (await getDatabase()
        .db.selectFrom('audit_log')
        .select(['action', 'resource_id'])
        .where('resource_type', '=', 'alert')
        .execute()) as { action: string; resource_id: string }[];
      expect(audited).toEqual([
        { action: 'alert triage', resource_id: alert!.id },
        { action: 'alert triage', resource_id: alert!.id },
      ]);
    });

    it('shows the alert inside its district only', async () => {
      const lusong: AccessContext = { ...f.hetang, principal: { ...f.hetang.principal, areaCode: '430203' } };
      expect(await listed(f.hetang)).toHaveLength(1);
      expect(await listed(lusong)).toHaveLength(0);
      const [alert] = await listed();
      await expect(f.module.alerts.get(lusong, alert!.id)).rejects.toMatchObject({ code: 'not_found' });
    });

    it('routes alert events to in-app and webhook subscribers by level and area, signed', async () => {
      const inApp = await f.module.subscriptions.create(f.epi, {
        channel: 'in_app',
        minLevel: 'yellow',
        area: hetang,
      });
      const hook = await f.module.subscriptions.create(f.epi, {
        channel: 'webhook',
        url: 'https://cdc.example.org/alerts',
        minLevel: 'blue',
      });
      expect(inApp.secret).toBeNull();
      expect(hook.secret).toMatch(/^[\w-]{43}$/);
      await expect(
        f.module.subscriptions.create(f.hetang, { channel: 'in_app', minLevel: 'blue', area: '430203' }),
      ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ field: 'area' }] });
      // The feed delivers what detection and triage published (opened, escalated, triaged ×2) — twice.
      const events = f.feed.stamp(f.feed.published, '2022-03-21T04:00:00.000Z');
      await f.feed.deliver(events);
      await f.feed.deliver(events);
      const inbox = await f.module.subscriptions.inbox(f.epi, {
        limit: 20,
        offset: 0,
        order: 'asc',
        sort: 'created',
      });
      // The blue "opened" is below the in-app subscription's level.
      expect(inbox.items.map((n) => [n.event, n.level])).toEqual([
        ['surveillance.alert.escalated', 'yellow'],
        ['surveillance.alert.triaged', 'yellow'],
        ['surveillance.alert.triaged', 'yellow'],
      ]);
      expect(inbox.unread).toBe(3);
      expect(await f.module.subscriptions.markRead(f.epi, [inbox.items[0]!.id])).toBe(1);
      expect(await f.module.webhooks.deliverDue()).toBe(4);
      expect(posted).toHaveLength(4);
      for (const request of posted) {
        const [t, v1] = request.headers['x-shuzhi-signature']!.split(',');
        const expected = createHmac('sha256', hook.secret!)
          .update(`${t!.slice(2)}.${request.body}`)
          .digest('hex');
        expect(v1).toBe(`v1=${expected}`);
      }
      expect(JSON.parse(posted[0]!.body)).toMatchObject({
        subscription: hook.id,
        event: {
          topic: 'surveillance.alert.opened',
          areaCode: hetang,
          indicator: 'fever_clinic_visits',
          level: 'blue',
        },
      });
      expect(await f.module.webhooks.deliverDue()).toBe(0);
    });
  },
  { migrations: surveillanceTestMigrations },
);
