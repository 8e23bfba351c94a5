/** "Who read what": the auditor's view of one consumer's reads, from the audit trail. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubFixture, hubTestMigrations, type HubFixture, gatedTestApp } from '../testing.js';
import { sharingRoutes } from './sharing.routes.js';

describeEachDatabase(
  "a consumer's reads",
  (getDatabase) => {
    let f: HubFixture;
    let app: FastifyInstance;
    let sourceId: string;
    let auditorToken: string;

    beforeAll(async () => {
      f = hubFixture(getDatabase());
      app = gatedTestApp(f);
      await app.register(sharingRoutes, { sharing: f.hub.sharing, identity: f.identity });
      await app.ready();
      ({ id: sourceId } = await f.hub.sources.addSource({
        name: '荷塘区疾控 Hetang District CDC',
        type: 'cdc',
      }));
      const [key] = await f.identity.auth.apiKeysOf({ kind: 'source', id: sourceId });
      // What the gatekeeper writes when the consumer reads one person under an agreement.
      await f.identity.audit.record(
        {
          principal: { kind: 'api_key', id: key!.id, role: 'data_source', displayName: 'x', areaCode: null },
          purpose: 'surveillance',
          clock: f.clock,
          disclosed: new Set(),
        },
        {
          action: 'GET /api/v1/persons/:id',
          resourceType: 'person',
          resourceId: 'per_read_by_consumer',
          outcome: 'success',
          detail: { status: 200, dataset: 'persons', agreement: 'agr_1' },
        },
      );
      // What a webhook delivery writes: the consumer's data source as the actor.
      await f.identity.audit.record(
        {
          principal: { kind: 'api_key', id: sourceId, role: 'data_source', displayName: 'x', areaCode: null },
          purpose: 'surveillance',
          clock: f.clock,
          disclosed: new Set(),
        },
        {
          action: 'POST webhook',
          resourceType: 'change_feed',
          resourceId: 'whk_1',
          outcome: 'success',
          detail: { dataset: 'feed', agreement: 'agr_1', events: 3 },
        },
      );
      await f.identity.users.createUser({
        username: 'dpo',
        displayName: '数据保护官 DPO',
        role: 'auditor',
        password: 'a long test passphrase',
      });
      auditorToken = (await f.identity.auth.login('dpo', 'a long test passphrase', '127.0.0.1')).token;
    });
    afterAll(async () => {
      await app.close();
      f.hub.feed.stop();
    });

    it('names the record each read was of, beside the dataset and agreement', async () => {
      const response = await app.inject({
        url: `/api/v1/sharing/consumers/${sourceId}/reads`,
        headers: { authorization: `Bearer ${auditorToken}` },
      });
      expect(response.statusCode).toBe(200);
      const items = (response.json() as { items: { action: string; detail: Record<string, unknown> }[] })
        .items;
      const read = items.find((i) => i.action.startsWith('GET'));
      expect(read).toMatchObject({
        action: 'GET /api/v1/persons/:id',
        detail: { dataset: 'persons', agreement: 'agr_1', resourceId: 'per_read_by_consumer' },
      });
    });

    it('lists the change-feed batches pushed to its webhooks among its reads', async () => {
      const response = await app.inject({
        url: `/api/v1/sharing/consumers/${sourceId}/reads`,
        headers: { authorization: `Bearer ${auditorToken}` },
      });
      const items = (response.json() as { items: { action: string; detail: Record<string, unknown> }[] })
        .items;
      expect(items.find((i) => i.action === 'POST webhook')).toMatchObject({
        detail: { dataset: 'feed', agreement: 'agr_1', resourceId: 'whk_1' },
      });
    });
  },
  { migrations: hubTestMigrations },
);
