/**
 * The change feed over HTTP: a paged read after a cursor, a Server-Sent Events stream that resumes from
 * `Last-Event-ID`, and webhook subscriptions. Staff read it with `surveillance:read`; an external
 * consumer reads only events of the datasets its sharing agreements grant for the declared purpose. Either
 * sees only events inside its area (a district's consumer or official: that district's events; events with
 * no area only a city-wide reader, see `event-area.ts`). An open
 * stream checks its caller again on every poll: a revoked key or agreement, or an ended session, ends it.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, refusalIssue, type SensitiveField } from '@shuzhi/core';
import { SESSION_COOKIE, type AccessContext, type AuthService } from '@shuzhi/identity';

import type { ChangeFeed } from './change-feed.js';
import { disclosedEvent } from './disclosed-event.js';
import { isEventWithinArea } from './event-area.js';
import { TimeSlices } from './time-slices.js';
import { feedEventSchema, type FeedEvent } from './feed.schema.js';
import { pauseCauses, type PauseCause, type WebhooksService } from './webhooks.service.js';
import type { SharingService } from '../sharing/sharing.service.js';
import { datasetOfTopic, topicDatasets } from '../sharing/sharing.schema.js';

export interface FeedRouteOptions {
  feed: ChangeFeed;
  webhooks: WebhooksService;
  sharing: SharingService;
  /**
   * Resolves a staff caller's session again on each poll of an open stream, so signing out, expiry or a
   * disabled account ends it. Every deployment passes it; without it a staff stream is never re-checked.
   */
  sessions?: Pick<AuthService, 'resolveSession'>;
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
  createdByKey: z.string().nullable(),
  pausedReason: z.string().nullable(),
  pausedReasonZh: z.string().nullable(),
  pausedCause: z.enum(Object.keys(pauseCauses) as [PauseCause, ...PauseCause[]]).nullable(),
  pausedAt: z.string().nullable(),
  createdAt: z.string(),
});

/** The session token a staff request signed in with (bearer or cookie), to resolve again while it streams. */
function sessionTokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.toLowerCase().startsWith('bearer ')) return header.slice(7).trim();
  // `cookies` comes from @fastify/cookie, which the server registers (the hub does not depend on it).
  const { cookies } = request as FastifyRequest & { cookies?: Record<string, string | undefined> };
  return cookies?.[SESSION_COOKIE] ?? null;
}

/** An event as the caller may see it (its record ids masked as its disclosure says), or null: not for it. */
export type FeedView = (e: FeedEvent) => FeedEvent | null;

/**
 * What a caller may see now: staff every event in their area, as their role discloses it; a consumer the
 * events of the datasets its active agreements grant for the purpose, in its area, as the agreements covering
 * the feed disclose it. Null when a consumer no longer holds the `feed` dataset itself (revoked or expired):
 * an open stream must stop at once, not at the next reconnect.
 */
export async function feedView(
  sharing: SharingService,
  ctx: Pick<AccessContext, 'principal' | 'purpose' | 'disclosed'>,
): Promise<FeedView | null> {
  const { principal, purpose } = ctx;
  const inArea = (e: FeedEvent) => isEventWithinArea(e.areaCode, principal.areaCode);
  if (principal.kind !== 'api_key')
    return (e) => (inArea(e) ? disclosedEvent(e, ctx.disclosed as ReadonlySet<SensitiveField>) : null);
  const grant = await sharing.findGrant(principal, 'feed', purpose);
  if (!grant) return null;
  const granted = await sharing.datasetsFor(principal, purpose);
  const disclosed = new Set<SensitiveField>(grant.fields);
  return (e) => {
    const dataset = datasetOfTopic(e.topic);
    return dataset !== null && granted.has(dataset) && inArea(e) ? disclosedEvent(e, disclosed) : null;
  };
}

/**
 * A consumer's read as its audit entry should name it: the feed and the datasets it carried, under every
 * agreement granting one of them (the gatekeeper found only the feed's own grant). Staff reads are unchanged.
 */
async function readUnder(
  sharing: SharingService,
  ctx: AccessContext,
  carried: Iterable<string>,
): Promise<AccessContext> {
  if (ctx.principal.kind !== 'api_key') return ctx;
  const datasets = new Set(['feed', ...[...carried].sort()]);
  const agreementId = await sharing.agreementsFor(ctx.principal, ctx.purpose, datasets);
  return { ...ctx, datasets, ...(agreementId ? { agreementId } : {}) };
}

/** Where a stream starts: after `Last-Event-ID` (a reconnecting EventSource resends its first URL, so the
 * header is the newer cursor), else after `?after=`, else at the end of the feed. */
function streamStart(lastEventId: string | string[] | undefined, after: number | undefined): number | null {
  const header = typeof lastEventId === 'string' ? lastEventId.trim() : '';
  if (/^\d+$/.test(header)) return Number(header);
  return after ?? null;
}

export async function feedRoutes(root: FastifyInstance, options: FeedRouteOptions): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  async function viewOf(request: FastifyRequest): Promise<FeedView> {
    const view = await feedView(options.sharing, request.ctx);
    // The gatekeeper found a grant a moment ago; it was revoked in between.
    if (!view) {
      const issue = refusalIssue('agreement-none', { dataset: 'feed', purpose: request.ctx.purpose });
      throw new AppError('forbidden', issue.reason, { issues: [issue] });
    }
    return view;
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
      const view = await viewOf(request);
      const events = await options.feed.read(after, limit, topics.length > 0 ? topics : undefined);
      const cursor = events.length > 0 ? events[events.length - 1]!.seq : after;
      const shown = events.flatMap((e) => view(e) ?? []);
      request.ctx = await readUnder(
        options.sharing,
        request.ctx,
        shown.flatMap((e) => datasetOfTopic(e.topic) ?? []),
      );
      return { events: shown, cursor };
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
      const { principal } = request.ctx;
      let cursor =
        streamStart(request.headers['last-event-id'], request.query.after) ?? (await options.feed.lastSeq());
      const topics = request.query.topics.length > 0 ? request.query.topics : undefined;
      let view = await viewOf(request);
      // What the stream may carry is what the agreements grant as it opens; its audit entry names them all.
      if (principal.kind === 'api_key') {
        const granted = await options.sharing.datasetsFor(principal, request.ctx.purpose);
        const carried = Object.values(topicDatasets).filter((d) => granted.has(d));
        request.ctx = await readUnder(options.sharing, request.ctx, carried);
      }
      // The stream is sent as a reply (not hijacked) so the gatekeeper's onSend hook audits this read of
      // personal data like any other, with its purpose and agreement, before the first event leaves.
      const out = new PassThrough();
      let open = true;
      const close = () => {
        open = false;
      };
      reply.raw.on('close', close);
      out.on('close', close);
      const pollMs = options.streamPollMs ?? 1000;
      const sessionToken = principal.kind === 'user' ? sessionTokenOf(request) : null;
      /** Why the caller may no longer read the stream, or null while it still may. */
      const callerEnded = async (): Promise<string | null> => {
        if (principal.kind === 'api_key') {
          if (!(await options.sharing.consumerKeyActive(principal))) return 'the API key was revoked';
          if (principal.sourceId && !(await options.sharing.consumerSourceActive(principal.sourceId)))
            return `data source ${principal.sourceId} was disabled`;
          return null;
        }
        if (principal.kind !== 'user' || !options.sessions) return null;
        const session = sessionToken ? await options.sessions.resolveSession(sessionToken) : undefined;
        const now = session?.principal;
        if (!now || now.id !== principal.id)
          return 'the session ended (signed out, expired, or the account was disabled)';
        // A changed role or area changes what the stream may show: the reconnect opens it under the new one.
        if (now.role !== principal.role || now.areaCode !== principal.areaCode)
          return "the account's role or area changed";
        return null;
      };
      // Waits while a slow client's buffer is full, so a long backlog is not held in memory.
      const write = async (text: string) => {
        if (out.write(text) || !open) return;
        await new Promise<void>((resolve) => {
          const done = () => {
            out.off('drain', done);
            out.off('close', done);
            resolve();
          };
          out.on('drain', done);
          out.on('close', done);
        });
      };
      const pump = async () => {
        await write(': shuzhi change feed\n\n');
        let idle = 0;
        // A reader far behind (or one that sees few of the events it reads) would otherwise run through the
        // whole backlog without giving the event loop back on SQLite.
        const slices = new TimeSlices();
        while (open) {
          const events = await options.feed.read(cursor, 500, topics);
          if (!open) break;
          // The caller is checked again, as the gatekeeper checked it when the stream opened, after each read
          // and before its events are written: an event read after a key was revoked or a session ended is
          // never sent (checked before the read, one published just after the revocation could slip through).
          // A revoked key or an ended session ends the stream at once (the reconnect then gets 401).
          const ended = await callerEnded();
          if (ended) {
            await write(`event: revoked\ndata: ${JSON.stringify({ detail: ended })}\n\n`);
            break;
          }
          // A revoked or expired agreement ends the stream at once; the client's reconnect then gets 403.
          const now = await feedView(options.sharing, request.ctx);
          if (!now) {
            await write(
              'event: revoked\ndata: {"detail":"no active data-sharing agreement covers dataset feed"}\n\n',
            );
            break;
          }
          view = now;
          for (const e of events) {
            cursor = e.seq;
            const seen = view(e);
            if (seen) await write(`id: ${e.seq}\nevent: ${e.topic}\ndata: ${JSON.stringify(seen)}\n\n`);
          }
          await slices.boundary();
          if (events.length < 500) {
            await new Promise((r) => setTimeout(r, pollMs));
            idle += 1;
            if (idle % 15 === 0) await write(': keep-alive\n\n');
          }
        }
        out.end();
      };
      pump().catch((error: unknown) => {
        request.log.error({ err: error }, 'change-feed stream failed');
        out.destroy();
      });
      return reply
        .headers({
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        })
        .send(out);
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

  app.post(
    '/api/v1/feed/webhooks/:id/resume',
    {
      schema: {
        tags: ['hub'],
        summary:
          'Resume a paused webhook under the calling API key (after its key was revoked or rotated, or its agreement renewed); delivery goes on from its cursor',
        params: z.object({ id: z.string() }),
        response: { 200: webhookViewSchema },
      },
      config: { access: { permission: 'surveillance:read', dataset: 'feed', resource: 'webhook' } },
    },
    async (request) => options.webhooks.resume(request.ctx.principal, request.params.id),
  );

  app.get(
    '/api/v1/sharing/consumers/:id/webhooks',
    {
      schema: {
        tags: ['hub'],
        summary:
          "A consumer's webhooks for the officer reviewing its agreements: URL, the key that subscribed, status and why paused",
        params: z.object({ id: z.string() }),
        response: { 200: z.object({ items: z.array(webhookViewSchema) }) },
      },
      config: { access: { permission: 'sharing:read', resource: 'webhook' } },
    },
    async (request) => ({ items: await options.webhooks.listOfSource(request.params.id) }),
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
