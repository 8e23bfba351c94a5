/** What the audit says of a split and a merge made over HTTP: the persons by platform id, never a record key. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { dataHubFixture } from '../records/testing.js';
import { gatedTestApp, hubTestMigrations, reportPatient, type HubFixture } from '../testing.js';
import { mpiRoutes } from './mpi.routes.js';

describeEachDatabase(
  'audit of linkage changes',
  (getDatabase) => {
    let f: HubFixture;
    let app: FastifyInstance;
    let headers: Record<string, string>;

    beforeAll(async () => {
      f = dataHubFixture(getDatabase());
      app = gatedTestApp(f);
      await app.register(mpiRoutes, { mpi: f.hub.data.mpi });
      await app.ready();
      await f.identity.users.createUser({
        username: 'epi-audit',
        displayName: '流调员',
        role: 'epidemiologist',
        password: 'a long test passphrase',
      });
      const { token } = await f.identity.auth.login('epi-audit', 'a long test passphrase', '127.0.0.1');
      headers = { authorization: `Bearer ${token}`, 'x-purpose-of-use': 'data_quality' };
    });
    afterAll(async () => {
      await app.close();
      f.hub.feed.stop();
    });

    it('names the split and both persons in the audit entry of a split', async () => {
      const woman = {
        name: '吴婷',
        gender: 'female',
        birthDate: '1992-03-15',
        residentId: '430202199203150020',
      } as const;
      const first = await reportPatient(f, 'audit-lab', woman);
      const second = await reportPatient(f, 'audit-clinic', woman);
      expect(second.person).toBe(first.person);
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/linkage/splits',
        headers,
        payload: { recordKey: second.recordKey, reason: 'the ID was typed from her sister' },
      });
      expect(response.statusCode).toBe(201);
      const created = response.json<{ id: string; splits: { id: string }[] }>();
      await f.identity.audit.drain();
      const entries = await f.identity.audit.list(
        { action: 'POST /api/v1/linkage/splits' },
        { limit: 5, offset: 0, order: 'desc' },
      );
      // Before, the entry said only {status: 201}: a privacy officer could not tell what was split.
      expect(entries.items[0]).toMatchObject({
        outcome: 'success',
        detail: { splitId: created.splits[0]!.id, fromPersonId: first.person, toPersonId: created.id },
      });
      expect(JSON.stringify(entries.items[0])).not.toContain(second.recordKey);
    });
  },
  { migrations: hubTestMigrations },
);
