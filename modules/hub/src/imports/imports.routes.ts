/**
 * HTTP routes for imports: upload a file (CSV, NDJSON or JSON as the request body), follow the job's
 * progress, read its line-by-line report of errors and warnings, list past imports, download the template of each kind.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, listParamsSchema, pageSchema } from '@shuzhi/core';
import type { AccessContext } from '@shuzhi/identity';
import type { SourcesService } from '../sources.service.js';
import { importKindsFor, importSubmitterOf, type ImportSubmitter } from './import-kinds.js';
import { codedReasonOf, codeOf, reasonZhOf, type ReasonCode, type ReasonParams } from '../core/index.js';
import { importJobSchema, importKindSchema, type ImportJob } from './imports.schema.js';
import type { ImportIssue } from './import-handler.js';
import type { ImportJobRow } from './imports.repository.js';
import type { ImportsService } from './imports.service.js';
import { declaredBytesOf } from './spool.js';
import { replySent } from './reply-sent.js';

/**
 * An issue as the API gives it: with its reason's code and parameters (an issue stored without them, from a
 * refusal that had no code or a job reported before reasons had codes, gets the code its English is the text
 * of) and the reason in Chinese beside the English, from the one table of both (core/reasons.ts).
 */
function withReasonTexts(issue: ImportIssue): ImportJob['issues'][number] {
  const found = issue.code ? issue : { ...issue, ...codeOfText(issue.reason) };
  const reasonZh = reasonZhOf(found);
  return reasonZh === undefined ? found : { ...found, reasonZh };
}

function codeOfText(reason: string): { code?: ReasonCode; params?: ReasonParams } {
  const coded = codedReasonOf(reason);
  return coded ? codeOf(coded) : {};
}

function toJob(row: ImportJobRow): ImportJob {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    status: row.status,
    total: row.total,
    accepted: row.accepted,
    unchanged: row.unchanged,
    rejected: row.rejected,
    progress: row.progress,
    issues: byLine(row.issues).map(withReasonTexts),
    warnings: byLine(row.warnings).map(withReasonTexts),
    warningCount: row.warning_count,
    actorId: row.actor_id,
    sourceId: row.source_id,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/**
 * The file's reader and the record store each report their refusals in turn; the clerk reads them by line.
 * Array.prototype.sort is stable: a line's issues keep their order.
 */
function byLine(issues: ImportIssue[]): ImportIssue[] {
  return [...issues].sort((a, b) => a.line - b.line);
}

export interface ImportsRoutesOptions {
  imports: ImportsService;
  /**
   * The registered sources, to know a data source's type (which kinds it may submit). Without them every
   * data source is of unknown type: it may submit any kind some source type submits.
   */
  sources?: Pick<SourcesService, 'getSource'>;
}

export async function importsRoutes(root: FastifyInstance, options: ImportsRoutesOptions): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const submitterOf = async (ctx: AccessContext): Promise<ImportSubmitter> => {
    const { principal } = ctx;
    const source =
      principal.role === 'data_source' && principal.sourceId !== undefined
        ? await options.sources?.getSource(principal.sourceId)
        : undefined;
    return importSubmitterOf(principal, source?.type);
  };
  // Files arrive as the raw request body. CSV, plain text and a FHIR JSON file (a Bundle) are read as text
  // for the import handlers; NDJSON, and a file sent as bytes of no stated type (application/octet-stream,
  // what generic upload tools send), are left unread, as the request stream, for the import service to
  // spool (it may exceed a string) — a kind that cannot stream gets it as text from there.
  for (const type of ['text/csv', 'text/plain', 'application/fhir+json']) {
    if (!app.hasContentTypeParser(type))
      app.addContentTypeParser(
        type,
        { parseAs: 'string', bodyLimit: 512 * 1024 * 1024 },
        (_req, body, done) => done(null, body),
      );
  }
  for (const type of [
    'application/x-ndjson',
    'application/fhir+ndjson',
    'application/ndjson',
    'application/octet-stream',
  ]) {
    if (!app.hasContentTypeParser(type))
      app.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
  }

  app.get(
    '/api/v1/imports/kinds',
    {
      schema: {
        tags: ['hub'],
        summary:
          'Import kinds the caller may submit (a data source: those of its type), the most likely first, with their templates',
        response: { 200: z.object({ items: z.array(importKindSchema) }) },
      },
      config: { access: { permission: 'imports:manage', resource: 'import_kind' } },
    },
    async (request) => ({ items: importKindsFor(options.imports.kinds(), await submitterOf(request.ctx)) }),
  );

  app.get(
    '/api/v1/imports/templates/:kind',
    {
      schema: {
        tags: ['hub'],
        summary: 'Download the template file of an import kind',
        params: z.object({ kind: z.string() }),
      },
      config: { access: { permission: 'imports:manage', resource: 'import_kind' } },
    },
    async (request, reply) => {
      const template = options.imports.template(request.params.kind);
      if (!template) throw new AppError('not_found', `no template for import kind ${request.params.kind}`);
      return reply
        .type(`${template.contentType}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${template.fileName}"`)
        .send(template.contentType === 'text/csv' ? `\ufeff${template.example}` : template.example);
    },
  );

  app.post(
    '/api/v1/imports',
    {
      schema: {
        tags: ['hub'],
        summary:
          'Upload a file to import (the body is the file). Returns the job at once; ?wait=true waits for the report',
        querystring: z.object({
          kind: z.string().min(1),
          fileName: z.string().min(1).max(300).default('upload'),
          partial: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
          wait: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
        }),
        response: { 202: importJobSchema, 200: importJobSchema },
      },
      config: { access: { permission: 'imports:manage', resource: 'import_job' } },
    },
    async (request, reply) => {
      const body = request.body;
      const { kind, fileName, partial, wait } = request.query;
      // A kind the caller's data source may not submit is refused by the import service before the body is
      // spooled and before any job exists (403), as on every other way in.
      const startAfter = wait ? undefined : replySent(reply);
      // A streamed body: the job is created (and the 202 sent) only once the whole file has arrived.
      const { jobId, done } =
        body instanceof Readable
          ? await options.imports.startUpload(
              request.ctx,
              {
                kind,
                fileName,
                partial,
                ...(startAfter ? { startAfter } : {}),
                ...declaredBytesOf(request.headers['content-length']),
              },
              body,
            )
          : await options.imports.start(request.ctx, {
              kind,
              fileName,
              partial,
              ...(startAfter ? { startAfter } : {}),
              text:
                typeof body === 'string'
                  ? body
                  : body === undefined || body === null
                    ? ''
                    : JSON.stringify(body),
            });
      if (wait) await done;
      else done.catch((error: unknown) => request.log.error({ err: error }, 'import failed'));
      const job = await options.imports.getJob(jobId);
      if (!job) throw new AppError('internal', 'import job vanished');
      return reply.code(wait ? 200 : 202).send(toJob(job));
    },
  );

  app.get(
    '/api/v1/imports',
    {
      schema: {
        tags: ['hub'],
        summary: 'Past imports (newest first)',
        querystring: listParamsSchema,
        response: { 200: pageSchema(importJobSchema) },
      },
      config: { access: { permission: 'imports:manage', resource: 'import_job' } },
    },
    async (request) => {
      const page = await options.imports.listJobs(request.ctx, request.query);
      return { ...page, items: page.items.map(toJob) };
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      schema: {
        tags: ['hub'],
        summary: 'One import: progress, counts and the report of errors and warnings',
        params: z.object({ id: z.string() }),
        response: { 200: importJobSchema },
      },
      config: { access: { permission: 'imports:manage', resource: 'import_job' } },
    },
    async (request) => {
      const job = await options.imports.getJobFor(request.ctx, request.params.id);
      if (!job) throw new AppError('not_found', `import ${request.params.id} not found or no access`);
      return toJob(job);
    },
  );
}
