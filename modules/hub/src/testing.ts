/** Test wiring for the hub: identity + hub over a test database, with a fixed clock. */
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { AppError, FixedClock, httpStatusOf, type Clock } from '@shuzhi/core';
import type { Database, MigrationMap } from '@shuzhi/db';
import {
  createIdentityModule,
  identityMigrations,
  installGatekeeper,
  systemContext,
  type AccessContext,
  type IdentityModule,
} from '@shuzhi/identity';
import { createHubModule, type HubModule, type HubOptions } from './hub.module.js';
import { hubMigrations } from './hub.migrations.js';
import { RecordsRepository } from './records/records.repository.js';

export { WebhookReceiver } from './feed/webhook-receiver.testing.js';

export const hubTestMigrations: MigrationMap = { ...identityMigrations, ...hubMigrations };

export interface HubFixture {
  clock: FixedClock;
  identity: IdentityModule;
  hub: HubModule;
  ctx: AccessContext;
}

/** `options` adds to the test wiring (a webhook client, private addresses allowed…). */
export function hubFixture(database: Database, options: Partial<HubOptions> = {}): HubFixture {
  const clock = new FixedClock('2026-03-01T08:00:00Z');
  const identity = createIdentityModule(database, clock, {
    sessionTtlHours: 1,
    loginMaxAttempts: 5,
    loginWindowMinutes: 15,
  });
  const hub = createHubModule(database, clock, identity, {
    defaultDwellMinutes: 60,
    feedPollIntervalMs: 0,
    ...options,
  });
  return { clock, identity, hub, ctx: systemContext('test', 'data_quality', clock) };
}

/**
 * A bare HTTP app behind the real gatekeeper (sessions, API keys, sharing agreements, audit) for testing one
 * module's routes: register them, then `ready()`. Errors answer `{status, detail, issues}` with the status of
 * their code, as the platform's error mapping does.
 */
export function gatedTestApp(f: HubFixture): FastifyInstance {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installGatekeeper(app, {
    auth: f.identity.auth,
    audit: f.identity.audit,
    clock: f.clock,
    findGrant: (principal, dataset, purpose) => f.hub.sharing.findGrant(principal, dataset, purpose),
  });
  app.setErrorHandler(async (error: unknown, _request, reply) => {
    const status = error instanceof AppError ? httpStatusOf[error.code] : 500;
    const issues = error instanceof AppError ? error.issues : [];
    return reply.code(status).send({ status, detail: error instanceof Error ? error.message : '', issues });
  });
  return app;
}

/** A data source's API key, as the gatekeeper builds it for `hub:submit`. */
export function sourceContext(sourceId: string, clock: Clock): AccessContext {
  return {
    principal: {
      kind: 'api_key',
      id: `key-${sourceId}`,
      role: 'data_source',
      displayName: sourceId,
      areaCode: null,
      sourceId,
    },
    purpose: 'data_submission',
    clock,
    disclosed: new Set(),
  };
}

/**
 * The platform id of the record a data source sent as `resourceType/localId` (ADR 0002: what staff, consumers
 * and the feed name it by). Staff find it by identifiers, subject or the source's read-back; tests look it up.
 */
export async function platformIdOf(
  database: Database,
  sourceId: string,
  resourceType: string,
  localId: string,
): Promise<string> {
  const row = await new RecordsRepository(database).readOwn(sourceId, resourceType, localId);
  if (!row) throw new Error(`no ${resourceType}/${localId} from ${sourceId}`);
  return row.id;
}

export { composeResidentId } from './core/index.js';

/** A person as a source's Patient states them. */
export interface ReportedPatient {
  name: string;
  birthDate: string;
  gender: 'male' | 'female';
  residentId?: string;
  phone?: string;
}

function patientResource(fields: ReportedPatient, id?: string) {
  return {
    resourceType: 'Patient',
    ...(id ? { id } : {}),
    ...(fields.residentId
      ? { identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: fields.residentId }] }
      : {}),
    ...(fields.phone ? { telecom: [{ system: 'phone', value: fields.phone }] } : {}),
    name: [{ text: fields.name }],
    gender: fields.gender,
    birthDate: fields.birthDate,
  };
}

/**
 * A source reports a Patient over FHIR: the person it was linked to (as `shuzhi linkage export` tells it), its
 * record key, and how the source corrects it (a new version of the same Patient).
 */
export async function reportPatient(
  f: { hub: HubModule; clock: Clock },
  sourceId: string,
  fields: ReportedPatient,
): Promise<{ person: string; recordKey: string; correct(changed: ReportedPatient): Promise<void> }> {
  const ctx = sourceContext(sourceId, f.clock);
  const answer = await f.hub.data.fhir.create(ctx, 'Patient', patientResource(fields));
  if (answer.status !== 201) throw new Error(`Patient not created: ${answer.status}`);
  const id = (answer.body as { id: string }).id;
  const person = (await f.hub.data.mpi.exportLinkage()).persons.find((p) =>
    p.records.some((r) => r.value === id && r.source_id === sourceId),
  )?.person_id;
  if (person === undefined) throw new Error(`Patient ${id} of ${sourceId} is linked to no person`);
  return {
    person,
    recordKey: `${sourceId}|${id}`,
    correct: async (changed) => {
      const update = { type: 'Patient', id, body: patientResource(changed, id) };
      const status = (await f.hub.data.fhir.update(ctx, update)).status;
      if (status !== 200) throw new Error(`Patient ${id} not corrected: ${status}`);
    },
  };
}
