/**
 * Person search behind the gatekeeper: searching or sorting by a field the caller sees masked is refused
 * (it would reveal the field), and the audit says which parameters a search used, never their values.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SensitiveField } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { mpiRoutes } from '../mpi/mpi.routes.js';
import { hubFixture, hubTestMigrations, type HubFixture, gatedTestApp } from '../testing.js';

const RESIDENT_ID = '430202199003074571';
const LEGAL_BASIS = '《传染病防治法》第三十三条 Law on the Prevention and Treatment of Infectious Diseases';

describeEachDatabase(
  'person search by masked fields',
  (getDatabase) => {
    let f: HubFixture;
    let app: FastifyInstance;
    let personId: string;
    let gridToken: string;

    /** A consumer organisation with an agreement for persons granting `fields`; its key and key id. */
    async function consumer(name: string, fields: SensitiveField[]) {
      const source = await f.hub.sources.addSource({ name, type: 'cdc' });
      await f.hub.sharing.createAgreement(f.ctx, {
        consumerSourceId: source.id,
        title: `persons for ${name}`,
        datasets: ['persons'],
        fields,
        purpose: 'surveillance',
        legalBasis: LEGAL_BASIS,
        expiresAt: '2099-01-01T00:00:00Z',
      });
      const [key] = await f.identity.auth.apiKeysOf({ kind: 'source', id: source.id });
      return {
        keyId: key!.id,
        headers: { authorization: `Bearer ${source.apiKey}`, 'x-purpose-of-use': 'surveillance' },
      };
    }

    beforeAll(async () => {
      f = hubFixture(getDatabase());
      app = gatedTestApp(f);
      await app.register(mpiRoutes, { mpi: f.hub.data.mpi });
      await app.ready();
      personId = (await f.hub.persons.resolveRefs([RESIDENT_ID])).get(RESIDENT_ID)!;
      await f.identity.users.createUser({
        username: 'grid-1',
        displayName: '网格员',
        role: 'grid_worker',
        password: 'a long test passphrase',
      });
      gridToken = (await f.identity.auth.login('grid-1', 'a long test passphrase', '127.0.0.1')).token;
    });
    afterAll(async () => {
      await app.close();
      f.hub.feed.stop();
    });

    it('refuses a search by identifier to a consumer whose agreement masks identifiers, and audits it as denied', async () => {
      const masked = await consumer('Masked CDC', ['name']);
      const response = await app.inject({
        url: `/api/v1/persons?identifier=${RESIDENT_ID}`,
        headers: masked.headers,
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ issues: [{ field: 'identifier' }] });
      expect(response.json().detail).toContain('identifiers');
      expect(response.body).not.toContain(personId);
      await f.identity.audit.drain();
      const audit = await f.identity.audit.list(
        { actorIds: [masked.keyId] },
        { limit: 10, offset: 0, order: 'asc' },
      );
      expect(audit.items).toHaveLength(1);
      expect(audit.items[0]).toMatchObject({
        outcome: 'denied',
        detail: { dataset: 'persons', query: ['identifier'] },
      });
      // The parameter's name is audited, never the ID number searched for.
      expect(JSON.stringify(audit.items[0])).not.toContain(RESIDENT_ID);
    });

    it('finds the person by identifier for a consumer granted identifiers, and audits the parameter names', async () => {
      const granted = await consumer('Granted CDC', ['identifiers', 'name', 'birth_date']);
      const response = await app.inject({
        url: `/api/v1/persons?identifier=${RESIDENT_ID}&sort=birthDate`,
        headers: granted.headers,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().items.map((p: { id: string }) => p.id)).toEqual([personId]);
      await f.identity.audit.drain();
      const audit = await f.identity.audit.list(
        { actorIds: [granted.keyId] },
        { limit: 10, offset: 0, order: 'asc' },
      );
      expect(audit.items[0]).toMatchObject({
        outcome: 'success',
        detail: { query: ['identifier', 'sort'] },
      });
    });

    it('refuses free-text search (names) and sorting by name or birth date when they are masked', async () => {
      const masked = await consumer('Nameless CDC', ['identifiers']);
      for (const query of ['q=%E7%94%B0', 'sort=name', 'sort=birthDate']) {
        const response = await app.inject({ url: `/api/v1/persons?${query}`, headers: masked.headers });
        expect(response.statusCode, query).toBe(403);
        expect(response.json().issues[0].field, query).toBe(query.split('=')[0]);
      }
      const unfiltered = await app.inject({ url: '/api/v1/persons?sort=updated', headers: masked.headers });
      expect(unfiltered.statusCode).toBe(200);
    });

    it('applies the same rule to staff: a grid worker sees names but not ID numbers or birth dates', async () => {
      const headers = { authorization: `Bearer ${gridToken}` };
      expect((await app.inject({ url: '/api/v1/persons?q=%E7%94%B0&sort=name', headers })).statusCode).toBe(
        200,
      );
      const byId = await app.inject({ url: `/api/v1/persons?identifier=${RESIDENT_ID}`, headers });
      expect(byId.statusCode).toBe(403);
      expect((await app.inject({ url: '/api/v1/persons?sort=birthDate', headers })).statusCode).toBe(403);
    });
  },
  { migrations: hubTestMigrations },
);
