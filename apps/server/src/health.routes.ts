/** Liveness, readiness and metrics endpoints for operators and load balancers. */
import { createHash, timingSafeEqual } from 'node:crypto';
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
  /** `SHUZHI_METRICS_TOKEN`: when non-empty, a scrape must present it as a bearer token. */
  metricsToken?: string;
}

/** Compares digests, so the time taken says nothing about how much of the token was right. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
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
      config: { access: { ownBearer: true, resource: 'metrics' } },
    },
    async (request, reply) => {
      // The figures name data sources and how busy each is: an operator may keep them for the scraper.
      const token = options.metricsToken ?? '';
      if (token !== '') {
        const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
        if (!sameToken(presented, token))
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer realm="metrics"')
            .type('text/plain')
            .send('present the metrics token (SHUZHI_METRICS_TOKEN) as a bearer token\n');
      }
      return reply.type('text/plain; version=0.0.4').send(await options.metrics.render());
    },
  );
}
