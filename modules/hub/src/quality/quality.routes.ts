/** HTTP route of the data-sources page: sources with the freshness and quality of their feeds. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listParamsSchema, pageSchema } from '@shuzhi/core';
import { sourceQualitySchema } from './quality.schema.js';
import type { QualityService } from './quality.service.js';

export async function qualityRoutes(
  root: FastifyInstance,
  options: { quality: QualityService },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/sources/quality',
    {
      schema: {
        tags: ['hub'],
        summary:
          'Data sources with their last record, records today, rejection rate, typical delay and silence warning',
        querystring: listParamsSchema,
        response: { 200: pageSchema(sourceQualitySchema) },
      },
      config: { access: { permission: 'sources:read', resource: 'source' } },
    },
    async (request) => options.quality.listSourceQuality(request.ctx, request.query),
  );
}
