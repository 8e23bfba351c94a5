import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebhookReceiver } from './webhook-receiver.testing.js';
import type { Database } from '@shuzhi/db';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { Principal } from '@shuzhi/identity';
import { hubFixture, hubTestMigrations, type HubFixture } from '../testing.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { defaultWebhookOptions, WebhooksService } from './webhooks.service.js';

describeEachDatabase(
  'change-feed webhooks reach public addresses only',
  (getDatabase) => {
    let f: HubFixture;
    let consumer: Principal;
    const receiver = new WebhookReceiver('/hook');
    let port: number;
    const guarded = () => service(getDatabase(), f, false);
    const permissive = () => service(getDatabase(), f, true);

    beforeAll(async () => {
      f = hubFixture(getDatabase());
      port = await receiver.start();
      const { id } = await f.hub.sources.addSource({ name: '省疾控 Provincial CDC', type: 'cdc' });
      // The source's own key: a subscription stands on the key that made it.
      const [key] = await f.hub.sources.listKeys(f.ctx, id);
      consumer = {
        kind: 'api_key',
        id: key!.id,
        role: 'data_source',
        displayName: id,
        areaCode: null,
        sourceId: id,
      };
      await f.hub.sharing.createAgreement(f.ctx, {
        consumerSourceId: id,
        title: '病例推送 Case notifications',
        datasets: ['feed', 'cases'],
        purpose: 'surveillance',
        legalBasis: '《传染病防治法》第三十三条',
        expiresAt: '2099-01-01T00:00:00Z',
      });
      await getDatabase()
        .db.transaction()
        .execute((trx) =>
          f.hub.feed.publish(trx, [
            { topic: 'hub.case.confirmed', entityType: 'Case', entityId: 'case_1', areaCode: '430202' },
          ]),
        );
    });
    afterAll(async () => {
      await receiver.stop();
      f.hub.feed.stop();
    });

    /** Makes the subscription due again, as the backoff would after its wait. */
    async function makeDue(id: string) {
      await getDatabase()
        .db.updateTable('webhook_subscriptions')
        .set({ next_attempt_at: '2000-01-01T00:00:00.000Z' })
        .where('id', '=', id)
        .execute();
    }

    it('refuses at subscription a URL naming the metadata address, or a name resolving to the loopback', async () => {
      for (const url of ['http://169.254.169.254/latest/meta-data/', `http://localhost:${port}/hook`])
        await expect(
          guarded().subscribe(consumer, { url, topics: [], purpose: 'surveillance' }),
        ).rejects.toMatchObject({
          code: 'invalid_input',
          issues: [{ record: 'webhook', field: 'url', reason: 'private or local address' }],
        });
      expect(await guarded().list(consumer)).toEqual([]);
    });

    it('checks again before each delivery: a name now resolving to the loopback is a failed attempt', async () => {
      // Subscribed while private destinations were allowed (or while the name still resolved elsewhere).
      const hook = await permissive().subscribe(consumer, {
        url: `http://localhost:${port}/hook`,
        topics: [],
        purpose: 'surveillance',
        fromSeq: 0,
      });
      await guarded().runOnce();
      expect(receiver.paths).toEqual([]);
      const [refused] = await guarded().list(consumer);
      expect(refused).toMatchObject({ id: hook.id, cursor: 0, attempts: 1, delivered: 0 });
      expect(refused!.lastError).toBe(
        `webhook ${hook.id} (http://localhost:${port}): localhost is a private or local address; outbound requests go to public addresses only (SHUZHI_ALLOW_PRIVATE_OUTBOUND)`,
      );
      // The same delivery goes through where the deployment allows private destinations.
      await makeDue(hook.id);
      await permissive().runOnce();
      expect(receiver.paths).toEqual(['/hook']);
      expect((await permissive().list(consumer))[0]).toMatchObject({ attempts: 0, delivered: 1 });
      await permissive().disable(consumer, hook.id);
    });

    it('does not follow a redirect: a 3xx is a failed attempt, retried later', async () => {
      receiver.paths = [];
      const hook = await permissive().subscribe(consumer, {
        url: `http://127.0.0.1:${port}/moved`,
        topics: [],
        purpose: 'surveillance',
        fromSeq: 0,
      });
      await permissive().runOnce();
      expect(receiver.paths).toEqual(['/moved']);
      const row = (await permissive().list(consumer)).find((w) => w.id === hook.id);
      expect(row).toMatchObject({
        cursor: 0,
        attempts: 1,
        lastError: 'HTTP 307: redirects are not followed',
      });
    });
  },
  { migrations: hubTestMigrations },
);

function service(database: Database, f: HubFixture, allowPrivateAddresses: boolean): WebhooksService {
  return new WebhooksService(new WebhooksRepository(database), f.hub.feed, f.hub.sharing, f.clock, {
    ...defaultWebhookOptions,
    allowPrivateAddresses,
  });
}
