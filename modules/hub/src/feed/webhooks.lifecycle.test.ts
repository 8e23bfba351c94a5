/**
 * A webhook subscription stands on the key that made it, the agreement it delivers under and the consumer's
 * source: when one of them goes, deliveries stop at the next batch and the subscription is paused with the
 * reason, its cursor kept, until a live key of the source resumes it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundFetch } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { Principal } from '@shuzhi/identity';
import { hubFixture, hubTestMigrations, type HubFixture } from '../testing.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { defaultWebhookOptions, WebhooksService } from './webhooks.service.js';
import {
  consumerWithAgreement,
  keyPrincipal,
  LEGAL_BASIS,
  publishCases,
  subscribeAll,
  testWebhooks,
} from './feed.testing.js';

describeEachDatabase(
  'webhook subscriptions and the key, agreement and source behind them',
  (getDatabase) => {
    let f: HubFixture;
    /** The events each subscription received in this test, by subscription id. */
    let delivered: Map<string, string[]>;
    const to = (hookId: string) => delivered.get(hookId) ?? [];
    let n = 0;
    const post: OutboundFetch = async (_url, init) => {
      const body = JSON.parse(String(init?.body)) as { subscription: string; events: { entityId: string }[] };
      delivered.set(body.subscription, [...to(body.subscription), ...body.events.map((e) => e.entityId)]);
      return new Response(null, { status: 204 });
    };
    const service = () => testWebhooks(getDatabase(), f, post);

    beforeAll(() => {
      f = hubFixture(getDatabase());
    });
    beforeEach(() => {
      delivered = new Map();
    });
    afterAll(() => f.hub.feed.stop());

    /** A consumer source with one key and an agreement granting the feed and cases for surveillance. */
    async function consumerWithKey() {
      n += 1;
      return consumerWithAgreement(f, { name: `Consumer ${n}`, expiresAt: '2026-06-01T00:00:00Z' });
    }
    const publishCase = (id: string) => publishCases(getDatabase(), f, [{ id, area: '430202001001001' }]);
    const subscribe = (consumer: Principal) => subscribeAll(service(), consumer);
    async function stateOf(consumer: Principal, id: string) {
      return (await service().list(consumer)).find((w) => w.id === id)!;
    }

    it('records the API key that subscribed', async () => {
      const c = await consumerWithKey();
      const hook = await subscribe(c.principal);
      expect(hook).toMatchObject({ createdByKey: c.keyId, status: 'active', pausedReason: null });
    });

    it('refuses a subscription by a signed-in person: only a key, which can be revoked, holds one', async () => {
      const c = await consumerWithKey();
      const user: Principal = { ...c.principal, kind: 'user', id: 'usr_lab' };
      await expect(subscribe(user)).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('stops delivering once its key is revoked, and says why, keeping the cursor', async () => {
      const c = await consumerWithKey();
      const hook = await subscribe(c.principal);
      await publishCase('before_revocation');
      await service().runOnce();
      expect(to(hook.id)).toEqual(['before_revocation']);
      await f.hub.sources.revokeKey(f.ctx, c.sourceId, c.keyId);
      await publishCase('after_revocation');
      await service().runOnce();
      expect(to(hook.id)).toEqual(['before_revocation']);
      const paused = await stateOf(c.principal, hook.id);
      expect(paused.status).toBe('paused');
      expect(paused.pausedReason).toContain(`API key ${c.keyId}`);
      expect(paused.pausedCause).toBe('key_revoked');
      expect(paused.cursor).toBe(hook.cursor + 1);
    });

    it('never sends an event published after its key was revoked, even one the same round reads', async () => {
      const c = await consumerWithKey();
      const hook = await subscribe(c.principal);
      await publishCase('before_the_race');
      // The moment the round has checked this subscription's key and agreement, the key is revoked and a case
      // published: whatever the round reads after its checks must not carry it.
      const sharing = f.hub.sharing;
      let raced = false;
      const racing = new Proxy(sharing, {
        get(target, key) {
          if (key !== 'datasetsFor') return Reflect.get(target, key, target) as unknown;
          return async (...args: Parameters<typeof sharing.datasetsFor>) => {
            const granted = await target.datasetsFor(...args);
            if (!raced && args[0].id === c.keyId) {
              raced = true;
              await f.hub.sources.revokeKey(f.ctx, c.sourceId, c.keyId);
              await publishCase('after_the_revocation');
            }
            return granted;
          };
        },
      });
      const webhooks = new WebhooksService(
        new WebhooksRepository(getDatabase()),
        f.hub.feed,
        racing,
        f.clock,
        { ...defaultWebhookOptions, allowPrivateAddresses: true },
        post,
      );
      await webhooks.runOnce();
      await webhooks.runOnce();
      expect(raced).toBe(true);
      expect(to(hook.id)).toEqual(['before_the_race']);
      expect((await stateOf(c.principal, hook.id)).pausedCause).toBe('key_revoked');
    });

    it('pauses on a rotation too, and the new key resumes it with nothing lost', async () => {
      const c = await consumerWithKey();
      const hook = await subscribe(c.principal);
      const rotated = await f.hub.sources.rotateKey(f.ctx, c.sourceId, c.keyId);
      await publishCase('during_rotation');
      await service().runOnce();
      expect(to(hook.id)).toEqual([]);
      expect((await stateOf(c.principal, hook.id)).status).toBe('paused');
      const fresh = keyPrincipal(c.sourceId, rotated.id);
      const resumed = await service().resume(fresh, hook.id);
      expect(resumed).toMatchObject({
        status: 'active',
        createdByKey: rotated.id,
        pausedReason: null,
        pausedCause: null,
      });
      await service().runOnce();
      expect(to(hook.id)).toEqual(['during_rotation']);
    });

    it("lets only the subscription's own source resume it", async () => {
      const c = await consumerWithKey();
      const other = await consumerWithKey();
      const hook = await subscribe(c.principal);
      await f.hub.sources.revokeKey(f.ctx, c.sourceId, c.keyId);
      await service().runOnce();
      await expect(service().resume(other.principal, hook.id)).rejects.toMatchObject({ code: 'not_found' });
    });

    it('pauses when the agreement is revoked, and refuses to resume until one covers the feed again', async () => {
      const c = await consumerWithKey();
      const hook = await subscribe(c.principal);
      await f.hub.sharing.revokeAgreement(f.ctx, c.agreementId, 'purpose fulfilled');
      await publishCase('after_agreement_revocation');
      await service().runOnce();
      expect(to(hook.id)).toEqual([]);
      const paused = await stateOf(c.principal, hook.id);
      expect(paused.status).toBe('paused');
      expect(paused.pausedReason).toContain('no active data-sharing agreement covers dataset feed');
      expect(paused.pausedCause).toBe('no_agreement');
      expect(paused.pausedReasonZh).toBe(
        '没有有效的数据共享协议为用途“监测分析”授权数据集 feed（已撤销或已过期）',
      );
      await expect(service().resume(c.principal, hook.id)).rejects.toMatchObject({
        code: 'conflict',
        issues: [{ field: 'status', reason: expect.stringContaining('no active data-sharing agreement') }],
      });
      await f.hub.sharing.createAgreement(f.ctx, {
        consumerSourceId: c.sourceId,
        title: 'Case notifications, renewed',
        datasets: ['feed', 'cases'],
        purpose: 'surveillance',
        legalBasis: LEGAL_BASIS,
        expiresAt: '2026-06-01T00:00:00Z',
      });
      await service().resume(c.principal, hook.id);
      await service().runOnce();
      expect(to(hook.id)).toEqual(['after_agreement_revocation']);
    });

    it('delivers only what the agreements grant at delivery time, not at subscription', async () => {
      const c = await consumerWithKey();
      const hook = await subscribe(c.principal);
      // The case agreement is replaced by one for persons only: case events stop, person events flow.
      await f.hub.sharing.createAgreement(f.ctx, {
        consumerSourceId: c.sourceId,
        title: 'Person changes',
        datasets: ['feed', 'persons'],
        purpose: 'surveillance',
        legalBasis: LEGAL_BASIS,
        expiresAt: '2026-06-01T00:00:00Z',
      });
      await f.hub.sharing.revokeAgreement(f.ctx, c.agreementId, 'narrowed to persons');
      await publishCase('case_after_narrowing');
      await getDatabase()
        .db.transaction()
        .execute((trx) =>
          f.hub.feed.publish(trx, [
            { topic: 'hub.person.linked', entityType: 'Person', entityId: 'person_after_narrowing' },
          ]),
        );
      await service().runOnce();
      expect(to(hook.id)).toEqual(['person_after_narrowing']);
    });

    it('pauses when the agreement expires', async () => {
      const c = await consumerWithKey();
      const hook = await subscribe(c.principal);
      const start = f.clock.now();
      try {
        f.clock.set('2026-06-02T00:00:00Z');
        await publishCase('after_expiry');
        await service().runOnce();
        expect(to(hook.id)).toEqual([]);
        expect((await stateOf(c.principal, hook.id)).pausedReason).toContain('revoked or expired');
      } finally {
        f.clock.set(start);
      }
    });

    it("pauses when the consumer's data source is disabled", async () => {
      const c = await consumerWithKey();
      const hook = await subscribe(c.principal);
      await getDatabase()
        .db.updateTable('sources')
        .set({ active: false })
        .where('id', '=', c.sourceId)
        .execute();
      await publishCase('after_source_disabled');
      await service().runOnce();
      expect(to(hook.id)).toEqual([]);
      expect(await stateOf(c.principal, hook.id)).toMatchObject({
        pausedReason: expect.stringContaining(`data source ${c.sourceId} is disabled`),
        pausedCause: 'source_disabled',
        pausedReasonZh: `数据源 ${c.sourceId} 已停用`,
      });
    });

    it('pauses a subscription from before keys were recorded until a live key resumes it', async () => {
      const c = await consumerWithKey();
      const hook = await subscribe(c.principal);
      await getDatabase()
        .db.updateTable('webhook_subscriptions')
        .set({ created_by_key: null })
        .where('id', '=', hook.id)
        .execute();
      await publishCase('legacy');
      await service().runOnce();
      expect(to(hook.id)).toEqual([]);
      expect(await stateOf(c.principal, hook.id)).toMatchObject({
        pausedReason: expect.stringContaining('before webhooks recorded'),
        pausedCause: 'key_legacy',
        pausedReasonZh: expect.stringContaining('订阅早于平台记录'),
      });
      await service().resume(c.principal, hook.id);
      await service().runOnce();
      expect(to(hook.id)).toEqual(['legacy']);
    });

    it('audits a delivery under every agreement granting what it carries, naming its datasets', async () => {
      const c = await consumerWithKey();
      // The first agreement grants the feed and cases; this one the person changes the same feed carries.
      const persons = await f.hub.sharing.createAgreement(f.ctx, {
        consumerSourceId: c.sourceId,
        title: 'Person changes',
        datasets: ['persons'],
        purpose: 'surveillance',
        legalBasis: LEGAL_BASIS,
        expiresAt: '2026-06-01T00:00:00Z',
      });
      const audited = testWebhooks(getDatabase(), f, post, { audit: true });
      const hook = await audited.subscribe(c.principal, {
        url: 'http://127.0.0.1:9/hook',
        topics: [],
        purpose: 'surveillance',
      });
      await publishCase('case_audited');
      await getDatabase()
        .db.transaction()
        .execute((trx) =>
          f.hub.feed.publish(trx, [
            { topic: 'hub.person.linked', entityType: 'Person', entityId: 'person_audited' },
          ]),
        );
      await audited.runOnce();
      expect(to(hook.id)).toEqual(['case_audited', 'person_audited']);
      const [entry] = (
        await f.identity.audit.list(
          { actorId: c.sourceId, resourceId: hook.id },
          { limit: 10, offset: 0, order: 'desc' },
        )
      ).items;
      expect(entry?.detail).toMatchObject({
        dataset: 'feed,cases,persons',
        agreement: [c.agreementId, persons.id].sort().join(','),
        events: 2,
      });
    });

    describe('a consumer stopping its subscription while a batch is on its way', () => {
      /** A service delivering one event per batch that runs `during` while the hook's first batch is POSTed. */
      function serviceStoppedDuringFirstBatch(hookId: string, during: () => Promise<void>) {
        let first = true;
        const stopping: OutboundFetch = async (url, init) => {
          if (first && String(init?.body).includes(hookId)) {
            first = false;
            await during();
          }
          return post(url, init);
        };
        return testWebhooks(getDatabase(), f, stopping, { batchSize: 1 });
      }

      it('gets no further batch of a catch-up round once it is deleted', async () => {
        const c = await consumerWithKey();
        const hook = await subscribe(c.principal);
        for (const id of ['backlog_1', 'backlog_2', 'backlog_3']) await publishCase(id);
        await serviceStoppedDuringFirstBatch(hook.id, () =>
          service().disable(c.principal, hook.id),
        ).runOnce();
        expect(to(hook.id)).toEqual(['backlog_1']);
        expect((await stateOf(c.principal, hook.id)).status).toBe('disabled');
      });

      it('stays deleted when its key is revoked in the same moment: no pause that a live key could resume', async () => {
        const c = await consumerWithKey();
        const spare = await f.hub.sources.rotateKey(f.ctx, c.sourceId, c.keyId);
        const live = keyPrincipal(c.sourceId, spare.id);
        const hook = await subscribe(live);
        for (const id of ['backlog_a', 'backlog_b']) await publishCase(id);
        await serviceStoppedDuringFirstBatch(hook.id, async () => {
          await service().disable(live, hook.id);
          await f.hub.sources.revokeKey(f.ctx, c.sourceId, spare.id);
        }).runOnce();
        expect((await stateOf(live, hook.id)).status).toBe('disabled');
      });

      it('is not brought back by a resume whose status check read it paused before the DELETE', async () => {
        const c = await consumerWithKey();
        const hook = await subscribe(c.principal);
        await f.hub.sources.revokeKey(f.ctx, c.sourceId, c.keyId);
        await service().runOnce();
        const repository = new WebhooksRepository(getDatabase());
        expect((await repository.find(hook.id))!.status).toBe('paused');
        await service().disable(c.principal, hook.id);
        // What resume writes after its check: guarded by the status it read, so it finds nothing to resume.
        expect(await repository.updateIfStatus(hook.id, 'paused', { status: 'active' })).toBe(false);
        expect((await stateOf(c.principal, hook.id)).status).toBe('disabled');
      });
    });

    describe('the officer reviewing a consumer', () => {
      it('sees each of its webhooks with the key that subscribed and why it is paused', async () => {
        const c = await consumerWithKey();
        const hook = await subscribe(c.principal);
        await f.hub.sources.revokeKey(f.ctx, c.sourceId, c.keyId);
        await service().runOnce();
        const listed = await service().listOfSource(c.sourceId);
        expect(listed).toEqual([
          expect.objectContaining({
            id: hook.id,
            url: 'http://127.0.0.1:9/hook',
            createdByKey: c.keyId,
            status: 'paused',
            pausedReason: expect.stringContaining('revoked or rotated'),
          }),
        ]);
        expect(listed[0]).not.toHaveProperty('secret');
      });

      it("sees a receiver's password in the URL masked, as the consumer's own list does; deliveries still send it", async () => {
        const c = await consumerWithKey();
        let postedTo = '';
        let hookId = 'not yet subscribed';
        const recording = testWebhooks(getDatabase(), f, async (url, init) => {
          if (String(init?.body).includes(hookId)) postedTo = String(url);
          return post(url, init);
        });
        const hook = await recording.subscribe(c.principal, {
          url: 'http://vendor:s3cret-pw@127.0.0.1:9/hook',
          topics: [],
          purpose: 'surveillance',
        });
        hookId = hook.id;
        const shown = 'http://vendor:***@127.0.0.1:9/hook';
        expect((await recording.listOfSource(c.sourceId))[0]?.url).toBe(shown);
        expect((await recording.list(c.principal))[0]?.url).toBe(shown);
        await publishCase('case_with_password');
        await recording.runOnce();
        expect(postedTo).toBe('http://vendor:s3cret-pw@127.0.0.1:9/hook');
        await recording.disable(c.principal, hook.id);
      });
    });
  },
  { migrations: hubTestMigrations },
);
