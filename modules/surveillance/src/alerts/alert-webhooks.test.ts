import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebhookReceiver } from '@shuzhi/hub/testing';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { surveillanceFixture, surveillanceTestMigrations, type SurveillanceFixture } from './testing.js';

describeEachDatabase(
  'alert webhooks reach public addresses only',
  (getDatabase) => {
    // Two deployments over one database: the default (guard on) and one that allows private destinations.
    let guarded: SurveillanceFixture;
    let permissive: SurveillanceFixture;
    const receiver = new WebhookReceiver('/alerts');
    let port: number;
    let alerts = 0;

    beforeAll(async () => {
      const quiet = { webhooks: { intervalMs: 3_600_000 } };
      guarded = surveillanceFixture(getDatabase(), { ...quiet, allowPrivateAddresses: false });
      permissive = surveillanceFixture(getDatabase(), { ...quiet, allowPrivateAddresses: true });
      await permissive.module.start();
      port = await receiver.start();
    });
    afterAll(async () => {
      await permissive.module.stop();
      await receiver.stop();
    });

    /** An alert opened in Hetang, routed to every matching subscription's outbox. */
    async function openAlert() {
      alerts += 1;
      const [event] = permissive.feed.stamp(
        [
          {
            topic: 'surveillance.alert.opened',
            entityType: 'Alert',
            entityId: `alr_${alerts}`,
            areaCode: '430202',
            payload: { level: 'red', areaCode: '430202', indicator: 'fever_clinic_visits' },
          },
        ],
        permissive.clock.now().toISOString(),
      );
      await permissive.feed.deliver([event!]);
    }

    async function outbox(subscriptionId: string) {
      return getDatabase()
        .db.selectFrom('surveillance_alert_notifications')
        .select(['delivery', 'attempts', 'last_error', 'next_attempt_at'])
        .where('subscription_id', '=', subscriptionId)
        .execute();
    }

    it('refuses at subscription a URL naming the metadata address, or a name resolving to the loopback', async () => {
      for (const url of ['http://169.254.169.254/latest/meta-data/', `http://localhost:${port}/alerts`])
        await expect(
          guarded.module.subscriptions.create(guarded.epi, { channel: 'webhook', url, minLevel: 'blue' }),
        ).rejects.toMatchObject({
          code: 'invalid_input',
          issues: [{ record: 'subscription', field: 'url', reason: 'private or local address' }],
        });
      expect(await guarded.module.subscriptions.list(guarded.epi)).toEqual([]);
    });

    it('checks again before each delivery: a name now resolving to the loopback is a failed attempt', async () => {
      // Subscribed while private destinations were allowed (or while the name still resolved elsewhere).
      const hook = await permissive.module.subscriptions.create(permissive.epi, {
        channel: 'webhook',
        url: `http://localhost:${port}/alerts`,
        minLevel: 'blue',
      });
      await openAlert();
      expect(await guarded.module.webhooks.deliverDue()).toBe(0);
      expect(receiver.paths).toEqual([]);
      const [refused] = await outbox(hook.id);
      expect(refused).toMatchObject({ delivery: 'pending', attempts: 1 });
      expect(refused!.last_error).toBe(
        `alert webhook ${hook.id} (http://localhost:${port}): localhost is a private or local address; outbound requests go to public addresses only (SHUZHI_ALLOW_PRIVATE_OUTBOUND)`,
      );
      // Retried after the backoff, where the deployment allows private destinations it goes through.
      permissive.clock.advanceMinutes(1);
      expect(await permissive.module.webhooks.deliverDue()).toBe(1);
      expect(receiver.paths).toEqual(['/alerts']);
      await permissive.module.subscriptions.cancel(permissive.epi, hook.id);
    });

    it('does not follow a redirect: a 3xx is a failed attempt, retried later', async () => {
      receiver.paths = [];
      const hook = await permissive.module.subscriptions.create(permissive.epi, {
        channel: 'webhook',
        url: `http://127.0.0.1:${port}/moved`,
        minLevel: 'blue',
      });
      await openAlert();
      expect(await permissive.module.webhooks.deliverDue()).toBe(0);
      expect(receiver.paths).toEqual(['/moved']);
      expect(await outbox(hook.id)).toMatchObject([
        { delivery: 'pending', attempts: 1, last_error: 'HTTP 307: redirects are not followed' },
      ]);
    });
  },
  { migrations: surveillanceTestMigrations },
);
