/** HTTP routes of the identity module: login/logout/me, users, and the audit trail with its verification. */
import type {} from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, listParamsSchema, pageSchema, rolePolicies, sensitiveFields } from '@shuzhi/core';
import { SESSION_COOKIE } from './gatekeeper.js';
import {
  loginSchema,
  newUserSchema,
  roleSchema,
  sessionInfoSchema,
  userSchema,
  userSourceSchema,
  type SessionInfo,
} from './identity.schema.js';
import type { IdentityModule } from './identity.module.js';
import { principalOfUser } from './auth.service.js';
import { defaultDisclosure, type Principal } from './principal.js';
import { toUser } from './users.service.js';

const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string(),
  actorRole: z.string(),
  purpose: z.string(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  outcome: z.string(),
  areaCode: z.string().nullable(),
  requestId: z.string().nullable(),
  detail: z.unknown(),
  hash: z.string(),
});

const verifySchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBreak: z.object({ kind: z.string(), seq: z.number().int(), message: z.string() }).nullable(),
});

export interface IdentityRouteOptions {
  identity: IdentityModule;
  cookieSecure: boolean;
}

export async function identityRoutes(root: FastifyInstance, options: IdentityRouteOptions): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { identity } = options;

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['identity'],
        summary: 'Sign in with a password',
        body: loginSchema,
        response: { 200: sessionInfoSchema },
      },
      config: { access: { public: true, resource: 'session' } },
    },
    async (request, reply) => {
      const { username, password, mode } = request.body;
      let result;
      try {
        result = await identity.auth.login(username, password, request.ip);
      } catch (error) {
        await identity.audit.record(request.ctx, {
          action: 'login',
          resourceType: 'session',
          outcome: error instanceof AppError && error.code === 'too_many_requests' ? 'denied' : 'failure',
        });
        throw error;
      }
      const principal = principalOfUser(result.user);
      await identity.audit.record(
        { ...request.ctx, principal, purpose: rolePolicies[principal.role].purposes[0]! },
        {
          action: 'login',
          resourceType: 'session',
          resourceId: result.user.id,
          outcome: 'success',
          detail: { mode },
        },
      );
      if (mode === 'cookie') {
        reply.setCookie(SESSION_COOKIE, result.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: options.cookieSecure,
          path: '/',
          expires: new Date(result.expiresAt),
        });
      }
      const info: SessionInfo = {
        user: toUser(result.user),
        permissions: [...rolePolicies[result.user.role].permissions],
        purposes: [...rolePolicies[result.user.role].purposes],
        disclosed: disclosedTo(principal),
        csrfToken: mode === 'cookie' ? result.csrfToken : null,
        token: mode === 'bearer' ? result.token : null,
        expiresAt: result.expiresAt,
      };
      return info;
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: { tags: ['identity'], summary: 'End the current session', response: { 204: z.null() } },
      config: { access: { resource: 'session' } },
    },
    async (request, reply) => {
      const header = request.headers.authorization;
      const token = header?.toLowerCase().startsWith('bearer ')
        ? header.slice(7).trim()
        : request.cookies[SESSION_COOKIE];
      if (token) await identity.auth.logout(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'The signed-in user, permissions and purposes',
        response: { 200: sessionInfoSchema },
      },
      config: { access: { resource: 'session' } },
    },
    async (request) => {
      const principal = request.ctx.principal;
      if (principal.kind !== 'user') throw new AppError('forbidden', 'only users have a session');
      const user = await identity.users.getUser(principal.id);
      if (!user) throw new AppError('unauthenticated', 'session user no longer exists');
      return {
        user,
        permissions: [...rolePolicies[user.role].permissions],
        purposes: [...rolePolicies[user.role].purposes],
        disclosed: disclosedTo(principal),
        csrfToken: request.sessionCsrfToken,
        token: null,
        expiresAt: '',
      };
    },
  );

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['identity'],
        summary: 'List users (paged, sortable, searchable)',
        querystring: listParamsSchema.extend({ role: roleSchema.optional() }),
        response: { 200: pageSchema(userSchema) },
      },
      config: { access: { permission: 'users:read', personalData: true, resource: 'user' } },
    },
    async (request) => {
      const { role, ...params } = request.query;
      return identity.users.listUsers(request.ctx, role ? { role } : {}, params);
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['identity'],
        summary: 'Create a user',
        body: newUserSchema,
        response: { 201: userSchema },
      },
      config: { access: { permission: 'users:manage', resource: 'user' } },
    },
    async (request, reply) => {
      const user = await identity.users.createUser(request.body);
      return reply.code(201).send(user);
    },
  );

  app.post(
    '/api/v1/users/:id/source',
    {
      schema: {
        tags: ['identity'],
        summary: 'Bind a data-source account to the registered source it submits as',
        params: z.object({ id: z.string().min(1).max(100) }),
        body: userSourceSchema,
        response: { 200: userSchema },
      },
      config: { access: { permission: 'users:manage', resource: 'user' } },
    },
    async (request) => identity.users.setSource(request.ctx, request.params.id, request.body.sourceId),
  );

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['identity'],
        summary: 'The audit trail (paged, newest first)',
        querystring: listParamsSchema.extend({
          actorId: z.string().optional(),
          resourceType: z.string().optional(),
          resourceId: z.string().optional(),
          action: z.string().optional(),
          from: z.string().optional(),
          to: z.string().optional(),
        }),
        response: { 200: pageSchema(auditEntrySchema) },
      },
      config: { access: { permission: 'audit:read', personalData: true, resource: 'audit_log' } },
    },
    async (request) => {
      const { actorId, resourceType, resourceId, action, from, to, ...params } = request.query;
      const page = await identity.audit.list(
        {
          ...(actorId ? { actorId } : {}),
          ...(resourceType ? { resourceType } : {}),
          ...(resourceId ? { resourceId } : {}),
          ...(action ? { action } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
        },
        params,
      );
      return {
        ...page,
        items: page.items.map((r) => ({
          seq: r.seq,
          at: r.at,
          actorId: r.actor_id,
          actorRole: r.actor_role,
          purpose: r.purpose,
          action: r.action,
          resourceType: r.resource_type,
          resourceId: r.resource_id,
          outcome: r.outcome,
          areaCode: r.area_code,
          requestId: r.request_id,
          detail: r.detail,
          hash: r.hash,
        })),
      };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      schema: { tags: ['identity'], summary: 'Verify the audit hash chain', response: { 200: verifySchema } },
      config: { access: { permission: 'audit:read', resource: 'audit_log' } },
    },
    async () => identity.audit.verify(),
  );
}

/** The sensitive fields a signed-in user sees in clear, in the policy's order. */
function disclosedTo(principal: Principal): SessionInfo['disclosed'] {
  const disclosed = defaultDisclosure(principal);
  return sensitiveFields.filter((field) => disclosed.has(field));
}
