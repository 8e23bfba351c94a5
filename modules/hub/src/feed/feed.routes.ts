/**
 * The change feed over HTTP: a paged read after a cursor, a Server-Sent Events stream that resumes from
 * `Last-Event-ID`, and webhook subscriptions. Staff read it with `surveillance:read`; an external
 * consumer reads only events of the datasets its sharing agreements grant for the declared purpose.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { ChangeFeed } from './change-feed.js';
import { feedEventSchema, type FeedEvent } from './feed.schema.js';
import type { WebhooksService } from './webhooks.service.js';
import type { SharingService } from '../sharing/sharing.service.js';
import { datasetOfTopic } from '../sharing/sharing.schema.js';

export interface FeedRouteOptions {
  feed: ChangeFeed;
  webhooks: WebhooksService;
  sharing: SharingService;
  /** How often an open stream looks for new events (ms). */
  streamPollMs?: number;
}

const topicsParam = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : [],
  );

const webhookViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  topics: z.array(z.string()),
  purpose: z.string(),
  cursor: z.number(),
  status: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  delivered: z.number(),
});

export async function feedRoutes(root: FastifyInstance, options: FeedRouteOptions): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  /** The filter for this caller: staff see every event; a consumer sees its granted datasets. */
  async function visibility(request: FastifyRequest): Promise<(e: FeedEvent) => boolean> {
    const { principal, purpose } = request.ctx;
    if (principal.kind !== 'api_key') return () => true;
    const granted = await options.sharing.datasetsFor(principal, purpose);
    return (e) => {
      const dataset = datasetOfTopic(e.topic);
      return dataset !== null && granted.has(dataset);
    };
  }

  app.get(
    '/api/v1/feed',
    {
      schema: {
        tags: ['hub'],
        summary: 'Change-feed events after a cursor, in order',
        querystring: z.object({
          after: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          topics: topicsParam,
        }),
        response: { 200: z.object({ events: z.array(feedEventSchema), cursor: z.number().int() }) },
      },
      config: {
        access: {
          permission: 'surveillance:read',
          dataset: 'feed',
          personalData: true,
          resource: 'change_feed',
        },
      },
    },
    async (request) => {
      const { after, limit, topics } = request.query;
      const visible = await visibility(request);
      const events = await options.feed.read(after, limit, topics.length > 0 ? topics : undefined);
      const cursor = events.length > 0 ? events[events.length - 1]!.seq : after;
      return { events: events.filter(visible), cursor };
    },
  );

  app.get(
    '/api/v1/feed/stream',
    {
      schema: {
        tags: ['hub'],
        summary: 'Server-Sent Events stream of the change feed; resumes after Last-Event-ID or ?after=',
        querystring: z.object({ after: z.coerce.number().int().min(0).optional(), topics: topicsParam }),
      },
      config: {
        access: {
          permission: 'surveillance:read',
          dataset: 'feed',
          personalData: true,
          resource: 'change_feed',
        },
      },
    },
    async (request, reply) => {
      const lastEventId = Number(request.headers['last-event-id']);
      let cursor =
        request.query.after ?? (Number.isFinite(lastEventId) ? lastEventId : await options.feed.lastSeq());
      const topics = request.query.topics;
      const visible = await visibility(request);
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      out.write(': shuzhi change feed\n\n');
      let open = true;
      request.raw.on('close', () => (open = false));
      let idle = 0;
      while (open) {
        const events = await options.feed.read(cursor, 500, topics.length > 0 ? topics : undefined);
        for (const e of events) {
          cursor = e.seq;
          if (visible(e)) out.write(`id: ${e.seq}\nevent: ${e.topic}\ndata: ${JSON.stringify(e)}\n\n`);
        }
        if (events.length === 500) continue;
        await new Promise((r) => setTimeout(r, options.streamPollMs ?? 1000));
        idle += 1;
        if (idle % 15 === 0) out.write(': keep-alive\n\n');
      }
      out.end();
    },
  );

  app.post(
    '/api/v1/feed/webhooks',
    {
      schema: {
        tags: ['hub'],
        summary:
          'Subscribe a webhook to the change feed (for a consumer API key); the signing secret is shown once',
        body: z.object({
          url: z.string().min(1),
          topics: z.array(z.string()).default([]),
          fromSeq: z.number().int().min(0).optional(),
        }),
        response: { 201: webhookViewSchema.extend({ secret: z.string() }) },
      },
      config: { access: { permission: 'surveillance:read', dataset: 'feed', resource: 'webhook' } },
    },
    async (request, reply) => {
      const created = await options.webhooks.subscribe(request.ctx.principal, {
        ...request.body,
        purpose: request.ctx.purpose,
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/v1/feed/webhooks',
    {
      schema: {
        tags: ['hub'],
        summary: "The calling consumer's webhooks",
        response: { 200: z.object({ items: z.array(webhookViewSchema) }) },
      },
      config: { access: { permission: 'surveillance:read', dataset: 'feed', resource: 'webhook' } },
    },
    async (request) => ({ items: await options.webhooks.list(request.ctx.principal) }),
  );

  app.delete(
    '/api/v1/feed/webhooks/:id',
    {
      schema: {
        tags: ['hub'],
        summary: 'Stop a webhook',
        params: z.object({ id: z.string() }),
        response: { 204: z.null() },
      },
      config: { access: { permission: 'surveillance:read', dataset: 'feed', resource: 'webhook' } },
    },
    async (request, reply) => {
      await options.webhooks.disable(request.ctx.principal, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
