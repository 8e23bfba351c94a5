/**
 * HTTP routes of derived facts: cases (with area scope), follow-up tasks from asymptomatic detection and
 * their resolution, and a person's timeline.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listParamsSchema, maskIdentifier, pageSchema, type SensitiveField } from '@shuzhi/core';
import {
  caseSchema,
  followUpKinds,
  followUpSchema,
  resolveFollowUpSchema,
  submittedPersonSchema,
  submittedTimelineSchema,
  timelineKinds,
  timelineSchema,
  type Timeline,
} from './facts.schema.js';
import type { FactsService } from './facts.service.js';
import { timelineSectionDatasets } from '../sharing/sharing.schema.js';

/** A timeline section a consumer does not see, and why (the same list whatever the person's record holds). */
const withheldSectionSchema = z.object({
  section: z.string(),
  dataset: z.string().nullable(),
  reason: z.string(),
});

/** Datasets the timeline's sections come from, besides `persons` (the person, linkage and merges). */
const timelinePartDatasets = [...new Set(Object.values(timelineSectionDatasets))].filter(
  (d) => d !== 'persons',
);

/** Sections a timeline may hold, including those of no shareable dataset (inbound arrivals). */
const timelineSections = [...new Set<string>([...timelineKinds, ...Object.keys(timelineSectionDatasets)])];

export async function factsRoutes(root: FastifyInstance, options: { facts: FactsService }): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { facts } = options;
  const idParams = z.object({ id: z.string().min(1).max(100) });
  const instant = z.iso.datetime({ offset: true });

  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['hub'],
        summary: 'Cases derived from diagnoses and results (confirmed, asymptomatic, suspected)',
        querystring: listParamsSchema.extend({
          classification: z.enum(['confirmed', 'asymptomatic', 'suspected']).optional(),
          status: z.enum(['active', 'merged', 'retracted']).optional(),
          from: instant.optional(),
          to: instant.optional(),
        }),
        response: { 200: pageSchema(caseSchema) },
      },
      config: {
        access: { permission: 'persons:read', resource: 'case', personalData: true, dataset: 'cases' },
      },
    },
    async (request) => {
      const { classification, status, from, to, ...params } = request.query;
      return facts.listCases(
        request.ctx,
        {
          ...(classification ? { classification } : {}),
          ...(status ? { status } : {}),
          ...(from ? { from: new Date(from).toISOString() } : {}),
          ...(to ? { to: new Date(to).toISOString() } : {}),
        },
        params,
      );
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      schema: { tags: ['hub'], summary: 'One case', params: idParams, response: { 200: caseSchema } },
      config: {
        access: { permission: 'persons:read', resource: 'case', personalData: true, dataset: 'cases' },
      },
    },
    async (request) => facts.getCase(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/follow-ups',
    {
      schema: {
        tags: ['hub'],
        summary:
          'Follow-up tasks of asymptomatic detection: positive results without a case report, fever-clinic visits without a test',
        querystring: listParamsSchema.extend({
          status: z.enum(['open', 'resolved']).optional(),
          kind: z.enum(followUpKinds).optional(),
        }),
        response: { 200: pageSchema(followUpSchema) },
      },
      config: { access: { permission: 'persons:read', resource: 'follow_up', personalData: true } },
    },
    async (request) => {
      const { status, kind, ...params } = request.query;
      return facts.listFollowUps(
        request.ctx,
        { ...(status ? { status } : {}), ...(kind ? { kind } : {}) },
        params,
      );
    },
  );

  app.post(
    '/api/v1/follow-ups/:id/resolve',
    {
      schema: {
        tags: ['hub'],
        summary: 'Resolve a follow-up task with what was found',
        params: idParams,
        body: resolveFollowUpSchema,
        response: { 200: followUpSchema },
      },
      config: { access: { permission: 'persons:read', resource: 'follow_up' } },
    },
    async (request) => facts.resolveFollowUp(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/persons/:id/timeline',
    {
      schema: {
        tags: ['hub'],
        summary:
          'A person’s timeline: results, visits, diagnoses, vaccinations, arrivals, case, follow-ups, linkage',
        params: idParams,
        response: { 200: timelineSchema.extend({ withheld: z.array(withheldSectionSchema) }) },
      },
      config: {
        access: {
          permission: 'persons:read',
          resource: 'person',
          personalData: true,
          dataset: 'persons',
          partDatasets: timelinePartDatasets,
        },
      },
    },
    async (request) =>
      withholdUngranted(
        maskRecordKeys(await facts.timeline(request.ctx, request.params.id), request.ctx.disclosed),
        request.ctx.datasets,
        { purpose: request.ctx.purpose },
      ),
  );

  // A data source reads back its own submissions (its API key, or an account bound to it). No dataset: these
  // are not reads of shared data under an agreement, and the service reads only the caller's source's rows.
  app.get(
    '/api/v1/submissions/persons',
    {
      schema: {
        tags: ['hub'],
        summary:
          'For a data source: the persons it submitted records about, as its records state them; q: its record number, an ID number or a name',
        querystring: listParamsSchema,
        response: { 200: pageSchema(submittedPersonSchema) },
      },
      config: {
        access: {
          permission: 'submissions:read',
          resource: 'person',
          personalData: true,
          ownSubmissions: true,
        },
      },
    },
    async (request) => facts.submissions.persons(request.ctx, request.query),
  );

  app.get(
    '/api/v1/submissions/persons/:id/timeline',
    {
      schema: {
        tags: ['hub'],
        summary:
          'For a data source: its own results, visits, diagnoses and vaccinations about a person (no other source’s data, no derived case)',
        params: idParams,
        response: { 200: submittedTimelineSchema },
      },
      config: {
        access: {
          permission: 'submissions:read',
          resource: 'person',
          personalData: true,
          ownSubmissions: true,
        },
      },
    },
    async (request) => facts.submissions.timeline(request.ctx, request.params.id),
  );
}

/**
 * A consumer's timeline holds only the sections its agreements grant: a `persons` agreement alone shows the
 * person, not their results, diagnoses, case or whereabouts. Staff (no `granted` set) see every section. The
 * withheld list names every section not granted, whether or not the person has entries in it, so it says
 * nothing about the record.
 */
function withholdUngranted(
  timeline: Timeline,
  granted: ReadonlySet<string> | undefined,
  options: { purpose: string },
): Timeline & { withheld: z.infer<typeof withheldSectionSchema>[] } {
  if (!granted) return { ...timeline, withheld: [] };
  const visible = (kind: string) => {
    const dataset = timelineSectionDatasets[kind];
    return dataset !== undefined && granted.has(dataset);
  };
  const withheld = timelineSections
    .filter((section) => !visible(section))
    .map((section) => {
      const dataset = timelineSectionDatasets[section] ?? null;
      return {
        section,
        dataset,
        reason: dataset
          ? `no active data-sharing agreement grants dataset ${dataset} for purpose ${options.purpose}`
          : 'not part of any dataset shared with consumers',
      };
    });
  const entries = timeline.entries.filter((e) => visible(e.kind));
  return {
    ...timeline,
    entries,
    case: visible('case') ? timeline.case : null,
    // Only the sources of what is shown: the others would say who holds withheld records about the person.
    sources: timeline.sources.filter((s) => entries.some((e) => e.sourceId === s.id)),
    withheld,
  };
}

/**
 * A linked record's key is `source|record id`, and a source's record id is an identifier (a hospital's
 * record number, or for a CSV import the person's ID number itself): masked unless identifiers are disclosed.
 */
function maskRecordKeys(timeline: Timeline, disclosed: ReadonlySet<SensitiveField>): Timeline {
  if (disclosed.has('identifiers')) return timeline;
  return {
    ...timeline,
    entries: timeline.entries.map((e) => {
      const key = e.detail['recordKey'];
      if ((e.kind !== 'record-linked' && e.kind !== 'split') || typeof key !== 'string') return e;
      const cut = key.indexOf('|');
      const masked =
        cut < 0 ? maskIdentifier(key) : `${key.slice(0, cut)}|${maskIdentifier(key.slice(cut + 1))}`;
      return { ...e, detail: { ...e.detail, recordKey: masked } };
    }),
  };
}
