/**
 * HTTP routes of transmission chains and clusters: the clusters in the caller's area, one cluster, its
 * graph (cases, infector links, recorded contacts, places with positions) and recomputing them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listParamsSchema, pageSchema } from '@shuzhi/core';
import type { ClustersService } from './clusters.service.js';
import { clusterComputationSchema, clusterGraphSchema, clusterSchema } from './clusters.schema.js';

const tags = ['tracing'];
const idParams = z.object({ id: z.string().min(1).max(80) });

export async function clustersRoutes(
  root: FastifyInstance,
  options: { clusters: ClustersService },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { clusters } = options;

  app.get(
    '/api/v1/tracing/clusters',
    {
      schema: {
        tags,
        summary: 'Clusters of linked cases in the caller’s area: size, generations, places, timeline, growth',
        querystring: listParamsSchema.extend({ minSize: z.coerce.number().int().min(2).optional() }),
        response: { 200: pageSchema(clusterSchema) },
      },
      config: { access: { permission: 'tracing:read', resource: 'cluster', personalData: true } },
    },
    async (request) => {
      const { minSize, ...params } = request.query;
      return clusters.list(request.ctx, { minSize }, params);
    },
  );

  app.get(
    '/api/v1/tracing/clusters/:id',
    {
      schema: { tags, summary: 'One cluster', params: idParams, response: { 200: clusterSchema } },
      config: { access: { permission: 'tracing:read', resource: 'cluster', personalData: true } },
    },
    async (request) => clusters.get(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/tracing/clusters/:id/graph',
    {
      schema: {
        tags,
        summary: 'A cluster’s graph: cases with generations and probable infectors, their contacts, places',
        params: idParams,
        querystring: z.object({ limit: z.coerce.number().int().min(0).max(50_000).default(20_000) }),
        response: { 200: clusterGraphSchema },
      },
      config: { access: { permission: 'tracing:read', resource: 'cluster', personalData: true } },
    },
    async (request) => clusters.graph(request.ctx, request.params.id, request.query.limit),
  );

  app.post(
    '/api/v1/tracing/clusters/recompute',
    {
      schema: {
        tags,
        summary: 'Recompute transmission chains and clusters of every active case now',
        response: { 200: clusterComputationSchema },
      },
      config: { access: { permission: 'tracing:manage', resource: 'cluster' } },
    },
    async (request) => clusters.recompute(request.ctx),
  );
}
