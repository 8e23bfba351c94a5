import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { systemContext } from '@shuzhi/identity';
import { createTestApp, type TestApp } from './testing.js';

const patient = (id: string, residentId: string) =>
  JSON.stringify({
    resourceType: 'Patient',
    id,
    identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: residentId }],
    name: [{ text: '张晓明' }],
    gender: 'male',
    birthDate: '1985-03-12',
  });

/** The value of one sample of the exposition, by name and exact label set ("" for none). */
function sample(body: string, name: string, labels: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describeEachDatabase('hub metrics at /metrics', (getDatabase) => {
  let t: TestApp;
  let body: string;
  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    const { platform } = t;
    const ctx = systemContext('test', 'data_submission', platform.clock);
    await platform.hub.sources.addSource({
      id: 'lab-metrics',
      name: 'Metrics laboratory',
      type: 'lab',
      areaCode: null,
      expectedIntervalHours: 24,
    });
    // A file with two good Patients and one line that is no resource, imported partially under the lab.
    await platform.hub.imports.run(ctx, {
      kind: 'fhir',
      fileName: 'patients.ndjson',
      text: [
        patient('m-1', '430202198503121235'),
        patient('m-2', '11010519491231002X'),
        '{"resourceType":"Nonsense"}',
      ].join('\n'),
      partial: true,
      sourceId: 'lab-metrics',
    });
    // An import that stops on an error: a failed job.
    platform.hub.imports.register({
      kind: 'metrics-boom',
      description: 'test: fails',
      parse: () => ({ records: [1], issues: [], total: 1 }),
      apply: () => Promise.reject(new Error('boom')),
    });
    await platform.hub.imports.run(ctx, { kind: 'metrics-boom', fileName: 'x', text: 'x' }).catch(() => null);
    // A consumer's webhook that has failed twice and is 1 event behind the feed (the two Patients made 2 events).
    const last = await platform.hub.feed.lastSeq();
    expect(last).toBeGreaterThanOrEqual(2);
    await getDatabase()
      .db.insertInto('webhook_subscriptions')
      .values({
        id: 'wh-metrics',
        consumer_source_id: 'lab-metrics',
        url: 'https://consumer.example/hook',
        secret: 'secret',
        topics: JSON.stringify(['hub.record.created']),
        purpose: 'public_health',
        cursor: last - 1,
        status: 'active',
        attempts: 2,
        next_attempt_at: new Date().toISOString(),
        last_error: 'HTTP 500',
        delivered: 0,
        created_at: new Date().toISOString(),
      })
      .execute();
    // An in-process subscriber 2 events behind (its durable cursor).
    await getDatabase()
      .db.insertInto('feed_cursors')
      .values({
        subscriber: 'metrics-probe',
        seq: last - 2,
        updated_at: new Date().toISOString(),
      })
      .execute();
    body = (await t.app.inject('/metrics')).body;
  });
  afterAll(async () => t.close());

  it('counts records by source type, channel and outcome', () => {
    const labels = (outcome: string) => `source_type="lab",channel="import:fhir",outcome="${outcome}"`;
    expect(body).toContain('# TYPE shuzhi_hub_records_total counter');
    expect(sample(body, 'shuzhi_hub_records_total', labels('accepted'))).toBe(2);
    expect(sample(body, 'shuzhi_hub_records_total', labels('rejected'))).toBe(1);
    expect(sample(body, 'shuzhi_hub_records_total', labels('unchanged'))).toBe(0);
  });

  it('counts import jobs by status, every status present even at zero', () => {
    expect(sample(body, 'shuzhi_import_jobs', 'status="partial"')).toBe(1);
    expect(sample(body, 'shuzhi_import_jobs', 'status="failed"')).toBe(1);
    expect(sample(body, 'shuzhi_import_jobs', 'status="running"')).toBe(0);
  });

  it('shows the change feed, each subscriber’s lag, webhook backlog and failures, and the review queue', async () => {
    expect(sample(body, 'shuzhi_feed_last_seq', '')).toBe(await t.platform.hub.feed.lastSeq());
    expect(sample(body, 'shuzhi_feed_subscriber_lag_events', 'subscriber="metrics-probe"')).toBe(2);
    expect(sample(body, 'shuzhi_webhook_subscriptions', 'status="active"')).toBe(1);
    expect(sample(body, 'shuzhi_webhook_backlog_events', 'consumer="lab-metrics"')).toBe(1);
    expect(sample(body, 'shuzhi_webhook_failing_subscriptions', 'consumer="lab-metrics"')).toBe(1);
    expect(sample(body, 'shuzhi_linkage_review_queue', '')).toBe(0);
    expect(body).toMatch(/^nodejs_eventloop_delay_seconds\{quantile="0.99"\} [\d.e-]+$/m);
  });

  it('carries no personal data and no file names', () => {
    for (const secret of ['430202198503121235', '11010519491231002X', '张晓明', 'patients.ndjson', 'm-1'])
      expect(body).not.toContain(secret);
  });
});
