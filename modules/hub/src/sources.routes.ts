/** HTTP routes for data sources. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listParamsSchema, pageSchema } from '@shuzhi/core';
import { createdSourceSchema, newSourceSchema, sourceSchema, sourceTypeSchema } from './sources.schema.js';
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
}
