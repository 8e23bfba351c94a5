/**
 * HTTP routes of indicator-based early warning: indicator series, alerts and their triage, detection
 * rules and runs, alert subscriptions and the inbox, and the command centre. Reading needs
 * `surveillance:read` (the command centre `dashboard:read`); triage, rule edits and manual runs need
 * `alerts:triage`. The gatekeeper checks and audits; handlers only call the services.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listParamsSchema, pageSchema } from '@shuzhi/core';
import {
  alertDetailSchema,
  alertListQuerySchema,
  alertSchema,
  alertTriageRequestSchema,
  detectionRuleSchema,
  notificationSchema,
  ruleUpdateSchema,
  runReportSchema,
  runRequestSchema,
  subscriptionRequestSchema,
  subscriptionSchema,
} from './alerts/alerts.schema.js';
import { dashboardQuerySchema, dashboardSchema } from './dashboard/dashboard.schema.js';
import { indicatorDefinitions, indicators } from './indicators/indicator-catalogue.js';
import {
  breakdownSchema,
  indicatorDefinitionSchema,
  indicatorSeriesSchema,
  seriesQuerySchema,
} from './indicators/indicators.schema.js';
import type { SurveillanceModule } from './surveillance.module.js';

const idParams = z.object({ id: z.string().min(1).max(80) });
const read = (resource: string) => ({ access: { permission: 'surveillance:read' as const, resource } });
const triage = (resource: string) => ({ access: { permission: 'alerts:triage' as const, resource } });
const tags = ['surveillance'];

export async function surveillanceRoutes(
  root: FastifyInstance,
  options: { surveillance: SurveillanceModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const s = options.surveillance;

  app.get(
    '/api/v1/dashboard',
    {
      schema: {
        tags,
        summary:
          'The command centre: key figures, epidemic curve, map, Rt, open alerts and signals, freshness',
        querystring: dashboardQuerySchema,
        response: { 200: dashboardSchema },
      },
      config: { access: { permission: 'dashboard:read', resource: 'dashboard' } },
    },
    async (request) => s.dashboard.overview(request.ctx, request.query.area),
  );

  app.get(
    '/api/v1/indicators',
    {
      schema: {
        tags,
        summary: 'The indicators early warning watches, with their names and where their counts come from',
        response: { 200: z.object({ items: z.array(indicatorDefinitionSchema) }) },
      },
      config: read('indicator'),
    },
    async () => ({
      items: indicators.map((code) => {
        const d = indicatorDefinitions[code];
        return {
          code,
          nameZh: d.nameZh,
          nameEn: d.nameEn,
          unitZh: d.unitZh,
          unitEn: d.unitEn,
          origin: d.origin,
          ratio: d.ratioOf !== undefined,
        };
      }),
    }),
  );
  app.get(
    '/api/v1/indicators/series',
    {
      schema: {
        tags,
        summary: 'One area’s daily series of one indicator',
        querystring: seriesQuerySchema,
        response: { 200: indicatorSeriesSchema },
      },
      config: read('indicator'),
    },
    async (request) => s.indicators.series(request.ctx, request.query),
  );
  app.get(
    '/api/v1/indicators/breakdown',
    {
      schema: {
        tags,
        summary: 'An indicator’s totals over a date range in each sub-area of an area',
        querystring: seriesQuerySchema,
        response: { 200: breakdownSchema },
      },
      config: read('indicator'),
    },
    async (request) => s.indicators.breakdown(request.ctx, request.query),
  );

  app.get(
    '/api/v1/alerts',
    {
      schema: {
        tags,
        summary: 'Alerts within your area (filter by status, area, indicator, level)',
        querystring: alertListQuerySchema,
        response: { 200: pageSchema(alertSchema) },
      },
      config: read('alert'),
    },
    async (request) => {
      const { status, area, indicator, level, ...params } = request.query;
      return s.alerts.list(
        request.ctx,
        {
          ...(status ? { status } : {}),
          ...(area ? { area } : {}),
          ...(indicator ? { indicator } : {}),
          ...(level ? { level } : {}),
        },
        params,
      );
    },
  );
  app.get(
    '/api/v1/alerts/rules',
    {
      schema: {
        tags,
        summary: 'Detection rules: algorithm, control, minimum count, level and escalation per indicator',
        response: { 200: z.object({ items: z.array(detectionRuleSchema) }) },
      },
      config: read('detection_rule'),
    },
    async () => ({ items: await s.alerts.rules() }),
  );
  app.post(
    '/api/v1/alerts/rules/:id',
    {
      schema: {
        tags,
        summary: 'Change a detection rule (only the fields sent)',
        params: idParams,
        body: ruleUpdateSchema,
        response: { 200: detectionRuleSchema },
      },
      config: triage('detection_rule'),
    },
    async (request) => s.alerts.updateRule(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/v1/alerts/detect',
    {
      schema: {
        tags,
        summary: 'Run detection now over every series (the last week up to asOf, default today)',
        body: runRequestSchema,
        response: { 200: runReportSchema },
      },
      config: triage('detection_run'),
    },
    async (request) => s.detection.run('manual', request.body.asOf ? { asOf: request.body.asOf } : {}),
  );
  app.get(
    '/api/v1/alerts/subscriptions',
    {
      schema: {
        tags,
        summary: 'Your alert subscriptions',
        response: { 200: z.object({ items: z.array(subscriptionSchema) }) },
      },
      config: read('alert_subscription'),
    },
    async (request) => ({ items: await s.subscriptions.list(request.ctx) }),
  );
  app.post(
    '/api/v1/alerts/subscriptions',
    {
      schema: {
        tags,
        summary: 'Subscribe to alerts in-app or by a signed webhook (the secret is shown once)',
        body: subscriptionRequestSchema,
        response: { 201: subscriptionSchema.extend({ secret: z.string().nullable() }) },
      },
      config: read('alert_subscription'),
    },
    async (request, reply) => reply.code(201).send(await s.subscriptions.create(request.ctx, request.body)),
  );
  app.post(
    '/api/v1/alerts/subscriptions/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel one of your alert subscriptions',
        params: idParams,
        response: { 204: z.null() },
      },
      config: read('alert_subscription'),
    },
    async (request, reply) => {
      await s.subscriptions.cancel(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/alerts/inbox',
    {
      schema: {
        tags,
        summary: 'Alerts routed to you in-app, newest first, with the number unread',
        querystring: listParamsSchema,
        response: { 200: pageSchema(notificationSchema).extend({ unread: z.number().int() }) },
      },
      config: read('alert_notification'),
    },
    async (request) =>
      s.subscriptions.inbox(request.ctx, {
        ...request.query,
        sort: request.query.sort ?? 'created',
        order: request.query.sort ? request.query.order : 'desc',
      }),
  );
  app.post(
    '/api/v1/alerts/inbox/read',
    {
      schema: {
        tags,
        summary: 'Mark notifications read',
        body: z.object({ ids: z.array(z.string().max(80)).max(500) }),
        response: { 200: z.object({ marked: z.number().int() }) },
      },
      config: read('alert_notification'),
    },
    async (request) => ({ marked: await s.subscriptions.markRead(request.ctx, request.body.ids) }),
  );
  app.get(
    '/api/v1/alerts/:id',
    {
      schema: {
        tags,
        summary:
          'One alert with its alarms, decisions, allowed transitions and the series with the detector’s bound',
        params: idParams,
        response: { 200: alertDetailSchema },
      },
      config: read('alert'),
    },
    async (request) => s.alerts.get(request.ctx, request.params.id),
  );
  app.post(
    '/api/v1/alerts/:id/triage',
    {
      schema: {
        tags,
        summary: 'Triage an alert: investigating, confirmed or dismissed, with a note',
        params: idParams,
        body: alertTriageRequestSchema,
        response: { 200: alertDetailSchema },
      },
      config: triage('alert'),
    },
    async (request) => s.alerts.triage(request.ctx, request.params.id, request.body),
  );
}
