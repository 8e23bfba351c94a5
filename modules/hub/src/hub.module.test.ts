/** The hub as the platform wires it: what must hold for every deployment, not only for a test's own wiring. */
import { expect, it } from 'vitest';
import type { OutboundFetch } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { Principal } from '@shuzhi/identity';
import { hubFixture, hubTestMigrations } from './testing.js';

describeEachDatabase(
  'hub module wiring',
  (getDatabase) => {
    it('audits every webhook delivery as a read by its consumer (personal data leaves the platform)', async () => {
      let delivered = 0;
      const post: OutboundFetch = async () => {
        delivered++;
        return new Response(null, { status: 204 });
      };
      const { hub, identity, ctx } = hubFixture(getDatabase(), { allowPrivateAddresses: true, post });
      const { id: sourceId } = await hub.sources.addSource({
        name: '渌口区疾控 Lukou District CDC',
        type: 'cdc',
        areaCode: '430212',
      });
      await hub.sharing.createAgreement(ctx, {
        consumerSourceId: sourceId,
        title: '病例推送 Case notifications',
        datasets: ['feed', 'cases'],
        purpose: 'surveillance',
        legalBasis: '《传染病防治法》第三十三条',
        expiresAt: '2099-01-01T00:00:00Z',
      });
      // The source's own key: a subscription stands on the key that made it.
      const [key] = await hub.sources.listKeys(ctx, sourceId);
      const consumer: Principal = {
        kind: 'api_key',
        id: key!.id,
        role: 'data_source',
        displayName: sourceId,
        areaCode: '430212',
        sourceId,
      };
      const hook = await hub.webhooks.subscribe(consumer, {
        url: 'http://127.0.0.1:9/hook',
        topics: [],
        purpose: 'surveillance',
      });
      await getDatabase()
        .db.transaction()
        .execute((trx) =>
          hub.feed.publish(trx, [
            {
              topic: 'hub.case.confirmed',
              entityType: 'Case',
              entityId: 'case_lukou',
              personId: 'per_lukou',
              areaCode: '430212001001001',
            },
          ]),
        );
      await hub.webhooks.runOnce();
      expect(delivered).toBe(1);
      const entries = await identity.audit.list(
        { actorId: sourceId, resourceId: hook.id },
        { limit: 10, offset: 0, order: 'desc' },
      );
      expect(entries.items).toMatchObject([{ action: 'POST webhook', purpose: 'surveillance' }]);
      await hub.webhooks.disable(consumer, hook.id);
      hub.feed.stop();
    });
  },
  { migrations: hubTestMigrations },
);
