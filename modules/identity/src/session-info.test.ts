/**
 * The session answer (login and /auth/me) says which sensitive fields the user sees in clear, so the web offers
 * searches and sorts by those only, from the server's policy rather than a copy of it.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FixedClock, roleDisclosure, type Role } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { installGatekeeper } from './gatekeeper.js';
import { identityMigrations } from './identity.migrations.js';
import { createIdentityModule, type IdentityModule } from './identity.module.js';
import { identityRoutes } from './identity.routes.js';

const PASSWORD = 'a long test passphrase';

describeEachDatabase(
  'what a session says the user sees in clear',
  (getDatabase) => {
    const clock = new FixedClock('2026-03-01T00:00:00Z');
    let identity: IdentityModule;
    let app: FastifyInstance;

    beforeAll(async () => {
      identity = createIdentityModule(getDatabase(), clock, {
        sessionTtlHours: 1,
        loginMaxAttempts: 100,
        loginWindowMinutes: 1,
      });
      app = Fastify();
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      installGatekeeper(app, { auth: identity.auth, audit: identity.audit, clock });
      await app.register(identityRoutes, { identity, cookieSecure: false });
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
      await identity.audit.drain();
    });

    it.each<[Role, string[]]>([
      ['epidemiologist', ['identifiers', 'phone', 'name', 'address', 'birth_date']],
      ['grid_worker', ['phone', 'name', 'address']],
      ['analyst', []],
    ])('tells a %s at login and in /auth/me the fields its role sees in clear', async (role, fields) => {
      const username = `user-${role.replace('_', '-')}`;
      await identity.users.createUser({ username, displayName: role, role, password: PASSWORD });
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: PASSWORD, mode: 'bearer' },
      });
      expect(login.statusCode).toBe(200);
      expect(login.json().disclosed).toEqual(fields);
      expect([...login.json().disclosed].sort()).toEqual([...roleDisclosure[role]].sort());
      const me = await app.inject({
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${login.json().token}` },
      });
      expect(me.json().disclosed).toEqual(fields);
    });
  },
  { migrations: identityMigrations },
);
