/**
 * HTTP routes for data sources (register, disable, enable) and their API keys (list, revoke, rotate; never a
 * stored secret).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listParamsSchema, pageSchema } from '@shuzhi/core';
import {
  apiKeySchema,
  createdSourceSchema,
  disableSourceSchema,
  newSourceSchema,
  rotatedKeySchema,
  silentSourcesSchema,
  sourceSchema,
  sourceTypeSchema,
} from './sources.schema.js';
import type { SourcesService } from './sources.service.js';

export async function sourcesRoutes(
  root: FastifyInstance,
  options: { sources: SourcesService },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/sources',
    {
      schema: {
        tags: ['hub'],
        summary: 'List data sources',
        querystring: listParamsSchema.extend({ type: sourceTypeSchema.optional() }),
        response: { 200: pageSchema(sourceSchema) },
      },
      config: { access: { permission: 'sources:read', resource: 'source' } },
    },
    async (request) => {
      const { type, ...params } = request.query;
      return options.sources.listSources(request.ctx, type ? { type } : {}, params);
    },
  );
  app.get(
    '/api/v1/sources/silent',
    {
      schema: {
        tags: ['hub'],
        summary:
          "Data sources silent longer than expected: how many among all of the caller's sources, and the longest silent (up to limit)",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: silentSourcesSchema },
      },
      config: { access: { permission: 'sources:read', resource: 'source' } },
    },
    async (request) => options.sources.silentSources(request.ctx, request.query.limit),
  );
  app.post(
    '/api/v1/sources',
    {
      schema: {
        tags: ['hub'],
        summary: 'Register a data source and issue its API key (shown once)',
        body: newSourceSchema,
        response: { 201: createdSourceSchema },
      },
      config: { access: { permission: 'sources:manage', resource: 'source' } },
    },
    async (request, reply) => reply.code(201).send(await options.sources.addSource(request.body)),
  );
  const sourceParams = z.object({ id: z.string().min(1).max(100) });
  app.post(
    '/api/v1/sources/:id/disable',
    {
      schema: {
        tags: ['hub'],
        summary:
          'Disable a data source: its API keys and accounts are refused on every write, read-back and shared read, its webhooks pause; its records stay',
        params: sourceParams,
        body: disableSourceSchema,
        response: { 200: sourceSchema },
      },
      config: { access: { permission: 'sources:manage', resource: 'source' } },
    },
    async (request) => {
      // The audit entry says why (an administrator's reason about an organisation, not a person).
      request.auditDetail = { reason: request.body.reason };
      return options.sources.disableSource(request.ctx, request.params.id, request.body.reason);
    },
  );
  app.post(
    '/api/v1/sources/:id/enable',
    {
      schema: {
        tags: ['hub'],
        summary:
          'Enable a disabled data source: its keys and accounts work again; its paused webhooks resume when their consumer resumes them',
        params: sourceParams,
        response: { 200: sourceSchema },
      },
      config: { access: { permission: 'sources:manage', resource: 'source' } },
    },
    async (request) => options.sources.enableSource(request.ctx, request.params.id),
  );
  const keyParams = z.object({ sourceId: z.string().min(1).max(100), id: z.string().min(1).max(100) });
  app.get(
    '/api/v1/sources/:id/keys',
    {
      schema: {
        tags: ['hub'],
        summary: "A data source's API keys: prefix, created, last used, revoked (never the secret)",
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: z.object({ items: z.array(apiKeySchema) }) },
      },
      config: { access: { permission: 'sources:manage', resource: 'api_key' } },
    },
    async (request) => ({ items: await options.sources.listKeys(request.ctx, request.params.id) }),
  );
  app.post(
    '/api/v1/sources/:sourceId/keys/:id/revoke',
    {
      schema: {
        tags: ['hub'],
        summary: 'Revoke an API key: every request with it, and any stream it holds open, fails from now on',
        params: keyParams,
        response: { 200: apiKeySchema },
      },
      config: { access: { permission: 'sources:manage', resource: 'api_key' } },
    },
    async (request) => options.sources.revokeKey(request.ctx, request.params.sourceId, request.params.id),
  );
  app.post(
    '/api/v1/sources/:sourceId/keys/:id/rotate',
    {
      schema: {
        tags: ['hub'],
        summary: 'Rotate an API key: issue a new one (shown once) and revoke this one',
        params: keyParams,
        response: { 201: rotatedKeySchema },
      },
      config: { access: { permission: 'sources:manage', resource: 'api_key' } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await options.sources.rotateKey(request.ctx, request.params.sourceId, request.params.id)),
  );
}
