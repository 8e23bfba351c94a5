/**
 * HTTP routes of derived facts: cases (with area scope), follow-up tasks from asymptomatic detection and
 * their resolution, and a person's timeline.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listParamsSchema, pageSchema } from '@shuzhi/core';
import {
  caseSchema,
  followUpKinds,
  followUpSchema,
  resolveFollowUpSchema,
  timelineSchema,
} from './facts.schema.js';
import type { FactsService } from './facts.service.js';

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
        response: { 200: timelineSchema },
      },
      config: {
        access: { permission: 'persons:read', resource: 'person', personalData: true, dataset: 'persons' },
      },
    },
    async (request) => facts.timeline(request.ctx, request.params.id),
  );
}
