/**
 * Export of every list to CSV and XLSX (DESIGN "Lists"): any `GET /api/v1/...` route whose 200 answer is a
 * page (`pageSchema`) also answers `format=csv|xlsx` (or `Accept: text/csv` / the XLSX media type) with all
 * the rows its filters, search and sort select, up to a cap.
 *
 * The export reads the list route itself, page by page, with the caller's own headers (`app.inject`): so it
 * passes the same gatekeeper as the list — permission, purpose of use, sharing agreement, masking, area and
 * source scope, search guard — and cannot drift from it as a second query per list would. Each page read is
 * audited by the gatekeeper as usual; the export adds one entry naming the list, format, rows and purpose,
 * written when it ends (a failure entry if it ends early), before the file's last bytes are sent.
 *
 * The file is streamed: each page is written to the response as it is read, the next read waiting until the
 * client has taken it, so an export holds about one page in memory whatever its size. A client that goes away
 * stops the reads at the page in hand. How pages are aligned without a snapshot: `list-export-pages.ts`.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '@shuzhi/core';
import type { AuditService } from '@shuzhi/identity';
import { listKey, readAllPages, type ListPage } from './list-export-pages.js';
import { columnsOf, csvHeader, csvRows, rowOf, type Cell } from './table-export.js';
import { XlsxWriter, XLSX_MEDIA_TYPE } from './xlsx.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ListExportOptions {
  audit: Pick<AuditService, 'record'>;
  /** Most rows one export holds (default 100,000); a larger selection is refused, naming the cap. */
  maxRows?: number;
}

export const DEFAULT_EXPORT_MAX_ROWS = 100_000;
const PAGE_LIMIT = 500;
/** Rows each page read goes back over to find where the last one ended (list-export-pages.ts). */
const PAGE_OVERLAP = 50;
/** Headers of the export request that describe its own answer, not the caller: not passed to the page reads. */
const NOT_FORWARDED = new Set([
  'accept',
  'accept-encoding',
  'content-length',
  'connection',
  'transfer-encoding',
]);

interface ListRoute {
  /** The largest `limit` the route accepts, read from its query schema. */
  pageLimit: number;
  /** The columns its item schema declares, flattened as the items are. */
  columns: string[];
}

export function installListExport(app: FastifyInstance, options: ListExportOptions): void {
  const maxRows = options.maxRows ?? DEFAULT_EXPORT_MAX_ROWS;
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('GET') || !route.url.startsWith('/api/v1/')) return;
    const schema = route.schema as { response?: Record<string, unknown>; querystring?: unknown } | undefined;
    const page = schema?.response?.['200'] ?? schema?.response?.[200];
    if (!isPageSchema(page)) return;
    const item = (page.shape as { items: z.ZodArray<z.ZodType> }).items.element;
    const list: ListRoute = { pageLimit: largestLimit(schema?.querystring), columns: declaredColumns(item) };
    // Declared in the route's query schema, so the OpenAPI document shows every list's export.
    if (schema?.querystring instanceof z.ZodObject) {
      schema.querystring = schema.querystring.extend({ format: formatParam });
    }
    // The export runs as the route's handler: every hook of the list (the gatekeeper refusing a caller, the
    // query's validation) has run as for the list, before anything is read; and a handler's streamed reply is
    // awaited to its end, where a hook's would let the route's own handler run too.
    const listHandler = route.handler;
    const routeUrl = route.url;
    route.handler = function exportOrList(this: FastifyInstance, request, reply) {
      const format = requestedFormat(request);
      if (!format) return listHandler.call(this, request, reply);
      return exportList(app, request, reply, {
        routeUrl,
        columns: list.columns,
        format,
        maxRows,
        pageLimit: list.pageLimit,
        audit: options.audit,
      });
    };
  });
}

const formatParam = z
  .enum(['json', 'csv', 'xlsx'])
  .optional()
  .describe(
    'csv or xlsx: every row the filters, search and sort select (not one page), as a file; ' +
      `at most ${DEFAULT_EXPORT_MAX_ROWS} rows, else 413 naming the cap`,
  );

function isPageSchema(schema: unknown): schema is z.ZodObject {
  if (!(schema instanceof z.ZodObject)) return false;
  const keys = Object.keys(schema.shape);
  return ['items', 'total', 'limit', 'offset'].every((key) => keys.includes(key));
}

/** Field paths of an item schema as `flattenItem` names them: nested objects as `a.b`, anything else a leaf. */
export function declaredColumns(schema: unknown, prefix = ''): string[] {
  let inner = schema;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
    inner = inner.unwrap();
  }
  if (!(inner instanceof z.ZodObject)) return prefix ? [prefix] : [];
  return Object.entries(inner.shape as Record<string, unknown>).flatMap(([key, value]) =>
    declaredColumns(value, prefix ? `${prefix}.${key}` : key),
  );
}

function largestLimit(querystring: unknown): number {
  if (!(querystring instanceof z.ZodObject)) return PAGE_LIMIT;
  let limit: unknown = (querystring.shape as Record<string, unknown>)['limit'];
  while (limit instanceof z.ZodDefault || limit instanceof z.ZodOptional) limit = limit.unwrap();
  const max = limit instanceof z.ZodNumber ? limit.maxValue : null;
  return max !== null && Number.isFinite(max) ? Math.min(PAGE_LIMIT, max) : PAGE_LIMIT;
}

/** `format=csv|xlsx` first; else an Accept header that asks for CSV or XLSX before JSON. */
export function requestedFormat(request: FastifyRequest): ExportFormat | null {
  const query = request.query as Record<string, unknown> | undefined;
  const asked = query?.['format'];
  if (asked === 'csv' || asked === 'xlsx') return asked;
  if (asked !== undefined && asked !== 'json') {
    throw new AppError('invalid_input', 'format: must be csv, xlsx or json', {
      issues: [{ field: 'format', reason: 'must be csv, xlsx or json' }],
    });
  }
  const accept = String(request.headers.accept ?? '')
    .split(',')[0]
    ?.split(';')[0]
    ?.trim()
    .toLowerCase();
  if (accept === 'text/csv') return 'csv';
  if (accept === XLSX_MEDIA_TYPE) return 'xlsx';
  return null;
}

interface ExportRun {
  routeUrl: string;
  columns: string[];
  format: ExportFormat;
  maxRows: number;
  pageLimit: number;
  audit: Pick<AuditService, 'record'>;
}

async function exportList(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  run: ExportRun,
): Promise<FastifyReply> {
  const [path, search = ''] = request.url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(search);
  for (const name of ['format', 'limit', 'offset']) params.delete(name);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = value;
  }
  headers['accept'] = 'application/json';
  const read = (offset: number, limit: number) => {
    params.set('limit', String(limit));
    params.set('offset', String(offset));
    return app.inject({ method: 'GET', url: `${path}?${params.toString()}`, headers });
  };

  const first = await read(0, run.pageLimit);
  if (first.statusCode !== 200) {
    // The list refused (a filter it does not accept, a search by a masked field): the export answers as it.
    reply.code(first.statusCode).header('content-type', first.headers['content-type'] ?? 'application/json');
    return reply.send(first.body);
  }
  const firstPage = first.json() as ListPage;
  if (firstPage.total > run.maxRows) throw tooMany(firstPage.total, run.maxRows);

  const list = listName(run.routeUrl);
  const columns = columnsOf(run.columns, firstPage.items);
  const readPage = async (offset: number, limit: number): Promise<ListPage> => {
    const page = await read(offset, limit);
    // The file has started: a refusal now (a session ended, load shed) can only end it unfinished.
    if (page.statusCode !== 200) throw new Error(`export: a page read answered ${page.statusCode}`);
    return page.json() as ListPage;
  };
  const keyOf = listKey(columns) ?? (() => null);
  let unalignedReads = 0;
  const pages = readAllPages(firstPage, readPage, {
    pageLimit: run.pageLimit,
    overlap: PAGE_OVERLAP,
    keyOf,
    onGap: () => (unalignedReads += 1),
  });
  const writer = run.format === 'csv' ? csvWriter(columns) : new XlsxWriter(columns, list);
  const access = request.routeOptions.config.access;
  const auditExport = (rows: number, outcome: 'success' | 'failure', why?: string) =>
    run.audit.record(request.ctx, {
      action: `export ${run.format} GET ${run.routeUrl}`,
      resourceType: access?.resource ?? list,
      resourceId: null,
      outcome,
      detail: {
        list: run.routeUrl,
        format: run.format,
        rows,
        purpose: request.ctx.purpose,
        ...(access?.dataset ? { dataset: access.dataset } : {}),
        ...(why ? { ended: why } : {}),
        // Reads that met none of the rows before them: the list moved further than the overlap, rows may lack.
        ...(unalignedReads > 0 ? { unalignedReads } : {}),
      },
    });

  async function* file(): AsyncGenerator<Buffer> {
    let rows = 0;
    let audited = false;
    try {
      yield writer.start();
      for await (const items of pages) {
        rows += items.length;
        // The list grew past the cap while it was read: the file ends unfinished rather than cut short silently.
        if (rows > run.maxRows) throw tooMany(rows, run.maxRows);
        yield writer.rows(items.map((item) => rowOf(item, columns)));
      }
      // Audited before the last bytes: a file that arrives whole has its entry.
      await auditExport(rows, 'success');
      audited = true;
      yield writer.finish();
    } catch (error) {
      if (!audited) {
        audited = true;
        // A code, not the message: an error from below may quote what it was reading.
        await auditExport(rows, 'failure', error instanceof AppError ? error.code : 'error');
      }
      throw error;
    } finally {
      // Ended early (the client went away): the page reads stop here; what was sent is audited.
      if (!audited) await auditExport(rows, 'failure', 'client disconnected');
    }
  }

  const date = request.ctx.clock.now().toISOString().slice(0, 10);
  request.auditDetail = { ...request.auditDetail, export: run.format, total: firstPage.total };
  reply
    .code(200)
    .header('content-type', run.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MEDIA_TYPE)
    .header('content-disposition', `attachment; filename="${list}-${date}.${run.format}"`)
    .header('cache-control', 'no-store');
  // One piece at a time: the next page is read only once the response has taken the last.
  return reply.send(Readable.from(file(), { objectMode: true, highWaterMark: 1 }));
}

interface FileWriter {
  start(): Buffer;
  rows(rows: readonly (readonly Cell[])[]): Buffer;
  finish(): Buffer;
}

function csvWriter(columns: readonly string[]): FileWriter {
  return { start: () => csvHeader(columns), rows: csvRows, finish: () => Buffer.alloc(0) };
}

function tooMany(rows: number, cap: number): AppError {
  const reason = `the selection holds ${rows} rows, more than the export cap of ${cap}; narrow it with a filter or search`;
  return new AppError('content_too_large', `format: ${reason}`, { issues: [{ field: 'format', reason }] });
}

/** `/api/v1/sources/:id/submissions` → `sources-submissions`: the file's name, without ids. */
export function listName(routeUrl: string): string {
  return routeUrl
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter((segment) => segment && !segment.startsWith(':'))
    .join('-');
}
