import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, type TestApp } from './testing.js';

describeEachDatabase('governed sharing and the external change feed', (getDatabase) => {
  let t: TestApp;
  let consumerId: string;
  let consumerKey: string;
  let admin: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    // The test's webhook receiver listens on 127.0.0.1.
    t = await createTestApp(getDatabase(), { allowPrivateOutbound: true });
    admin = await signIn(t.app, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: { name: '省卫健委数据中心 Provincial health data centre', type: 'cdc', areaCode: '43' },
    });
    ({ id: consumerId, apiKey: consumerKey } = created.json() as { id: string; apiKey: string });
    await getDatabase()
      .db.transaction()
      .execute(async (trx) => {
        await t.platform.hub.feed.publish(trx, [
          {
            topic: 'hub.case.confirmed',
            entityType: 'Case',
            entityId: 'case_1',
            personId: 'per_1',
            areaCode: '430202',
          },
          {
            topic: 'hub.observation.created',
            entityType: 'Observation',
            entityId: 'obs_1',
            personId: 'per_1',
            // A personal event without an area is outside every area scope (as in FHIR search).
            areaCode: '430202',
          },
          {
            topic: 'hub.case.confirmed',
            entityType: 'Case',
            entityId: 'case_2',
            personId: 'per_2',
            areaCode: '430203',
          },
        ]);
      });
  });
  afterAll(async () => t.close());

  const asConsumer = (purpose = 'surveillance') => ({
    authorization: `Bearer ${consumerKey}`,
    'x-purpose-of-use': purpose,
  });

  it('refuses a consumer without an agreement', async () => {
    const response = await t.app.inject({ url: '/api/v1/feed', headers: asConsumer() });
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toContain('no active data-sharing agreement');
  });

  it('validates an agreement and names the field at fault', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sharing/agreements',
      headers: admin.headers,
      payload: {
        consumerSourceId: consumerId,
        title: 'x',
        datasets: [],
        purpose: 'surveillance',
        legalBasis: 'no',
        expiresAt: 'soon',
      },
    });
    expect(response.statusCode).toBe(400);
    const fields = (response.json().issues as { field: string }[]).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['datasets', 'legalBasis', 'expiresAt']));
  });

  it('streams the feed as Server-Sent Events, resuming after Last-Event-ID', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const epi = await signIn(t.app, 'epi');
    const first = (
      await t.app.inject({ url: '/api/v1/feed?after=0&limit=1', headers: epi.headers })
    ).json() as { cursor: number };
    const controller = new AbortController();
    const response = await fetch(`${address}/api/v1/feed/stream`, {
      headers: { cookie: epi.cookie, 'last-event-id': String(first.cursor) },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    while ((text.match(/^id: /gm) ?? []).length < 2)
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids[0]).toBe(first.cursor + 1);
    expect(text).toContain('event: hub.observation.created');
    expect(text).toContain('"entityId":"obs_1"');
  });

  describe('under an agreement', () => {
    let agreementId: string;
    beforeAll(async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sharing/agreements',
        headers: admin.headers,
        payload: {
          consumerSourceId: consumerId,
          title: '病例变化推送 Case change notifications',
          datasets: ['feed', 'cases'],
          fields: [],
          purpose: 'surveillance',
          legalBasis:
            '《中华人民共和国传染病防治法》第三十三条 (Law on the Prevention and Treatment of Infectious Diseases, art. 33)',
          expiresAt: '2099-01-01T00:00:00Z',
        },
      });
      expect(response.statusCode).toBe(201);
      agreementId = (response.json() as { id: string }).id;
    });

    it('shows the consumer only the datasets the agreement grants', async () => {
      const response = await t.app.inject({ url: '/api/v1/feed?after=0', headers: asConsumer() });
      expect(response.statusCode).toBe(200);
      const { events } = response.json() as { events: { topic: string; entityId: string }[] };
      expect(events.map((e) => e.entityId)).toEqual(['case_1', 'case_2']);
    });

    it('refuses the same read for a purpose the agreement does not cover', async () => {
      expect(
        (await t.app.inject({ url: '/api/v1/feed', headers: asConsumer('contact_tracing') })).statusCode,
      ).toBe(403);
    });

    it('records each read with the agreement it happened under, visible to the auditor', async () => {
      const auditor = await signIn(t.app, 'auditor');
      const reads = await t.app.inject({
        url: `/api/v1/sharing/consumers/${consumerId}/reads`,
        headers: auditor.headers,
      });
      expect(reads.statusCode).toBe(200);
      const items = (
        reads.json() as { items: { outcome: string; detail: { agreement?: string; dataset?: string } }[] }
      ).items;
      expect(
        items.some(
          // A feed read names every dataset it carried (the feed, and the cases on it).
          (i) =>
            i.outcome === 'success' &&
            i.detail.agreement === agreementId &&
            i.detail.dataset === 'feed,cases',
        ),
      ).toBe(true);
      expect(items.some((i) => i.outcome === 'denied')).toBe(true);
    });

    it('delivers signed webhooks in order, retrying until the consumer accepts', async () => {
      const received: { body: string; signature: string }[] = [];
      let failures = 1;
      const server = createServer((req: IncomingMessage, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          if (failures-- > 0) {
            res.writeHead(500).end();
            return;
          }
          received.push({ body, signature: String(req.headers['x-shuzhi-signature']) });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      try {
        const subscribed = await t.app.inject({
          method: 'POST',
          url: '/api/v1/feed/webhooks',
          headers: asConsumer(),
          payload: { url: `http://127.0.0.1:${port}/hook`, fromSeq: 0 },
        });
        expect(subscribed.statusCode).toBe(201);
        const { secret, id } = subscribed.json() as { secret: string; id: string };
        await t.platform.hub.webhooks.runOnce(); // fails with 500: retried later, cursor unchanged
        expect(received).toHaveLength(0);
        await getDatabase()
          .db.updateTable('webhook_subscriptions')
          .set({ next_attempt_at: '2000-01-01T00:00:00.000Z' })
          .where('id', '=', id)
          .execute();
        await t.platform.hub.webhooks.runOnce();
        expect(received).toHaveLength(1);
        const [{ body, signature }] = received as [{ body: string; signature: string }];
        const [tPart, vPart] = signature.split(',');
        const expected = createHmac('sha256', secret)
          .update(`${tPart!.slice(2)}.${body}`)
          .digest('hex');
        expect(vPart).toBe(`v1=${expected}`);
        const events = (JSON.parse(body) as { events: { entityId: string; seq: number }[] }).events;
        expect(events.map((e) => e.entityId)).toEqual(['case_1', 'case_2']);
        // Nothing new: nothing is sent again.
        await t.platform.hub.webhooks.runOnce();
        expect(received).toHaveLength(1);
      } finally {
        server.close();
      }
    });

    it('stops the consumer at once when the agreement is revoked', async () => {
      const revoke = await t.app.inject({
        method: 'POST',
        url: `/api/v1/sharing/agreements/${agreementId}/revoke`,
        headers: admin.headers,
        payload: { reason: 'purpose fulfilled' },
      });
      expect(revoke.json()).toMatchObject({ status: 'revoked', revokeReason: 'purpose fulfilled' });
      expect((await t.app.inject({ url: '/api/v1/feed', headers: asConsumer() })).statusCode).toBe(403);
    });
  });
});
