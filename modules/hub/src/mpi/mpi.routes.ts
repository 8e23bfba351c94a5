/**
 * HTTP routes of the master person index: person search and detail (`persons:read`), the linkage review
 * queue, merge, unmerge and split, and the linkage export (`persons:merge`). Personal data is masked per
 * the caller's role or sharing agreement in the service.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listParamsSchema, pageSchema } from '@shuzhi/core';
import {
  linkageExportSchema,
  mergeRequestSchema,
  mergeSchema,
  personDetailSchema,
  personSummarySchema,
  reviewDecisionSchema,
  reviewSchema,
  splitRequestSchema,
  unmergeRequestSchema,
} from './mpi.schema.js';
import type { MpiService } from './mpi.service.js';

export async function mpiRoutes(root: FastifyInstance, options: { mpi: MpiService }): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { mpi } = options;
  const idParams = z.object({ id: z.string().min(1).max(100) });

  app.get(
    '/api/v1/persons',
    {
      schema: {
        tags: ['hub'],
        summary: 'Search persons (master person index) by name or id (q) or an identifier value',
        querystring: listParamsSchema.extend({ identifier: z.string().max(100).optional() }),
        response: { 200: pageSchema(personSummarySchema) },
      },
      config: {
        access: { permission: 'persons:read', resource: 'person', personalData: true, dataset: 'persons' },
      },
    },
    async (request) => mpi.searchPersons(request.ctx, request.query),
  );

  app.get(
    '/api/v1/persons/:id',
    {
      schema: {
        tags: ['hub'],
        summary: 'A person with every linked source record and merge (a merged id shows the survivor)',
        params: idParams,
        response: { 200: personDetailSchema },
      },
      config: {
        access: { permission: 'persons:read', resource: 'person', personalData: true, dataset: 'persons' },
      },
    },
    async (request) => mpi.getPerson(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/linkage/reviews',
    {
      schema: {
        tags: ['hub'],
        summary: 'The linkage review queue: uncertain pairs with the per-field explanation',
        querystring: listParamsSchema.extend({
          status: z.enum(['open', 'merged', 'distinct', 'superseded']).optional(),
        }),
        response: { 200: pageSchema(reviewSchema) },
      },
      config: {
        access: {
          permission: 'persons:merge',
          resource: 'linkage_review',
          personalData: true,
          // `q` matches record keys, whose source record number is often the ID number itself.
          searches: { params: { q: ['identifiers'] } },
        },
      },
    },
    async (request) => {
      const { status, ...params } = request.query;
      return mpi.listReviews(request.ctx, status, params);
    },
  );

  app.get(
    '/api/v1/linkage/reviews/:id',
    {
      schema: {
        tags: ['hub'],
        summary: 'One review pair',
        params: idParams,
        response: { 200: reviewSchema },
      },
      config: { access: { permission: 'persons:merge', resource: 'linkage_review', personalData: true } },
    },
    async (request) => mpi.getReview(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/linkage/reviews/:id/decision',
    {
      schema: {
        tags: ['hub'],
        summary: 'Decide a review pair: merge (the same person) or distinct (not the same)',
        params: idParams,
        body: reviewDecisionSchema,
        response: { 200: reviewSchema },
      },
      config: { access: { permission: 'persons:merge', resource: 'linkage_review', personalData: true } },
    },
    async (request) => mpi.decideReview(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/linkage/merges',
    {
      schema: {
        tags: ['hub'],
        summary: 'Merge two persons: mergedId then resolves to survivorId (undoable)',
        body: mergeRequestSchema,
        response: { 201: mergeSchema },
      },
      config: { access: { permission: 'persons:merge', resource: 'person_merge' } },
    },
    async (request, reply) => {
      const merge = await mpi.merge(request.ctx, request.body);
      request.auditDetail = { mergeId: merge.id, survivorId: merge.survivorId, mergedId: merge.mergedId };
      return reply.code(201).send(merge);
    },
  );

  app.post(
    '/api/v1/linkage/merges/:id/undo',
    {
      schema: {
        tags: ['hub'],
        summary: 'Undo a merge: the merged person and its records stand alone again',
        params: idParams,
        body: unmergeRequestSchema,
        response: { 200: mergeSchema },
      },
      config: { access: { permission: 'persons:merge', resource: 'person_merge' } },
    },
    async (request) => mpi.unmerge(request.ctx, request.params.id, request.body.reason),
  );

  app.post(
    '/api/v1/linkage/splits',
    {
      schema: {
        tags: ['hub'],
        summary: 'Split a wrongly linked source record off its person into a new person',
        body: splitRequestSchema,
        response: { 201: personDetailSchema },
      },
      config: { access: { permission: 'persons:merge', resource: 'person_merge', personalData: true } },
    },
    async (request, reply) => {
      const person = await mpi.split(request.ctx, request.body.recordKey, request.body.reason);
      // The audit names the split and both persons by platform ids (a record key may hold an ID number).
      const split = person.splits.find((s) => s.toPersonId === person.id);
      request.auditDetail = {
        splitId: split?.id ?? null,
        fromPersonId: split?.fromPersonId ?? null,
        toPersonId: person.id,
      };
      return reply.code(201).send(person);
    },
  );

  app.get(
    '/api/v1/linkage/export',
    {
      schema: {
        tags: ['hub'],
        summary: 'The master person index: each person with the source record identifiers linked to them',
        response: { 200: linkageExportSchema },
      },
      config: { access: { permission: 'persons:merge', resource: 'linkage_export', personalData: true } },
    },
    async () => mpi.exportLinkage(),
  );
}
