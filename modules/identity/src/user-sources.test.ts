/**
 * Data-source user accounts are bound to the registered source they submit as: creating one needs a known
 * source, the session's principal carries it, and an account without one (created before accounts had a
 * source) is refused at the gatekeeper until an administrator binds it.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, FixedClock, httpStatusOf } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { installGatekeeper } from './gatekeeper.js';
import { identityRoutes } from './identity.routes.js';
import { identityMigrations } from './identity.migrations.js';
import { createIdentityModule, type IdentityModule } from './identity.module.js';
import { systemContext } from './principal.js';
import { UsersRepository } from './users.repository.js';

const PASSWORD = 'a long test passphrase';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describeEachDatabase(
  'data-source accounts and their source',
  (getDatabase) => {
    const clock = new FixedClock('2026-03-01T00:00:00Z');
    const admin = systemContext('test', 'administration', clock);
    let identity: IdentityModule;
    let app: FastifyInstance;

    async function signIn(username: string): Promise<Record<string, string>> {
      const { token } = await identity.auth.login(username, PASSWORD, '127.0.0.1');
      return { authorization: `Bearer ${token}` };
    }

    beforeAll(async () => {
      identity = createIdentityModule(getDatabase(), clock, {
        sessionTtlHours: 1,
        loginMaxAttempts: 100,
        loginWindowMinutes: 1,
      });
      // Registering a source issues its first API key: that is how identity knows the source exists.
      await identity.auth.issueApiKey({
        kind: 'source',
        id: 'src-lab-a',
        displayName: '甲检验所 Lab A',
        role: 'data_source',
        areaCode: '4302',
      });
      app = Fastify();
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      installGatekeeper(app, { auth: identity.auth, audit: identity.audit, clock });
      app.setErrorHandler(async (error: unknown, _request, reply) => {
        const status = error instanceof AppError ? httpStatusOf[error.code] : 500;
        const issues = error instanceof AppError ? error.issues : [];
        return reply.code(status).send({ detail: error instanceof Error ? error.message : '', issues });
      });
      app.post(
        '/api/v1/submit',
        { config: { access: { permission: 'hub:submit', resource: 'record' } } },
        async (request) => ({ sourceId: request.ctx.principal.sourceId ?? null }),
      );
      app.get(
        '/api/v1/areas-probe',
        { config: { access: { permission: 'areas:read', resource: 'area' } } },
        async () => ({ ok: true }),
      );
      await app.register(identityRoutes, { identity, cookieSecure: false });
      await app.ready();
      await identity.users.createUser({
        username: 'admin-1',
        displayName: 'Admin',
        role: 'admin',
        password: PASSWORD,
      });
    });
    afterAll(async () => {
      await app.close();
      await identity.audit.drain();
    });

    describe('creating an account', () => {
      it('refuses a data_source account without a source, naming sourceId', async () => {
        const error = await rejection(
          identity.users.createUser({
            username: 'clerk-nosource',
            displayName: 'Clerk',
            role: 'data_source',
            password: PASSWORD,
          }),
        );
        expect(error.code).toBe('invalid_input');
        expect(error.issues).toEqual([
          expect.objectContaining({ record: 'clerk-nosource', field: 'sourceId' }),
        ]);
        expect(await identity.users.findByUsername('clerk-nosource')).toBeUndefined();
      });

      it('refuses a source nobody registered, naming sourceId and the id', async () => {
        const error = await rejection(
          identity.users.createUser({
            username: 'clerk-unknown',
            displayName: 'Clerk',
            role: 'data_source',
            sourceId: 'src-nowhere',
            password: PASSWORD,
          }),
        );
        expect(error.code).toBe('invalid_input');
        expect(error.issues[0]).toMatchObject({ field: 'sourceId' });
        expect(error.issues[0]!.reason).toContain('src-nowhere');
      });

      it('refuses a source on an account of another role', async () => {
        const error = await rejection(
          identity.users.createUser({
            username: 'epi-with-source',
            displayName: 'Epi',
            role: 'epidemiologist',
            sourceId: 'src-lab-a',
            password: PASSWORD,
          }),
        );
        expect(error.issues[0]).toMatchObject({ field: 'sourceId' });
      });

      it('refuses over HTTP an account bound to a source nobody registered, naming sourceId', async () => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: await signIn('admin-1'),
          payload: {
            username: 'clerk-http',
            displayName: 'Clerk',
            role: 'data_source',
            sourceId: 'src-nowhere',
            password: PASSWORD,
          },
        });
        expect(response.statusCode).toBe(400);
        expect(response.json().issues).toEqual([expect.objectContaining({ field: 'sourceId' })]);
        expect(await identity.users.findByUsername('clerk-http')).toBeUndefined();
      });

      it('binds a data_source account to its source: its requests act as that source', async () => {
        const user = await identity.users.createUser({
          username: 'clerk-a',
          displayName: 'Clerk A',
          role: 'data_source',
          areaCode: '4302',
          sourceId: 'src-lab-a',
          password: PASSWORD,
        });
        expect(user.sourceId).toBe('src-lab-a');
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/submit',
          headers: await signIn('clerk-a'),
        });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({ sourceId: 'src-lab-a' });
      });
    });

    describe('an account created before accounts had a source', () => {
      beforeAll(async () => {
        const now = clock.now().toISOString();
        await new UsersRepository(getDatabase()).insert({
          id: 'usr_legacy_clerk',
          username: 'clerk-legacy',
          display_name: 'Legacy clerk',
          role: 'data_source',
          area_code: '4302',
          person_id: null,
          source_id: null,
          password_hash: (await identity.auth.login('clerk-a', PASSWORD, '127.0.0.1')).user.password_hash,
          active: true,
          created_at: now,
          updated_at: now,
          last_login_at: null,
        });
      });

      it('may sign in and read areas, but may not submit: 403 naming sourceId and how to bind it', async () => {
        const headers = await signIn('clerk-legacy');
        expect((await app.inject({ url: '/api/v1/areas-probe', headers })).statusCode).toBe(200);
        const response = await app.inject({ method: 'POST', url: '/api/v1/submit', headers });
        expect(response.statusCode).toBe(403);
        expect(response.json().issues).toEqual([expect.objectContaining({ field: 'sourceId' })]);
        expect(response.json().detail).toContain('shuzhi users set-source');
      });

      it('is bound by an administrator, after which the same session submits as the source', async () => {
        const headers = await signIn('clerk-legacy');
        const unknown = await rejection(identity.users.setSource(admin, 'clerk-legacy', 'src-nowhere'));
        expect(unknown.issues[0]).toMatchObject({ field: 'sourceId' });
        const bound = await identity.users.setSource(admin, 'clerk-legacy', 'src-lab-a');
        expect(bound).toMatchObject({ username: 'clerk-legacy', sourceId: 'src-lab-a' });
        const response = await app.inject({ method: 'POST', url: '/api/v1/submit', headers });
        expect(response.json()).toEqual({ sourceId: 'src-lab-a' });
      });

      it('is bound over HTTP by an administrator; an unknown source is refused naming sourceId', async () => {
        const admin = await signIn('admin-1');
        const url = '/api/v1/users/usr_legacy_clerk/source';
        const unknown = await app.inject({
          method: 'POST',
          url,
          headers: admin,
          payload: { sourceId: 'src-x' },
        });
        expect(unknown.statusCode).toBe(400);
        expect(unknown.json().issues).toEqual([expect.objectContaining({ field: 'sourceId' })]);
        const bound = await app.inject({
          method: 'POST',
          url,
          headers: admin,
          payload: { sourceId: 'src-lab-a' },
        });
        expect(bound.statusCode).toBe(200);
        expect(bound.json()).toMatchObject({ username: 'clerk-legacy', sourceId: 'src-lab-a' });
        const clerk = await signIn('clerk-legacy');
        expect(
          (await app.inject({ method: 'POST', url, headers: clerk, payload: { sourceId: 'src-lab-a' } }))
            .statusCode,
        ).toBe(403);
      });

      it('binds only data_source accounts, and only inside the administrator’s area', async () => {
        await identity.users.createUser({
          username: 'epi-b',
          displayName: 'Epi',
          role: 'epidemiologist',
          areaCode: '4302',
          password: PASSWORD,
        });
        expect(
          (await rejection(identity.users.setSource(admin, 'epi-b', 'src-lab-a'))).issues[0],
        ).toMatchObject({
          field: 'sourceId',
        });
        const elsewhere = { ...admin, principal: { ...admin.principal, areaCode: '4301' } };
        expect((await rejection(identity.users.setSource(elsewhere, 'clerk-a', 'src-lab-a'))).code).toBe(
          'not_found',
        );
      });
    });
  },
  { migrations: identityMigrations },
);
