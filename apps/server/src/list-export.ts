/**
 * Export of every list to CSV and XLSX (DESIGN "Lists"): any `GET /api/v1/...` route whose 200 answer is a
 * page (`pageSchema`) also answers `format=csv|xlsx` (or `Accept: text/csv` / the XLSX media type) with all
 * the rows its filters, search and sort select, up to a cap.
 *
 * The export reads the list route itself, page by page, with the caller's own headers (`app.inject`): so it
 * passes the same gatekeeper as the list — permission, purpose of use, sharing agreement, masking, area and
 * source scope, search guard — and cannot drift from it as a second query per list would. Each page read is
 * audited by the gatekeeper as usual; the export adds one entry naming the list, format, rows and purpose.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '@shuzhi/core';
import type { AuditService } from '@shuzhi/identity';
import { tableOf, toCsv } from './table-export.js';
import { toXlsx, XLSX_MEDIA_TYPE } from './xlsx.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ListExportOptions {
  audit: Pick<AuditService, 'record'>;
  /** Most rows one export holds (default 100,000); a larger selection is refused, naming the cap. */
  maxRows?: number;
}

export const DEFAULT_EXPORT_MAX_ROWS = 100_000;
const PAGE_LIMIT = 500;
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
  const lists = new Map<string, ListRoute>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('GET') || !route.url.startsWith('/api/v1/')) return;
    const schema = route.schema as { response?: Record<string, unknown>; querystring?: unknown } | undefined;
    const page = schema?.response?.['200'] ?? schema?.response?.[200];
    if (!isPageSchema(page)) return;
    const item = (page.shape as { items: z.ZodArray<z.ZodType> }).items.element;
    lists.set(route.url, { pageLimit: largestLimit(schema?.querystring), columns: declaredColumns(item) });
    // Declared in the route's query schema, so the OpenAPI document shows every list's export.
    if (schema?.querystring instanceof z.ZodObject) {
      schema.querystring = schema.querystring.extend({ format: formatParam });
    }
  });

  // Runs after the gatekeeper's onRequest hook (installed before this one): a caller it refuses is refused
  // here exactly as for the list, before anything is read.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET') return;
    const routeUrl = request.routeOptions.url;
    const list = routeUrl ? lists.get(routeUrl) : undefined;
    if (!list || !routeUrl) return;
    const format = requestedFormat(request);
    if (!format) return;
    return exportList(app, request, reply, {
      routeUrl,
      columns: list.columns,
      format,
      maxRows,
      pageLimit: list.pageLimit,
      audit: options.audit,
    });
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

  const items: unknown[] = [];
  for (let offset = 0; ;) {
    params.set('limit', String(run.pageLimit));
    params.set('offset', String(offset));
    const page = await app.inject({ method: 'GET', url: `${path}?${params.toString()}`, headers });
    if (page.statusCode !== 200) {
      // The list refused (a filter it does not accept, a search by a masked field): the export answers as it.
      reply.code(page.statusCode).header('content-type', page.headers['content-type'] ?? 'application/json');
      return reply.send(page.body);
    }
    const body = page.json() as { items: unknown[]; total: number };
    if (offset === 0 && body.total > run.maxRows) throw tooMany(body.total, run.maxRows);
    items.push(...body.items);
    if (items.length > run.maxRows) throw tooMany(items.length, run.maxRows);
    offset += body.items.length;
    if (body.items.length === 0 || offset >= body.total) break;
  }

  const list = listName(run.routeUrl);
  const table = tableOf(items, run.columns);
  const file = run.format === 'csv' ? toCsv(table) : toXlsx(table, list);
  const date = request.ctx.clock.now().toISOString().slice(0, 10);
  const access = request.routeOptions.config.access;
  const detail = { list: run.routeUrl, format: run.format, rows: items.length, purpose: request.ctx.purpose };
  await run.audit.record(request.ctx, {
    action: `export ${run.format} GET ${run.routeUrl}`,
    resourceType: access?.resource ?? list,
    resourceId: null,
    outcome: 'success',
    detail: { ...detail, ...(access?.dataset ? { dataset: access.dataset } : {}) },
  });
  request.auditDetail = { ...request.auditDetail, export: run.format, rows: items.length };
  reply
    .code(200)
    .header('content-type', run.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MEDIA_TYPE)
    .header('content-disposition', `attachment; filename="${list}-${date}.${run.format}"`)
    .header('cache-control', 'no-store');
  return reply.send(file);
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
