/** What a consumer's webhook receives: its area's events only, and a backlog caught up without hours of wait. */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { OutboundFetch } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { Principal } from '@shuzhi/identity';
import { hubFixture, hubTestMigrations, type HubFixture } from '../testing.js';
import { consumerWithAgreement, publishCases as publishCasesTo, testWebhooks } from './feed.testing.js';

describeEachDatabase(
  'change-feed webhook deliveries',
  (getDatabase) => {
    let f: HubFixture;
    let consumer: Principal;
    let agreementId: string;
    let bodies: { subscription: string; events: { entityId: string; payload: Record<string, unknown> }[] }[];
    const post: OutboundFetch = async (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)) as (typeof bodies)[number]);
      return new Response(null, { status: 204 });
    };
    const webhooks = () => testWebhooks(getDatabase(), f, post, { batchSize: 2, audit: true });
    const publishCases = (cases: { id: string; area: string | null }[]) =>
      publishCasesTo(getDatabase(), f, cases);

    beforeAll(async () => {
      f = hubFixture(getDatabase());
      // The source's own key: a subscription stands on the key that made it.
      ({ principal: consumer, agreementId } = await consumerWithAgreement(f, {
        name: '荷塘区疾控 Hetang District CDC',
        areaCode: '430202',
      }));
    });
    beforeEach(() => {
      bodies = [];
    });
    afterAll(() => f.hub.feed.stop());

    it('refuses a starting cursor beyond the end of the feed, naming fromSeq', async () => {
      const end = await f.hub.feed.lastSeq();
      await expect(
        webhooks().subscribe(consumer, {
          url: 'http://127.0.0.1:9/hook',
          topics: [],
          purpose: 'surveillance',
          fromSeq: end + 1000,
        }),
      ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ field: 'fromSeq' }] });
      expect(await webhooks().list(consumer)).toEqual([]);
    });

    it("sends a district consumer only its district's events", async () => {
      const service = webhooks();
      const hook = await service.subscribe(consumer, {
        url: 'http://127.0.0.1:9/hook',
        topics: [],
        purpose: 'surveillance',
      });
      await publishCases([
        { id: 'case_hetang', area: '430202001001001' },
        { id: 'case_lusong', area: '430203001001001' },
        { id: 'case_unlocated', area: null },
      ]);
      await service.runOnce();
      expect(bodies.flatMap((b) => b.events.map((e) => e.entityId))).toEqual(['case_hetang']);
      await service.disable(consumer, hook.id);
    });

    it('sends events with no area to a city-wide consumer, not to a district one', async () => {
      const { principal: cityConsumer } = await consumerWithAgreement(f, {
        name: '株洲市疾控 Zhuzhou CDC',
        areaCode: '4302',
      });
      const service = webhooks();
      const hooks = [
        await service.subscribe(cityConsumer, {
          url: 'http://127.0.0.1:9/city',
          topics: [],
          purpose: 'surveillance',
        }),
        await service.subscribe(consumer, {
          url: 'http://127.0.0.1:9/hook',
          topics: [],
          purpose: 'surveillance',
        }),
      ];
      await publishCases([
        { id: 'case_city_hetang', area: '430202001001001' },
        { id: 'case_city_unlocated', area: null },
      ]);
      await service.runOnce();
      const received = (hookId: string) =>
        bodies.filter((b) => b.subscription === hookId).flatMap((b) => b.events.map((e) => e.entityId));
      expect(received(hooks[0]!.id)).toEqual(['case_city_hetang', 'case_city_unlocated']);
      expect(received(hooks[1]!.id)).toEqual(['case_city_hetang']);
      await service.disable(cityConsumer, hooks[0]!.id);
      await service.disable(consumer, hooks[1]!.id);
    });

    it('audits each delivery as a read by the consumer under its agreement, before it leaves', async () => {
      const service = webhooks();
      const hook = await service.subscribe(consumer, {
        url: 'http://127.0.0.1:9/hook',
        topics: [],
        purpose: 'surveillance',
      });
      await publishCases([{ id: 'case_audited', area: '430202001001001' }]);
      await service.runOnce();
      const entries = await f.identity.audit.list(
        { actorId: consumer.sourceId!, resourceId: hook.id },
        { limit: 10, offset: 0, order: 'desc' },
      );
      expect(entries.items).toHaveLength(1);
      expect(entries.items[0]).toMatchObject({
        purpose: 'surveillance',
        action: 'POST webhook',
        outcome: 'success',
        detail: { dataset: 'feed,cases', agreement: agreementId, events: 1 },
      });
      await service.disable(consumer, hook.id);
    });

    it('audits a failed attempt beside it, saying whether the receiver got the events', async () => {
      const answers: (() => Response)[] = [
        () => new Response(null, { status: 503 }),
        () => {
          throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
        },
      ];
      const failing: OutboundFetch = async () => answers.shift()!();
      const service = testWebhooks(getDatabase(), f, failing, {
        batchSize: 2,
        audit: true,
        baseBackoffMs: 0,
      });
      const hook = await service.subscribe(consumer, {
        url: 'http://127.0.0.1:9/hook',
        topics: [],
        purpose: 'surveillance',
      });
      await publishCases([{ id: 'case_refused', area: '430202001001001' }]);
      await service.runOnce();
      await service.runOnce();
      await service.disable(consumer, hook.id);
      const entries = await f.identity.audit.list(
        { actorId: consumer.sourceId!, resourceId: hook.id },
        { limit: 10, offset: 0, order: 'desc' },
      );
      // Before, both attempts read "success", like a delivery: a privacy officer could not tell them apart.
      const oldestFirst = entries.items.toSorted((a, b) => a.seq - b.seq);
      const attempts = oldestFirst.map((e) => {
        const detail = e.detail as { answer?: string; received?: string };
        return [e.outcome, detail.answer ?? null, detail.received ?? null];
      });
      expect(attempts).toEqual([
        ['success', null, null],
        ['failure', 'HTTP 503', 'yes'],
        ['success', null, null],
        ['failure', 'none (ECONNREFUSED)', 'no'],
      ]);
    });

    it('masks the record ids a split names, and withholds its reason, when the agreement hides identifiers', async () => {
      await f.hub.sharing.createAgreement(f.ctx, {
        consumerSourceId: consumer.sourceId!,
        title: '人员变更 Person changes',
        datasets: ['feed', 'persons'],
        purpose: 'surveillance',
        legalBasis: '《传染病防治法》第三十三条',
        expiresAt: '2099-01-01T00:00:00Z',
      });
      const service = webhooks();
      const hook = await service.subscribe(consumer, {
        url: 'http://127.0.0.1:9/hook',
        topics: ['hub.person.unmerged'],
        purpose: 'surveillance',
      });
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
      await service.runOnce();
      expect(bodies.flatMap((b) => b.events.map((e) => e.payload))).toEqual([
        { recordKeys: ['operator|430204********7179'], cause: 'split' },
      ]);
      await service.disable(consumer, hook.id);
    });

    it('catches up a backlog of several batches in one delivery round, in order', async () => {
      const service = webhooks();
      const hook = await service.subscribe(consumer, {
        url: 'http://127.0.0.1:9/hook',
        topics: [],
        purpose: 'surveillance',
      });
      const backlog = ['b1', 'b2', 'b3', 'b4', 'b5'].map((id) => ({ id, area: '430202001001001' }));
      await publishCases(backlog);
      await service.runOnce();
      expect(bodies.flatMap((b) => b.events.map((e) => e.entityId))).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);
      expect(bodies.every((b) => b.events.length <= 2)).toBe(true);
      await service.disable(consumer, hook.id);
    });

    it('gives the event loop back while a round reads through a backlog the consumer does not get', async () => {
      const service = testWebhooks(getDatabase(), f, post);
      const hook = await service.subscribe(consumer, {
        url: 'http://127.0.0.1:9/hook',
        topics: [],
        purpose: 'surveillance',
      });
      // Another district's events: 20 batches read, none sent (on SQLite, all of it synchronous work).
      await publishCases(
        Array.from({ length: 2000 }, (_, i) => ({ id: `lusong_${i}`, area: '430203001001001' })),
      );
      let ticks = 0;
      let round = true;
      const tick = () => {
        ticks += 1;
        if (round) setImmediate(tick);
      };
      setImmediate(tick);
      const started = performance.now();
      await service.runOnce();
      const ms = performance.now() - started;
      round = false;
      // Requests run between slices of about 20 ms: a round of 100 ms lets the event loop turn several times.
      expect(ticks).toBeGreaterThanOrEqual(Math.floor(ms / 100));
      expect(ticks).toBeGreaterThan(0);
      expect((await service.list(consumer)).find((w) => w.id === hook.id)?.cursor).toBe(
        await f.hub.feed.lastSeq(),
      );
      await service.disable(consumer, hook.id);
    });
  },
  { migrations: hubTestMigrations },
);
