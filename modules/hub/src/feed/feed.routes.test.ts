/** The change feed over HTTP as a district consumer and a district official meet it, behind the gatekeeper. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubFixture, hubTestMigrations, type HubFixture, gatedTestApp } from '../testing.js';
import { sharingRoutes } from '../sharing/sharing.routes.js';
import { feedRoutes } from './feed.routes.js';
import { consumerWithAgreement, publishCases as publishCasesTo } from './feed.testing.js';

const LEGAL_BASIS =
  '《传染病防治法》第三十三条 Law on the Prevention and Treatment of Infectious Diseases, art. 33';

describeEachDatabase(
  'the change feed over HTTP',
  (getDatabase) => {
    let f: HubFixture;
    let app: FastifyInstance;
    let address: string;
    let districtSource: string;
    let districtKey: string;
    let agreementId: string;
    let districtOfficial: string;
    /** Runs once just before the streams' next read of the feed: what happens between two polls. */
    let beforeNextRead: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      f = hubFixture(getDatabase());
      app = gatedTestApp(f);
      const feed = f.hub.feed;
      await app.register(feedRoutes, {
        feed: new Proxy(feed, {
          get(target, key) {
            if (key !== 'read') return Reflect.get(target, key, target) as unknown;
            return async (...args: Parameters<typeof feed.read>) => {
              const hook = beforeNextRead;
              beforeNextRead = undefined;
              await hook?.();
              return target.read(...args);
            };
          },
        }),
        webhooks: f.hub.webhooks,
        sharing: f.hub.sharing,
        sessions: f.identity.auth,
        streamPollMs: 20,
      });
      await app.register(sharingRoutes, { sharing: f.hub.sharing, identity: f.identity });
      address = await app.listen({ port: 0, host: '127.0.0.1' });

      ({
        sourceId: districtSource,
        apiKey: districtKey,
        agreementId,
      } = await consumerWithAgreement(f, { name: '荷塘区疾控 Hetang District CDC', areaCode: '430202' }));
      await f.identity.users.createUser({
        username: 'hetang-analyst',
        displayName: '荷塘区分析员',
        role: 'analyst',
        areaCode: '430202',
        password: 'a long test passphrase',
      });
      districtOfficial = (
        await f.identity.auth.login('hetang-analyst', 'a long test passphrase', '127.0.0.1')
      ).token;
      await publishCases([
        { id: 'case_hetang', area: '430202001001001' },
        { id: 'case_lusong', area: '430203001001001' },
        { id: 'case_no_area', area: null },
      ]);
    });
    afterAll(async () => {
      await app.close();
      f.hub.feed.stop();
    });

    const publishCases = (cases: { id: string; area: string | null }[]) =>
      publishCasesTo(getDatabase(), f, cases);

    const consumerHeaders = () => ({
      authorization: `Bearer ${districtKey}`,
      'x-purpose-of-use': 'surveillance',
    });

    /** Reads an open stream until `until` says enough, the server ends it (`ended`) or 5 s pass. */
    async function readUntil(
      response: Response,
      until: (text: string) => boolean,
    ): Promise<{ text: string; ended: boolean }> {
      const reader = response.body!.getReader();
      let text = '';
      const deadline = Date.now() + 5000;
      while (!until(text) && Date.now() < deadline) {
        const chunk = await reader.read();
        if (chunk.done) return { text, ended: true };
        text += new TextDecoder().decode(chunk.value);
      }
      return { text, ended: false };
    }

    async function readStream(
      headers: Record<string, string>,
      path: string,
      until: (text: string) => boolean,
    ) {
      const controller = new AbortController();
      const response = await fetch(`${address}${path}`, { headers, signal: controller.signal });
      expect(response.status).toBe(200);
      const read = await readUntil(response, until);
      controller.abort();
      return read;
    }
    const entityIds = (text: string) => [...text.matchAll(/"entityId":"([^"]+)"/g)].map((m) => m[1]);

    it("shows a district consumer only its district's events", async () => {
      const response = await app.inject({ url: '/api/v1/feed?after=0', headers: consumerHeaders() });
      expect(response.statusCode).toBe(200);
      const { events } = response.json() as { events: { entityId: string }[] };
      expect(events.map((e) => e.entityId)).toEqual(['case_hetang']);
    });

    it("shows a district official only the district's events", async () => {
      const response = await app.inject({
        url: '/api/v1/feed?after=0',
        headers: { authorization: `Bearer ${districtOfficial}` },
      });
      expect(response.statusCode).toBe(200);
      const { events } = response.json() as { events: { entityId: string }[] };
      expect(events.map((e) => e.entityId)).toEqual(['case_hetang']);
    });

    it('shows events with no area to a city-wide official, in a page and a stream, as persons filed at city level', async () => {
      await f.identity.users.createUser({
        username: 'city-analyst',
        displayName: '株洲市分析员',
        role: 'analyst',
        areaCode: '4302',
        password: 'a long test passphrase',
      });
      const cityOfficial = (
        await f.identity.auth.login('city-analyst', 'a long test passphrase', '127.0.0.1')
      ).token;
      const headers = { authorization: `Bearer ${cityOfficial}` };
      const response = await app.inject({ url: '/api/v1/feed?after=0', headers });
      const { events } = response.json() as { events: { entityId: string }[] };
      expect(events.map((e) => e.entityId)).toEqual(['case_hetang', 'case_lusong', 'case_no_area']);
      const { text } = await readStream(headers, '/api/v1/feed/stream?after=0', (t) =>
        t.includes('case_no_area'),
      );
      expect(entityIds(text)).toEqual(['case_hetang', 'case_lusong', 'case_no_area']);
    });

    it("streams only the district's events", async () => {
      const { text } = await readStream(consumerHeaders(), '/api/v1/feed/stream?after=0', (t) =>
        t.includes('case_hetang'),
      );
      expect(entityIds(text)).toEqual(['case_hetang']);
    });

    it('audits an opened stream as a read of personal data under the agreement', async () => {
      await readStream(consumerHeaders(), '/api/v1/feed/stream?after=0', (t) => t.includes('id: '));
      const reads = await f.identity.audit.list(
        { action: 'GET /api/v1/feed/stream' },
        { limit: 10, offset: 0, order: 'desc' },
      );
      expect(reads.items.map((r) => (r.detail as { agreement?: string }).agreement)).toContain(agreementId);
    });

    it('resumes after Last-Event-ID even when the reconnect repeats the first ?after=', async () => {
      const all = (
        await app.inject({
          url: '/api/v1/feed?after=0',
          headers: { authorization: `Bearer ${districtOfficial}` },
        })
      ).json() as { events: { seq: number }[] };
      const first = all.events[0]!.seq;
      await publishCases([{ id: 'case_hetang_2', area: '430202002001001' }]);
      const { text } = await readStream(
        { ...consumerHeaders(), 'last-event-id': String(first) },
        '/api/v1/feed/stream?after=0',
        (t) => t.includes('case_hetang_2'),
      );
      expect(entityIds(text)).toEqual(['case_hetang_2']);
    });

    it('ends an open stream as soon as its API key is revoked, and refuses the reconnect', async () => {
      const second = await f.identity.auth.issueApiKey({
        kind: 'source',
        id: districtSource,
        displayName: '荷塘区疾控 Hetang District CDC',
        role: 'data_source',
        areaCode: '430202',
      });
      const headers = { authorization: `Bearer ${second.apiKey}`, 'x-purpose-of-use': 'surveillance' };
      const controller = new AbortController();
      const response = await fetch(`${address}/api/v1/feed/stream`, { headers, signal: controller.signal });
      expect(response.status).toBe(200);
      await f.hub.sources.revokeKey(f.ctx, districtSource, second.id);
      await publishCases([{ id: 'case_after_key_revocation', area: '430202001001001' }]);
      const { text, ended } = await readUntil(response, () => false);
      controller.abort();
      expect(ended).toBe(true);
      expect(text).toContain('event: revoked');
      expect(text).not.toContain('case_after_key_revocation');
      const again = await app.inject({ url: '/api/v1/feed/stream', headers });
      expect(again.statusCode).toBe(401);
      // The source's other key, and its agreement, still hold.
      expect((await app.inject({ url: '/api/v1/feed', headers: consumerHeaders() })).statusCode).toBe(200);
    });

    it('ends an open stream when its data source is disabled, saying so, and refuses the reconnect', async () => {
      const controller = new AbortController();
      const response = await fetch(`${address}/api/v1/feed/stream`, {
        headers: consumerHeaders(),
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      await f.hub.sources.disableSource(f.ctx, districtSource, 'agreement under review');
      try {
        await publishCases([{ id: 'case_after_source_disabled', area: '430202001001001' }]);
        const { text, ended } = await readUntil(response, () => false);
        controller.abort();
        expect(ended).toBe(true);
        expect(text).toContain(
          `event: revoked\ndata: {"detail":"data source ${districtSource} was disabled"}`,
        );
        expect(text).not.toContain('case_after_source_disabled');
        const again = await app.inject({ url: '/api/v1/feed/stream', headers: consumerHeaders() });
        expect(again.statusCode).toBe(403);
      } finally {
        await f.hub.sources.enableSource(f.ctx, districtSource);
      }
    });

    /** Signs in a fresh district official (a session of its own, so ending it spares the other tests). */
    async function officialSession(): Promise<{ token: string; userId: string }> {
      const username = `hetang-${Math.random().toString(36).slice(2, 8)}`;
      const user = await f.identity.users.createUser({
        username,
        displayName: '荷塘区分析员',
        role: 'analyst',
        areaCode: '430202',
        password: 'a long test passphrase',
      });
      const { token } = await f.identity.auth.login(username, 'a long test passphrase', '127.0.0.1');
      return { token, userId: user.id };
    }

    for (const [how, end] of [
      ['signs out', (s: { token: string }) => f.identity.auth.logout(s.token)],
      [
        'is disabled by an administrator',
        (s: { userId: string }) =>
          getDatabase().db.updateTable('users').set({ active: false }).where('id', '=', s.userId).execute(),
      ],
    ] as const) {
      it(`ends a staff stream on its next poll when the official ${how}, and refuses the reconnect`, async () => {
        const session = await officialSession();
        const headers = { authorization: `Bearer ${session.token}` };
        const controller = new AbortController();
        const response = await fetch(`${address}/api/v1/feed/stream`, { headers, signal: controller.signal });
        expect(response.status).toBe(200);
        // Between two polls: the session ends, then a case is published, and the next read finds it.
        beforeNextRead = async () => {
          await end(session);
          await publishCases([{ id: `case_after_session_${how.length}`, area: '430202001001001' }]);
        };
        const { text, ended } = await readUntil(response, () => false);
        controller.abort();
        expect(ended).toBe(true);
        expect(text).toContain('event: revoked');
        expect(text).toContain('the session ended');
        expect(text).not.toContain('case_after_session');
        expect((await app.inject({ url: '/api/v1/feed/stream', headers })).statusCode).toBe(401);
      });
    }

    it('ends a staff stream on its next poll once the session expires', async () => {
      const session = await officialSession();
      const controller = new AbortController();
      const response = await fetch(`${address}/api/v1/feed/stream`, {
        headers: { authorization: `Bearer ${session.token}` },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      const start = f.clock.now();
      try {
        // The fixture's sessions live one hour.
        f.clock.advanceMinutes(61);
        const { text, ended } = await readUntil(response, () => false);
        expect(ended).toBe(true);
        expect(text).toContain('the session ended');
      } finally {
        controller.abort();
        f.clock.set(start);
      }
    });

    it('keeps a staff stream open while the session holds', async () => {
      const session = await officialSession();
      const controller = new AbortController();
      const response = await fetch(`${address}/api/v1/feed/stream`, {
        headers: { authorization: `Bearer ${session.token}` },
        signal: controller.signal,
      });
      await publishCases([{ id: 'case_while_signed_in', area: '430202001001001' }]);
      const { text, ended } = await readUntil(response, (t) => t.includes('case_while_signed_in'));
      controller.abort();
      expect(ended).toBe(false);
      expect(entityIds(text)).toEqual(['case_while_signed_in']);
    });

    it('resumes a webhook paused by a rotation with the new key, and shows the officer why it was paused', async () => {
      const keyHeaders = (key: string) => ({
        authorization: `Bearer ${key}`,
        'x-purpose-of-use': 'surveillance',
      });
      const first = await f.identity.auth.issueApiKey({
        kind: 'source',
        id: districtSource,
        displayName: '荷塘区疾控 Hetang District CDC',
        role: 'data_source',
        areaCode: '430202',
      });
      const subscribed = await app.inject({
        method: 'POST',
        url: '/api/v1/feed/webhooks',
        headers: keyHeaders(first.apiKey),
        payload: { url: 'https://hooks.example.org/shuzhi' },
      });
      expect(subscribed.statusCode).toBe(201);
      const hook = subscribed.json() as { id: string; createdByKey: string };
      expect(hook.createdByKey).toBe(first.id);
      const rotated = await f.hub.sources.rotateKey(f.ctx, districtSource, first.id);
      await f.hub.webhooks.runOnce();
      const admin = await officialAdmin();
      const review = await app.inject({
        url: `/api/v1/sharing/consumers/${districtSource}/webhooks`,
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(review.statusCode).toBe(200);
      expect(
        (review.json() as { items: { id: string; status: string; pausedReason: string }[] }).items,
      ).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: hook.id,
            status: 'paused',
            pausedReason: expect.stringContaining(`API key ${first.id}`),
            // The same reason in Chinese, for the sharing page in zh-CN.
            pausedReasonZh: `订阅所用的 API 密钥 ${first.id} 已被吊销或轮换；请用该数据源的有效密钥恢复`,
          }),
        ]),
      );
      const resumed = await app.inject({
        method: 'POST',
        url: `/api/v1/feed/webhooks/${hook.id}/resume`,
        headers: keyHeaders(rotated.apiKey),
      });
      expect(resumed.statusCode).toBe(200);
      expect(resumed.json()).toMatchObject({
        status: 'active',
        createdByKey: rotated.id,
        pausedReason: null,
      });
      // The district analyst reads the feed but is no sharing officer.
      const refused = await app.inject({
        url: `/api/v1/sharing/consumers/${districtSource}/webhooks`,
        headers: { authorization: `Bearer ${districtOfficial}` },
      });
      expect(refused.statusCode).toBe(403);
      await app.inject({
        method: 'DELETE',
        url: `/api/v1/feed/webhooks/${hook.id}`,
        headers: keyHeaders(rotated.apiKey),
      });
    });

    async function officialAdmin(): Promise<string> {
      const username = `admin-${Math.random().toString(36).slice(2, 8)}`;
      await f.identity.users.createUser({
        username,
        displayName: 'Sharing officer',
        role: 'admin',
        areaCode: null,
        password: 'a long test passphrase',
      });
      return (await f.identity.auth.login(username, 'a long test passphrase', '127.0.0.1')).token;
    }

    it('masks the record ids a split names, and its reason, unless the reader sees identifiers', async () => {
      const source = await f.hub.sources.addSource({ name: 'Person-level consumer', type: 'cdc' });
      for (const [purpose, fields] of [
        ['surveillance', []],
        ['case_investigation', ['identifiers', 'name']],
      ] as const)
        await f.hub.sharing.createAgreement(f.ctx, {
          consumerSourceId: source.id,
          title: `Persons for ${purpose}`,
          datasets: ['feed', 'persons'],
          fields: [...fields],
          purpose,
          legalBasis: LEGAL_BASIS,
          expiresAt: '2099-01-01T00:00:00Z',
        });
      const after = await f.hub.feed.lastSeq();
      await getDatabase()
        .db.transaction()
        .execute((trx) =>
          f.hub.feed.publish(trx, [
            {
              topic: 'hub.person.unmerged',
              entityType: 'Person',
              entityId: 'per_split_off',
              personId: 'per_kept',
              areaCode: '430202001001001',
              payload: {
                recordKeys: ['operator|430204197710127179'],
                reason: '田辉 is not 田慧',
                cause: 'split',
              },
            },
          ]),
        );
      const read = async (headers: Record<string, string>) => {
        const response = await app.inject({ url: `/api/v1/feed?after=${after}`, headers });
        expect(response.statusCode).toBe(200);
        return (response.json() as { events: { payload: Record<string, unknown> }[] }).events[0]!.payload;
      };
      const asConsumer = (purpose: string) => ({
        authorization: `Bearer ${source.apiKey}`,
        'x-purpose-of-use': purpose,
      });
      expect(await read(asConsumer('surveillance'))).toEqual({
        recordKeys: ['operator|430204********7179'],
        cause: 'split',
      });
      expect(await read(asConsumer('case_investigation'))).toEqual({
        recordKeys: ['operator|430204197710127179'],
        reason: '田辉 is not 田慧',
        cause: 'split',
      });
      // A district analyst's role does not disclose identifiers either.
      expect(await read({ authorization: `Bearer ${districtOfficial}` })).toEqual({
        recordKeys: ['operator|430204********7179'],
        cause: 'split',
      });
      const { text } = await readStream(
        asConsumer('surveillance'),
        `/api/v1/feed/stream?after=${after}`,
        (t) => t.includes('per_split_off'),
      );
      expect(text).toContain('430204********7179');
      expect(text).not.toContain('430204197710127179');
      expect(text).not.toContain('田辉');
    });

    it('audits a read and a stream under every agreement granting what they carry, naming its datasets', async () => {
      // A second agreement also grants the cases the feed carries: the reads happen under both.
      const second = await f.hub.sharing.createAgreement(f.ctx, {
        consumerSourceId: districtSource,
        title: '病例核查 Case checks',
        datasets: ['cases'],
        purpose: 'surveillance',
        legalBasis: LEGAL_BASIS,
        expiresAt: '2099-01-01T00:00:00Z',
      });
      try {
        const both = [agreementId, second.id].sort().join(',');
        const page = await app.inject({ url: '/api/v1/feed?after=0', headers: consumerHeaders() });
        expect(page.statusCode).toBe(200);
        await readStream(consumerHeaders(), '/api/v1/feed/stream?after=0', (t) => t.includes('id: '));
        for (const action of ['GET /api/v1/feed', 'GET /api/v1/feed/stream']) {
          const [read] = (await f.identity.audit.list({ action }, { limit: 1, offset: 0, order: 'desc' }))
            .items;
          expect(read?.detail).toMatchObject({ dataset: 'feed,cases', agreement: both });
        }
      } finally {
        await f.hub.sharing.revokeAgreement(f.ctx, second.id, 'test over');
      }
    });

    it('ends an open stream as soon as the agreement is revoked, and refuses the reconnect', async () => {
      const controller = new AbortController();
      const response = await fetch(`${address}/api/v1/feed/stream`, {
        headers: consumerHeaders(),
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      await f.hub.sharing.revokeAgreement(f.ctx, agreementId, 'purpose fulfilled');
      await publishCases([{ id: 'case_after_revocation', area: '430202001001001' }]);
      const { text, ended } = await readUntil(response, () => false);
      controller.abort();
      expect(ended).toBe(true);
      expect(text).toContain('event: revoked');
      expect(text).not.toContain('case_after_revocation');
      const again = await app.inject({ url: '/api/v1/feed/stream', headers: consumerHeaders() });
      expect(again.statusCode).toBe(403);
    });
  },
  { migrations: hubTestMigrations },
);
