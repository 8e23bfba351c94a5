/** A data source's API keys as an administrator manages them over HTTP: list, revoke and rotate. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { sourcesRoutes } from './sources.routes.js';
import { hubFixture, hubTestMigrations, type HubFixture, gatedTestApp } from './testing.js';

describeEachDatabase(
  "a data source's API keys",
  (getDatabase) => {
    let f: HubFixture;
    let app: FastifyInstance;
    let admin: Record<string, string>;
    let sourceId: string;
    let firstKey: string;
    let firstKeyId: string;

    const as = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

    beforeAll(async () => {
      f = hubFixture(getDatabase());
      app = gatedTestApp(f);
      await app.register(sourcesRoutes, { sources: f.hub.sources });
      await app.ready();
      for (const [username, role] of [
        ['keeper', 'admin'],
        ['dpo', 'auditor'],
      ] as const)
        await f.identity.users.createUser({
          username,
          displayName: username,
          role,
          password: 'a long test passphrase',
        });
      admin = as((await f.identity.auth.login('keeper', 'a long test passphrase', '127.0.0.1')).token);
      ({ id: sourceId, apiKey: firstKey } = await f.hub.sources.addSource({
        name: '省疾控 Provincial CDC',
        type: 'cdc',
      }));
      firstKeyId = (await f.identity.auth.apiKeysOf({ kind: 'source', id: sourceId }))[0]!.id;
    });
    afterAll(async () => {
      await app.close();
      f.hub.feed.stop();
    });

    it('lists the keys with their prefix and never the secret', async () => {
      // The key is used once, so "last used" shows.
      await app.inject({ url: '/api/v1/sources', headers: as(firstKey) });
      const response = await app.inject({ url: `/api/v1/sources/${sourceId}/keys`, headers: admin });
      expect(response.statusCode).toBe(200);
      expect(response.json().items).toEqual([
        {
          id: firstKeyId,
          prefix: firstKey.slice(0, 10),
          createdAt: expect.any(String),
          lastUsedAt: expect.any(String),
          revokedAt: null,
        },
      ]);
      expect(response.body).not.toContain(firstKey);
    });

    it('lets only an administrator manage keys', async () => {
      const dpo = as((await f.identity.auth.login('dpo', 'a long test passphrase', '127.0.0.1')).token);
      expect((await app.inject({ url: `/api/v1/sources/${sourceId}/keys`, headers: dpo })).statusCode).toBe(
        403,
      );
      const revoke = await app.inject({
        method: 'POST',
        url: `/api/v1/sources/${sourceId}/keys/${firstKeyId}/revoke`,
        headers: as(firstKey),
      });
      expect(revoke.statusCode).toBe(403);
    });

    it('rotates a key: the new one works at once, the old one fails at once', async () => {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/sources/${sourceId}/keys/${firstKeyId}/rotate`,
        headers: admin,
      });
      expect(response.statusCode).toBe(201);
      const rotated = response.json() as { id: string; apiKey: string; revoked: { id: string } };
      expect(rotated.revoked).toMatchObject({ id: firstKeyId, revokedAt: expect.any(String) });
      expect(rotated.apiKey).toMatch(/^szk_/);
      expect((await app.inject({ url: '/api/v1/sources', headers: as(firstKey) })).statusCode).toBe(401);
      // The new key is the source's own, with its role: it may submit (here: it is authenticated and not
      // refused for lack of a key).
      expect(await f.identity.auth.resolveApiKey(rotated.apiKey)).toMatchObject({
        kind: 'api_key',
        sourceId,
        role: 'data_source',
      });
      const again = await app.inject({
        method: 'POST',
        url: `/api/v1/sources/${sourceId}/keys/${firstKeyId}/rotate`,
        headers: admin,
      });
      expect(again.statusCode).toBe(409);
      const keys = (await app.inject({ url: `/api/v1/sources/${sourceId}/keys`, headers: admin })).json()
        .items;
      expect(keys.filter((k: { revokedAt: string | null }) => k.revokedAt === null)).toHaveLength(1);
    });

    it('revokes a key once, at once; a second revocation is a conflict', async () => {
      const issued = await f.identity.auth.issueApiKey({
        kind: 'source',
        id: sourceId,
        displayName: '省疾控 Provincial CDC',
        role: 'data_source',
        areaCode: null,
      });
      expect(await f.identity.auth.resolveApiKey(issued.apiKey)).toBeDefined();
      const url = `/api/v1/sources/${sourceId}/keys/${issued.id}/revoke`;
      const response = await app.inject({ method: 'POST', url, headers: admin });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: issued.id, revokedAt: expect.any(String) });
      expect(await f.identity.auth.resolveApiKey(issued.apiKey)).toBeUndefined();
      expect((await app.inject({ method: 'POST', url, headers: admin })).statusCode).toBe(409);
      await f.identity.audit.drain();
      const audit = await f.identity.audit.list(
        { action: 'POST /api/v1/sources/:sourceId/keys/:id/revoke' },
        { limit: 10, offset: 0, order: 'asc' },
      );
      expect(audit.items[0]).toMatchObject({ resource_type: 'api_key', resource_id: issued.id });
    });

    it("answers not found for another source's key, or an unknown one", async () => {
      const other = await f.hub.sources.addSource({ name: 'Another lab', type: 'lab' });
      const [otherKey] = await f.identity.auth.apiKeysOf({ kind: 'source', id: other.id });
      for (const url of [
        `/api/v1/sources/${sourceId}/keys/${otherKey!.id}/revoke`,
        `/api/v1/sources/${sourceId}/keys/key_nope/revoke`,
        `/api/v1/sources/src_nope/keys/${otherKey!.id}/revoke`,
      ])
        expect((await app.inject({ method: 'POST', url, headers: admin })).statusCode, url).toBe(404);
      expect(await f.identity.auth.resolveApiKey(other.apiKey)).toBeDefined();
      expect((await app.inject({ url: '/api/v1/sources/src_nope/keys', headers: admin })).statusCode).toBe(
        404,
      );
    });
  },
  { migrations: hubTestMigrations },
);
