/** Liveness, readiness and metrics endpoints for operators and load balancers. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping, type Database } from '@shuzhi/db';
import type { Metrics } from './metrics.js';

export interface HealthRouteOptions {
  database: Database;
  metrics: Metrics;
  version: string;
  /** False while shutting down: readiness fails so load balancers stop sending traffic. */
  isAcceptingTraffic: () => boolean;
}

export async function healthRoutes(root: FastifyInstance, options: HealthRouteOptions): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up',
        response: { 200: z.object({ status: z.literal('ok'), version: z.string() }) },
      },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const, version: options.version }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers and the process accepts traffic',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string() }),
          503: z.object({ status: z.literal('not_ready'), reason: z.string() }),
        },
      },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      if (!options.isAcceptingTraffic())
        return reply.code(503).send({ status: 'not_ready' as const, reason: 'shutting down' });
      if (!(await ping(options.database)))
        return reply.code(503).send({ status: 'not_ready' as const, reason: 'database unreachable' });
      return { status: 'ready' as const, database: options.database.dialect };
    },
  );
  app.get(
    '/metrics',
    {
      schema: { tags: ['operations'], summary: 'Prometheus metrics (text format 0.0.4)', hide: true },
      logLevel: 'warn',
    },
    async (_request, reply) => reply.type('text/plain; version=0.0.4').send(await options.metrics.render()),
  );
}
