/**
 * Bulk NDJSON import that streams: chunks of text are split into lines, validated, and stored batch by
 * batch in one transaction, so a file of any size (a million lab results) goes through in bounded memory —
 * all or nothing, or with `partial` the valid resources, with every refused line reported.
 */
import type { Database } from '@shuzhi/db';
import { NdjsonReader } from '../core/index.js';
import type { ImportIssue } from '../imports/import-handler.js';
import { beginBulkLoad, type BulkLoad } from '../records/bulk-load.js';
import type { RecordsService } from '../records/records.service.js';
import { addNdjsonItem, type FhirFileContents } from './fhir-file.js';

export interface StreamImportOptions {
  sourceId: string;
  partial?: boolean;
  /** Resources stored per pipeline call (default 5000). */
  batchSize?: number;
  /** After each batch is stored: the lines done, and the bytes of the file read so far. */
  onProgress?: (linesRead: number, bytesRead: number) => void;
  /**
   * The size of the whole file in bytes, when known (a file on disk, a spooled upload): a load large against
   * what is stored already defers the search indexes on SQLite (see `beginBulkLoad`).
   */
  sizeBytes?: number;
  /** The smallest load that defers indexes (default `BULK_LOAD_MIN_RECORDS`; tests use small files). */
  bulkLoadMinRecords?: number;
}

export interface StreamImportReport {
  status: 'accepted' | 'partial' | 'rejected';
  total: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  issues: ImportIssue[];
}

class RejectedStream extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super('import rejected');
  }
}

export async function importNdjsonStream(
  database: Database,
  records: RecordsService,
  chunks: AsyncIterable<string | Buffer>,
  options: StreamImportOptions,
): Promise<StreamImportReport> {
  const batchSize = options.batchSize ?? 5000;
  const counts = { total: 0, accepted: 0, unchanged: 0 };
  const issues: ImportIssue[] = [];
  const decoder = new TextDecoder();
  try {
    await database.db.transaction().execute(async (trx) => {
      const reader = new NdjsonReader();
      let pending: FhirFileContents = { records: [], issues: [], total: 0 };
      let bytesRead = 0;
      let linesSplit = 0;
      let bulk: BulkLoad | null | undefined;
      const flush = async () => {
        // Decided before anything is stored, once the lines read so far tell the average line length.
        if (bulk === undefined && options.sizeBytes !== undefined && linesSplit > 0)
          bulk = beginBulkLoad(database, Math.round((options.sizeBytes * linesSplit) / bytesRead), {
            ...(options.bulkLoadMinRecords !== undefined ? { minRecords: options.bulkLoadMinRecords } : {}),
          });
        counts.total += pending.total;
        issues.push(...pending.issues);
        if (pending.issues.length > 0 && !options.partial) throw new RejectedStream(issues);
        const outcomes = await records.storeIn(trx, pending.records, {
          sourceId: options.sourceId,
          channel: 'ndjson',
          atomic: !options.partial,
        });
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') {
            for (const issue of outcome.issues)
              issues.push({
                line: outcome.position,
                ...(issue.field ? { field: issue.field } : {}),
                reason: issue.reason,
              });
          } else if (outcome.status === 'unchanged') counts.unchanged++;
          else counts.accepted++;
        }
        if (!options.partial && outcomes.some((o) => o.status === 'rejected'))
          throw new RejectedStream(issues);
        options.onProgress?.(counts.total, bytesRead);
        pending = { records: [], issues: [], total: 0 };
      };
      for await (const chunk of chunks) {
        bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
        const items = reader.push(text);
        linesSplit += items.length;
        for (const item of items) {
          addNdjsonItem(pending, item, options.sourceId);
          if (pending.total >= batchSize) await flush();
        }
      }
      for (const item of reader.push(decoder.decode())) addNdjsonItem(pending, item, options.sourceId);
      for (const item of reader.end()) addNdjsonItem(pending, item, options.sourceId);
      await flush();
      bulk?.finish();
    });
  } catch (error) {
    if (!(error instanceof RejectedStream)) throw error;
    return {
      status: 'rejected',
      total: counts.total,
      accepted: 0,
      unchanged: 0,
      rejected: new Set(issues.map((i) => i.line)).size,
      issues,
    };
  }
  records.committed();
  const rejected = new Set(issues.map((i) => i.line)).size;
  return { status: rejected > 0 ? 'partial' : 'accepted', ...counts, rejected, issues };
}
