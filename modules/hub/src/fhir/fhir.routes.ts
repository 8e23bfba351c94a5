/**
 * The FHIR R4 endpoint at /fhir/r4: metadata, transaction/batch Bundles, bulk NDJSON `$import`, and per
 * resource type create, update, read, history, vread and search, in `application/fhir+json`. Data sources
 * write with their API key (`hub:submit`); staff read with `persons:read`; external consumers read under a
 * sharing agreement for the resource type's dataset (the gatekeeper checks it), masked as the agreement says.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@shuzhi/core';
import {
  coded,
  diagnosticsOf,
  localizedOutcome,
  operationOutcome,
  supportedResourceTypes,
  type FhirIssue,
  type OperationOutcome,
} from '../core/index.js';
import type { ImportsService } from '../imports/imports.service.js';
import { declaredBytesOf } from '../imports/spool.js';
import type { FhirAnswer, FhirService, WriteOptions } from './fhir.service.js';
import { replySent } from '../imports/reply-sent.js';

export interface FhirRouteOptions {
  fhir: FhirService;
  imports: ImportsService;
  softwareVersion: string;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const BULK_IMPORT = '/fhir/r4/$import';
const NDJSON_TYPES = ['application/fhir+ndjson', 'application/x-ndjson', 'application/ndjson'];

/** The shared dataset a resource type belongs to (sharing agreements name datasets). */
const datasetOf: Record<string, string | undefined> = {
  Patient: 'persons',
  Observation: 'observations',
  Condition: 'conditions',
  Encounter: 'encounters',
  Immunization: 'immunizations',
};

export async function fhirRoutes(root: FastifyInstance, options: FhirRouteOptions): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, JSON.parse(body as string) as unknown);
    } catch (error) {
      // NDJSON sent to $import with the JSON type fails here: say which type it takes.
      const detail = (error as Error).message;
      const reason =
        request.routeOptions.url === BULK_IMPORT
          ? coded('body-json-ndjson', { detail, type: NDJSON_TYPES[0]! })
          : coded('body-json-invalid', { detail });
      // The refusal is its one coded reason, so a client that asks for Chinese reads it in Chinese; its status
      // is also Fastify's, for an app without the platform's error mapping.
      const refusal = new AppError('invalid_input', reason.reason, { issues: [{ ...reason }] });
      done(Object.assign(refusal, { statusCode: 400 }), undefined);
    }
  });
  // NDJSON reaches $import unread, as the request stream: a city's file (~1 GB) fits in no string, so the
  // import service spools it to disk. No other FHIR interaction takes NDJSON.
  for (const type of NDJSON_TYPES) {
    if (!app.hasContentTypeParser(type))
      app.addContentTypeParser(type, (request, payload, done) => {
        if (request.routeOptions.url === BULK_IMPORT) done(null, payload);
        else done(Object.assign(new Error(`only ${BULK_IMPORT} takes ${type}`), { statusCode: 415 }));
      });
  }
  const { fhir } = options;
  const send = (reply: FastifyReply, answer: FhirAnswer) =>
    reply
      .code(answer.status)
      .headers(answer.headers ?? {})
      .type(FHIR_JSON)
      .send(inReadersLanguage(answer.body, reply.request.headers['accept-language']));
  const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}/fhir/r4`;

  app.get(
    '/fhir/r4/metadata',
    {
      schema: {
        tags: ['fhir'],
        summary: 'FHIR CapabilityStatement: resources, interactions, search parameters',
      },
      config: { access: { public: true, resource: 'fhir_metadata' } },
    },
    async (request, reply) =>
      reply.type(FHIR_JSON).send(fhir.capabilityStatement(baseUrl(request), options.softwareVersion)),
  );

  app.post(
    '/fhir/r4',
    {
      schema: {
        tags: ['fhir'],
        summary: 'Process a transaction (all or nothing) or batch (entry by entry) Bundle',
      },
      config: { access: { permission: 'hub:submit', resource: 'fhir_bundle' } },
    },
    async (request, reply) => send(reply, await fhir.bundle(request.ctx, request.body)),
  );

  app.post(
    BULK_IMPORT,
    {
      schema: {
        tags: ['fhir'],
        summary:
          'Bulk import of NDJSON resources (application/fhir+ndjson): 202 with the import job in Content-Location; ?wait=true answers with the outcome',
        querystring: z.object({
          partial: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
          wait: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
        }),
      },
      config: { access: { permission: 'hub:submit', resource: 'import_job' } },
      // A source whose type sends no FHIR (a venue, a hotel) is refused up front, as on the imports API: before
      // a byte of its body is read or parsed and before any job exists, naming its type and the kinds it may
      // submit. (The gatekeeper has identified the caller by now: it runs on request.)
      preParsing: async (request) => {
        const refusal = await options.imports.importRefusal(request.ctx, { kind: 'fhir' });
        if (refusal) throw new AppError('forbidden', refusal.reason, { issues: [refusal] });
      },
    },
    async (request, reply) => {
      const startAfter = request.query.wait ? undefined : replySent(reply);
      const file = {
        kind: 'fhir',
        fileName: '$import',
        partial: request.query.partial,
        ...(startAfter ? { startAfter } : {}),
      };
      const { body } = request;
      // The 202 goes out only once the whole body is spooled; the job then reads the spooled file.
      const { jobId, done } =
        body instanceof Readable
          ? await options.imports.startUpload(
              request.ctx,
              { ...file, ...declaredBytesOf(request.headers['content-length']) },
              body,
            )
          : await options.imports.start(request.ctx, {
              ...file,
              text: typeof body === 'string' ? body : JSON.stringify(body ?? ''),
            });
      reply.header('content-location', `/api/v1/imports/${jobId}`);
      if (!request.query.wait) {
        done.catch((error: unknown) => request.log.error({ err: error }, 'FHIR $import failed'));
        return reply
          .code(202)
          .type(FHIR_JSON)
          .send(
            localizedOutcome(
              operationOutcome([
                {
                  severity: 'information',
                  code: 'informational',
                  expression: '',
                  ...diagnosticsOf(coded('import-started', { job: jobId })),
                },
              ]),
              request.headers['accept-language'],
            ),
          );
      }
      const report = await done;
      // A line's reason carries its code when the import gave it one; one without is told by its English.
      const issues: FhirIssue[] = report.errors.map((e) => ({
        severity: 'error',
        code: 'invalid',
        expression: `line ${e.line}${e.field ? ` ${e.field}` : ''}`,
        diagnostics: e.reason,
        ...(e.code === undefined ? {} : { reasonCode: e.code }),
        ...(e.params === undefined ? {} : { reasonParams: e.params }),
      }));
      issues.unshift({
        severity: 'information',
        code: 'informational',
        expression: '',
        ...diagnosticsOf(
          coded('import-summary', {
            status: report.status,
            accepted: report.accepted,
            unchanged: report.unchanged,
            rejected: report.rejected,
            total: report.total,
          }),
        ),
      });
      return reply
        .code(report.status === 'rejected' ? 400 : 200)
        .type(FHIR_JSON)
        .send(localizedOutcome(operationOutcome(issues), request.headers['accept-language']));
    },
  );

  for (const type of supportedResourceTypes) {
    const dataset = datasetOf[type];
    const read = {
      permission: 'persons:read' as const,
      resource: `fhir_${type.toLowerCase()}`,
      personalData: dataset !== undefined,
      ...(dataset ? { dataset } : {}),
    };
    const write = { permission: 'hub:submit' as const, resource: `fhir_${type.toLowerCase()}` };
    const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'a FHIR id') });

    app.post(
      `/fhir/r4/${type}`,
      { schema: { tags: ['fhir'], summary: `Create a ${type}` }, config: { access: write } },
      async (request, reply) =>
        send(reply, await fhir.create(request.ctx, type, request.body, writeOptionsOf(request))),
    );
    app.put(
      `/fhir/r4/${type}/:id`,
      {
        schema: { tags: ['fhir'], summary: `Update (or create at this id) a ${type}`, params: idParams },
        config: { access: write },
      },
      async (request, reply) =>
        send(
          reply,
          await fhir.update(
            request.ctx,
            { type, id: request.params.id, body: request.body },
            writeOptionsOf(request),
          ),
        ),
    );
    app.get(
      `/fhir/r4/${type}/:id`,
      { schema: { tags: ['fhir'], summary: `Read a ${type}`, params: idParams }, config: { access: read } },
      async (request, reply) => send(reply, await fhir.read(request.ctx, type, request.params.id)),
    );
    app.get(
      `/fhir/r4/${type}/:id/_history`,
      {
        schema: { tags: ['fhir'], summary: `Every version of a ${type}`, params: idParams },
        config: { access: read },
      },
      async (request, reply) =>
        send(reply, await fhir.history(request.ctx, type, request.params.id, baseUrl(request))),
    );
    app.get(
      `/fhir/r4/${type}/:id/_history/:vid`,
      {
        schema: {
          tags: ['fhir'],
          summary: `One version of a ${type}`,
          params: idParams.extend({ vid: z.string().regex(/^\d+$/, 'a version number') }),
        },
        config: { access: read },
      },
      async (request, reply) =>
        send(reply, await fhir.vread(request.ctx, type, request.params.id, Number(request.params.vid))),
    );
    app.get(
      `/fhir/r4/${type}`,
      {
        schema: {
          tags: ['fhir'],
          summary: `Search ${type} (see the CapabilityStatement for parameters; _count and _offset page)`,
        },
        config: { access: read },
      },
      async (request, reply) => {
        const query = new URL(request.url, 'http://localhost').searchParams;
        return send(reply, await fhir.searchType(request.ctx, type, query, baseUrl(request)));
      },
    );
  }
}

/**
 * `If-Match`, `If-None-Exist` and `Prefer: return=OperationOutcome` of a create or update (R4 http.html#ops,
 * #ccreate).
 */
function writeOptionsOf(request: FastifyRequest): WriteOptions {
  const ifMatch = request.headers['if-match'];
  const ifNoneExist = request.headers['if-none-exist'];
  const prefer = request.headers['prefer'];
  return {
    ...(typeof ifMatch === 'string' ? { ifMatch } : {}),
    ...(typeof ifNoneExist === 'string' ? { ifNoneExist } : {}),
    ...(typeof prefer === 'string' && /(^|[\s,;])return=OperationOutcome\b/i.test(prefer)
      ? { returnOutcome: true }
      : {}),
  };
}

/**
 * An answer's OperationOutcomes — the answer itself, or each Bundle entry's `response.outcome` — with each
 * issue also in Chinese (`details.text`) for a client that asks for it; `diagnostics` stay English.
 */
function inReadersLanguage(body: unknown, acceptLanguage: string | undefined): unknown {
  if (acceptLanguage === undefined || typeof body !== 'object' || body === null) return body;
  const resource = body as { resourceType?: unknown; entry?: unknown };
  if (resource.resourceType === 'OperationOutcome')
    return localizedOutcome(body as OperationOutcome, acceptLanguage);
  if (resource.resourceType !== 'Bundle' || !Array.isArray(resource.entry)) return body;
  return {
    ...resource,
    entry: (resource.entry as { response?: { outcome?: OperationOutcome } }[]).map((entry) =>
      entry.response?.outcome
        ? {
            ...entry,
            response: {
              ...entry.response,
              outcome: localizedOutcome(entry.response.outcome, acceptLanguage),
            },
          }
        : entry,
    ),
  };
}
