/** HTTP routes to create, review and revoke data-sharing agreements, and to see what consumers read. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listParamsSchema, pageSchema, schemaMessage } from '@shuzhi/core';
import type { IdentityModule } from '@shuzhi/identity';
import { agreementSchema, newAgreementSchema } from './sharing.schema.js';
import type { SharingService } from './sharing.service.js';
import { webhookAuditActor } from '../feed/webhooks.service.js';

const accessEntrySchema = z.object({
  at: z.string(),
  actorId: z.string(),
  purpose: z.string(),
  action: z.string(),
  resourceType: z.string(),
  outcome: z.string(),
  detail: z.unknown(),
});

export async function sharingRoutes(
  root: FastifyInstance,
  options: { sharing: SharingService; identity: IdentityModule },
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/sharing/agreements',
    {
      schema: {
        tags: ['hub'],
        summary: 'Data-sharing agreements (newest first)',
        querystring: listParamsSchema.extend({ consumer: z.string().optional() }),
        response: { 200: pageSchema(agreementSchema) },
      },
      config: { access: { permission: 'sharing:read', resource: 'sharing_agreement' } },
    },
    async (request) => {
      const { consumer, ...params } = request.query;
      return options.sharing.listAgreements(consumer ? { consumerSourceId: consumer } : {}, params);
    },
  );
  app.post(
    '/api/v1/sharing/agreements',
    {
      schema: {
        tags: ['hub'],
        summary: 'Create a data-sharing agreement',
        body: newAgreementSchema,
        response: { 201: agreementSchema },
      },
      config: { access: { permission: 'sharing:manage', resource: 'sharing_agreement' } },
    },
    async (request, reply) =>
      reply.code(201).send(await options.sharing.createAgreement(request.ctx, request.body)),
  );
  app.post(
    '/api/v1/sharing/agreements/:id/revoke',
    {
      schema: {
        tags: ['hub'],
        summary: 'Revoke an agreement: the consumer loses access at once',
        params: z.object({ id: z.string() }),
        body: z.object({ reason: z.string().trim().min(3, schemaMessage('give-reason')).max(500) }),
        response: { 200: agreementSchema },
      },
      config: { access: { permission: 'sharing:manage', resource: 'sharing_agreement' } },
    },
    async (request) => options.sharing.revokeAgreement(request.ctx, request.params.id, request.body.reason),
  );
  app.get(
    '/api/v1/sharing/consumers/:id/reads',
    {
      schema: {
        tags: ['hub'],
        summary: 'What one consumer read, when and for which purpose (from the audit trail)',
        params: z.object({ id: z.string() }),
        querystring: listParamsSchema,
        response: { 200: pageSchema(accessEntrySchema) },
      },
      config: { access: { permission: 'sharing:read', personalData: true, resource: 'audit_log' } },
    },
    async (request) => {
      const keys = await options.identity.auth.apiKeysOf({ kind: 'source', id: request.params.id });
      // Its API keys' reads, and the change-feed batches pushed to its webhooks.
      const actorIds = [...keys.map((k) => k.id), webhookAuditActor(request.params.id)];
      const page = await options.identity.audit.list({ actorIds }, request.query);
      return {
        ...page,
        items: page.items.map((e) => ({
          at: e.at,
          actorId: e.actor_id,
          purpose: e.purpose,
          action: e.action,
          resourceType: e.resource_type,
          outcome: e.outcome,
          // Which record was read (a person's id, a FHIR resource's id): "who read what" needs the what. It
          // rides in `detail` beside the dataset and agreement, so the published response shape stays as is.
          detail: { ...(isRecord(e.detail) ? e.detail : {}), resourceId: e.resource_id },
        })),
      };
    },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
