/**
 * HTTP routes of contact tracing: cases with their traces, a case's contacts and graph, tracing by hand,
 * exposures from interviews, the task board, and `GET /api/v1/tracing/trace` (the `shuzhi trace --json`
 * output over HTTP). Reading needs `tracing:read`, acting `tracing:manage`; the gatekeeper checks purpose
 * and area and audits every write and every read of personal data.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { disclose, listParamsSchema, pageSchema } from '@shuzhi/core';
import type { TracingModule } from '../tracing.module.js';
import { toRun } from './task-board.service.js';
import { clustersRoutes } from '../clusters/clusters.routes.js';
import {
  assignTaskSchema,
  caseGraphSchema,
  caseWithTraceSchema,
  contactSchema,
  indexStatusSchema,
  interviewExposureSchema,
  moveTaskSchema,
  noteTaskSchema,
  runSchema,
  taskDetailSchema,
  taskHistorySchema,
  taskSchema,
  taskStatuses,
} from './workflow.schema.js';

const tags = ['tracing'];
const idParams = z.object({ id: z.string().min(1).max(80) });
const personParams = z.object({ personId: z.string().min(1).max(80) });
const degree = z.coerce
  .number()
  .int()
  .pipe(z.union([z.literal(1), z.literal(2)]));
const instant = z.iso.datetime({ offset: true });
const read = (resource: string, personalData = true) => ({
  access: { permission: 'tracing:read' as const, resource, personalData },
});
const manage = (resource: string) => ({ access: { permission: 'tracing:manage' as const, resource } });

export async function tracingRoutes(
  root: FastifyInstance,
  options: { tracing: TracingModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const t = options.tracing;
  await clustersRoutes(root, { clusters: t.clusters });

  app.get(
    '/api/v1/tracing/status',
    {
      schema: {
        tags,
        summary: 'The presence index of this server: loaded, its size',
        response: { 200: indexStatusSchema },
      },
      config: read('tracing_index', false),
    },
    async () => {
      const s = t.live.status();
      return {
        state: s.state,
        builtAt: s.builtAt,
        buildMs: s.buildMs,
        batches: s.batches,
        skippedRows: s.skippedRows,
        persons: s.stats?.persons ?? null,
        checkIns: s.stats?.checkIns ?? null,
        trips: s.stats?.trips ?? null,
        stays: s.stats?.stays ?? null,
        householdMemberships: s.stats?.householdMemberships ?? null,
        typedArrayBytes: s.stats?.typedArrayBytes ?? null,
      };
    },
  );

  app.get(
    '/api/v1/tracing/trace',
    {
      schema: {
        tags,
        summary:
          'One person’s close and secondary contacts by the contact definition, exactly as `shuzhi trace --json` prints them (streamed)',
        querystring: z.object({
          case: z.string().min(1).max(80),
          from: instant.optional(),
          to: instant.optional(),
          minOverlap: z.coerce.number().min(0).max(1440).optional(),
        }),
      },
      config: read('contact_trace'),
    },
    async (request, reply) => {
      const q = request.query;
      const run = await t.trace.trace(request.ctx, {
        subject: q.case,
        from: q.from === undefined ? undefined : Date.parse(q.from),
        to: q.to === undefined ? undefined : Date.parse(q.to),
        minOverlapMinutes: q.minOverlap,
      });
      const disclosed = request.ctx.disclosed.has('identifiers');
      const pieces = t.trace.json(run);
      // Ids as imported are personal identifiers: a caller who may not see them gets them masked.
      const masked = disclosed
        ? pieces
        : maskIds(pieces, (id) => disclose(request.ctx.disclosed, 'identifiers', id));
      return reply.type('application/json').send(Readable.from(masked));
    },
  );

  app.get(
    '/api/v1/tracing/cases',
    {
      schema: {
        tags,
        summary: 'Active cases in the caller’s area with their latest trace',
        querystring: listParamsSchema,
        response: { 200: pageSchema(caseWithTraceSchema) },
      },
      config: read('case'),
    },
    async (request) => t.cases.listCases(request.ctx, request.query),
  );

  app.get(
    '/api/v1/tracing/cases/:personId',
    {
      schema: {
        tags,
        summary: 'A case with its latest trace and report',
        params: personParams,
        response: { 200: caseWithTraceSchema },
      },
      config: read('case'),
    },
    async (request) => t.cases.getCase(request.ctx, request.params.personId),
  );

  app.get(
    '/api/v1/tracing/cases/:personId/runs',
    {
      schema: {
        tags,
        summary: 'The traces of a case, latest first',
        params: personParams,
        response: { 200: z.object({ items: z.array(runSchema) }) },
      },
      config: read('contact_trace', false),
    },
    async (request) => ({ items: await t.tasks.runsOf(request.ctx, request.params.personId) }),
  );

  app.post(
    '/api/v1/tracing/cases/:personId/runs',
    {
      schema: {
        tags,
        summary: 'Trace a case now (its contacts and tasks are recorded)',
        params: personParams,
        response: { 200: runSchema },
      },
      config: manage('contact_trace'),
    },
    async (request) =>
      toRun(
        await t.workflow.traceCase(request.ctx, { personId: request.params.personId, trigger: 'manual' }),
      ),
  );

  app.get(
    '/api/v1/tracing/cases/:personId/contacts',
    {
      schema: {
        tags,
        summary: 'The recorded contacts of a case, with degree, exposures and task status',
        params: personParams,
        querystring: listParamsSchema.extend({ degree: degree.optional() }),
        response: { 200: pageSchema(contactSchema) },
      },
      config: read('contact'),
    },
    async (request) => {
      const { degree: d, ...params } = request.query;
      return t.tasks.listContacts(request.ctx, request.params.personId, { degree: d }, params);
    },
  );

  app.get(
    '/api/v1/tracing/cases/:personId/graph',
    {
      schema: {
        tags,
        summary:
          'The contact graph of a case (case → close → secondary contacts) and the places, for the map',
        params: personParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(50_000).default(5000) }),
        response: { 200: caseGraphSchema },
      },
      config: read('contact'),
    },
    async (request) => t.cases.graph(request.ctx, request.params.personId, request.query.limit),
  );

  app.post(
    '/api/v1/tracing/cases/:personId/exposures',
    {
      schema: {
        tags,
        summary: 'Add an exposure learned in an interview: a contact the data did not show',
        params: personParams,
        body: interviewExposureSchema,
        response: { 200: z.object({ contactId: z.string() }) },
      },
      config: manage('contact'),
    },
    async (request) => ({
      contactId: await t.workflow.addInterviewExposure(request.ctx, request.params.personId, request.body),
    }),
  );

  app.get(
    '/api/v1/tracing/tasks',
    {
      schema: {
        tags,
        summary: 'Tracing tasks in the caller’s area (the task board)',
        querystring: listParamsSchema.extend({
          status: z.enum(taskStatuses).optional(),
          degree: degree.optional(),
          assignee: z.string().max(100).optional(),
        }),
        response: { 200: pageSchema(taskSchema) },
      },
      // `q` matches the task's person reference, which may be an ID number.
      config: { access: { ...read('tracing_task').access, searches: { params: { q: ['identifiers'] } } } },
    },
    async (request) => {
      const { status, degree: d, assignee, ...params } = request.query;
      return t.tasks.listTasks(request.ctx, { status, degree: d, assignee }, params);
    },
  );

  app.get(
    '/api/v1/tracing/tasks/counts',
    {
      schema: {
        tags,
        summary: 'Tracing tasks per status in the caller’s area',
        response: { 200: z.record(z.enum(taskStatuses), z.number().int()) },
      },
      config: read('tracing_task', false),
    },
    async (request) => t.tasks.counts(request.ctx),
  );

  app.get(
    '/api/v1/tracing/tasks/:id',
    {
      schema: {
        tags,
        summary: 'A tracing task with its history and contacts',
        params: idParams,
        response: { 200: taskDetailSchema },
      },
      config: read('tracing_task'),
    },
    async (request) => t.tasks.getTask(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/tracing/tasks/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a task to its next step',
        params: idParams,
        body: moveTaskSchema,
        response: { 200: taskSchema },
      },
      config: manage('tracing_task'),
    },
    async (request) => t.tasks.move(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/tracing/tasks/:id/assign',
    {
      schema: {
        tags,
        summary: 'Assign a task (or unassign it with null)',
        params: idParams,
        body: assignTaskSchema,
        response: { 200: taskSchema },
      },
      config: manage('tracing_task'),
    },
    async (request) => t.tasks.assign(request.ctx, request.params.id, request.body.assignee),
  );

  app.post(
    '/api/v1/tracing/tasks/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a note to a task',
        params: idParams,
        body: noteTaskSchema,
        response: { 200: taskHistorySchema },
      },
      config: manage('tracing_task'),
    },
    async (request) => t.tasks.addNote(request.ctx, request.params.id, request.body.note),
  );
}

/** Masks `person_id` and `via` values in the streamed trace output (each piece is whole JSON values). */
function* maskIds(pieces: Iterable<string>, mask: (id: string) => string): Generator<string> {
  for (const piece of pieces)
    yield piece.replace(
      /"(person_id|via)":"((?:[^"\\]|\\.)*)"/g,
      (_m, key: string, id: string) => `"${key}":${JSON.stringify(mask(JSON.parse(`"${id}"`) as string))}`,
    );
}
