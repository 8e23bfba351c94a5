/**
 * HTTP routes of event-based surveillance. Reading signals, items and feeds needs `surveillance:read`;
 * bringing news in, registering feeds and triage need `alerts:triage` (the epidemiologist). The
 * gatekeeper checks and audits; handlers only call the services.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listParamsSchema, pageSchema } from '@shuzhi/core';
import type { SignalsModule } from './signals.module.js';
import {
  feedPollReportSchema,
  ingestReportSchema,
  mergeRequestSchema,
  newFeedSchema,
  newsBatchSchema,
  newsFeedSchema,
  newsItemSchema,
  newsListQuerySchema,
  postedNewsItemSchema,
  signalDetailSchema,
  signalFacetsSchema,
  signalListQuerySchema,
  signalSchema,
  triageRequestSchema,
} from './signals.schema.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const read = (resource: string) => ({ access: { permission: 'surveillance:read' as const, resource } });
const triage = (resource: string) => ({ access: { permission: 'alerts:triage' as const, resource } });

export async function signalsRoutes(
  root: FastifyInstance,
  options: { signals: SignalsModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { signals, news, feeds } = options.signals;

  app.get(
    '/api/v1/signals',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'Signals from the news (merged ones only when asked for)',
        querystring: signalListQuerySchema,
        response: { 200: pageSchema(signalSchema) },
      },
      config: read('signal'),
    },
    async (request) => {
      const { status, disease, lang, area, ...params } = request.query;
      return signals.listSignals(
        {
          ...(status ? { status } : {}),
          ...(disease ? { disease } : {}),
          ...(lang ? { lang } : {}),
          ...(area ? { area } : {}),
        },
        params,
      );
    },
  );
  app.get(
    '/api/v1/signals/open',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'Open signals (new or investigating), most recent events first — for the command centre',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(10) }),
        response: { 200: z.object({ items: z.array(signalSchema) }) },
      },
      config: read('signal'),
    },
    async (request) => ({ items: await signals.listOpenSignals(request.ctx, request.query.limit) }),
  );
  app.get(
    '/api/v1/signals/facets',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'Diseases of the signals, for filters',
        response: { 200: signalFacetsSchema },
      },
      config: read('signal'),
    },
    async () => ({ diseases: await signals.diseaseFacets() }),
  );
  app.get(
    '/api/v1/signals/:id',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'One signal with its triage decisions and the statuses it may move to',
        params: idParams,
        response: { 200: signalDetailSchema },
      },
      config: read('signal'),
    },
    async (request) => signals.getSignal(request.params.id),
  );
  app.get(
    '/api/v1/signals/:id/items',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'The news items of a signal, with what extraction found highlighted',
        params: idParams,
        querystring: listParamsSchema,
        response: { 200: pageSchema(newsItemSchema) },
      },
      config: read('signal'),
    },
    async (request) => signals.listSignalItems(request.params.id, request.query),
  );
  app.post(
    '/api/v1/signals/:id/triage',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'Triage a signal: investigating, confirmed or dismissed, with a note',
        params: idParams,
        body: triageRequestSchema,
        response: { 200: signalDetailSchema },
      },
      config: triage('signal'),
    },
    async (request) => signals.triage(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/v1/signals/:id/merge',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'Merge another signal into this one (one event reported as two)',
        params: idParams,
        body: mergeRequestSchema,
        response: { 200: signalDetailSchema },
      },
      config: triage('signal'),
    },
    async (request) => signals.merge(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/news',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'News items, relevant and not (both are evidence)',
        querystring: newsListQuerySchema,
        response: { 200: pageSchema(newsItemSchema) },
      },
      config: read('news_item'),
    },
    async (request) => {
      const { relevant, lang, origin, feed, ...params } = request.query;
      return news.listItems(
        {
          ...(relevant ? { relevant: relevant === 'true' } : {}),
          ...(lang ? { lang } : {}),
          ...(origin ? { origin } : {}),
          ...(feed ? { feedId: feed } : {}),
        },
        params,
      );
    },
  );
  app.post(
    '/api/v1/news',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'Bring in one news item (title and text; language detected unless given)',
        body: postedNewsItemSchema,
        response: { 201: ingestReportSchema },
      },
      config: triage('news_item'),
    },
    async (request, reply) => reply.code(201).send(await news.ingestPosted(request.ctx, request.body)),
  );
  app.post(
    '/api/v1/news/batch',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'Bring in pasted text (--- between items), JSON, RSS or Atom',
        body: newsBatchSchema,
        response: { 201: ingestReportSchema },
      },
      config: triage('news_item'),
    },
    async (request, reply) => reply.code(201).send(await news.ingestBatch(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/news/feeds',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'Registered news feeds and how their last poll went',
        querystring: listParamsSchema,
        response: { 200: pageSchema(newsFeedSchema) },
      },
      config: read('news_feed'),
    },
    async (request) => feeds.listFeeds(request.query),
  );
  app.post(
    '/api/v1/news/feeds',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'Register a feed URL (RSS, Atom or JSON) to poll',
        body: newFeedSchema,
        response: { 201: newsFeedSchema },
      },
      config: triage('news_feed'),
    },
    async (request, reply) => reply.code(201).send(await feeds.registerFeed(request.ctx, request.body)),
  );
  app.post(
    '/api/v1/news/feeds/:id/poll',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'Poll a feed now',
        params: idParams,
        response: { 200: feedPollReportSchema },
      },
      config: triage('news_feed'),
    },
    async (request) => feeds.pollFeed(request.ctx, request.params.id),
  );
  app.post(
    '/api/v1/news/feeds/:id/active',
    {
      schema: {
        tags: ['surveillance'],
        summary: 'Pause or resume polling a feed',
        params: idParams,
        body: z.object({ active: z.boolean() }),
        response: { 200: newsFeedSchema },
      },
      config: triage('news_feed'),
    },
    async (request) => feeds.setActive(request.params.id, request.body.active),
  );
}
