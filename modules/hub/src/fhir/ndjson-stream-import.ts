/**
 * Bulk NDJSON import that streams: chunks of text are split into lines, validated, and stored batch by
 * batch in one transaction, so a file of any size (a million lab results) goes through in bounded memory —
 * all or nothing, or with `partial` the valid resources, with every refused line reported.
 */
import { yieldToEventLoop } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import { NdjsonReader, reasonTexts, type NdjsonItem } from '../core/index.js';
import { ImportInterrupted, type ImportIssue } from '../imports/import-handler.js';
import { beginBulkLoad, type BulkLoad } from '../records/bulk-load.js';
import { newCaseWork } from '../records/ingest.service.js';
import { FIRST_BATCH, nextBatchSize, SLICE_MS } from '../records/time-sized-batches.js';
import type { RecordsService } from '../records/records.service.js';
import { addNdjsonItem, type FhirFileContents } from './fhir-file.js';

export interface StreamImportOptions {
  sourceId: string;
  partial?: boolean;
  /**
   * The most resources stored per pipeline call (default 5000). Batches are sized by time below that (see
   * `SLICE_MS`): a batch holds the event loop for as long as it takes to store it.
   */
  batchSize?: number;
  /** After each batch is stored: the lines done, and the bytes of the file read so far. */
  onProgress?: (linesRead: number, bytesRead: number) => void;
  /**
   * The size of the whole file in bytes, when known (a file on disk, a spooled upload): a load large against
   * what is stored already defers the search indexes on SQLite (see `beginBulkLoad`).
   */
  sizeBytes?: number;
  /** How long a slice of work may hold the event loop, in ms (default `SLICE_MS`; Infinity: never yield). */
  sliceMs?: number;
  /**
   * Aborted when the process shuts down; checked at each batch boundary. All or nothing: `ImportInterrupted`
   * is thrown and the file rolls back. Partial: what is stored so far is committed, and the first line not
   * imported is reported.
   */
  signal?: AbortSignal;
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

/** Parsing and validating yield far more often: a yield costs microseconds, and requests wait less. */
const PARSE_SLICE_MS = 20;

/** Ends the reading of a partial import that was asked to stop; what was stored is committed. */
class StopReading extends Error {}

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
  const maxBatch = options.batchSize ?? 5000;
  const sliceMs = options.sliceMs ?? SLICE_MS;
  let batchSize = Math.min(FIRST_BATCH, maxBatch);
  let sliceStart = performance.now();
  const counts = { total: 0, accepted: 0, unchanged: 0 };
  const issues: ImportIssue[] = [];
  const lines = new LineSource(chunks);
  /** The last line stored, and where a partial import stopped at a shutdown (null: it read the whole file). */
  let lastLine = 0;
  let stoppedAt: number | null = null;
  try {
    await database.db.transaction().execute(async (trx) => {
      let pending: FhirFileContents = { records: [], issues: [], total: 0 };
      let bulk: BulkLoad | null | undefined;
      // One transaction, cut into batches by time: cases are derived once, for the whole file, before the commit.
      const cases = newCaseWork();
      const flush = async () => {
        if (options.signal?.aborted && pending.total > 0) {
          const first = Math.min(
            pending.records[0]?.position ?? Infinity,
            pending.issues[0]?.line ?? Infinity,
            lastLine + 1,
          );
          if (!options.partial) throw new ImportInterrupted(first);
          // Partial: the batches stored so far are kept (committed below); the rest of the file is not read.
          stoppedAt = first;
          throw new StopReading();
        }
        // Decided before anything is stored, once the lines read so far tell the average line length.
        if (bulk === undefined && options.sizeBytes !== undefined && lines.split > 0)
          bulk = beginBulkLoad(database, Math.round((options.sizeBytes * lines.split) / lines.bytesRead), {
            ...(options.bulkLoadMinRecords !== undefined ? { minRecords: options.bulkLoadMinRecords } : {}),
          });
        counts.total += pending.total;
        issues.push(...pending.issues);
        if (pending.issues.length > 0 && !options.partial) throw new RejectedStream(issues);
        const storing = performance.now();
        const outcomes = await records.storeIn(trx, pending.records, {
          sourceId: options.sourceId,
          channel: 'ndjson',
          atomic: !options.partial,
          cases,
        });
        for (const outcome of outcomes) {
          lastLine = Math.max(lastLine, outcome.position);
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
        options.onProgress?.(counts.total, lines.bytesRead);
        batchSize = nextBatchSize(
          { records: pending.total, ms: performance.now() - storing },
          maxBatch,
          sliceMs,
        );
        pending = { records: [], issues: [], total: 0 };
        await yieldToEventLoop();
        sliceStart = performance.now();
      };
      try {
        for (let item = await lines.next(); item; item = await lines.next()) {
          addNdjsonItem(pending, item, options.sourceId);
          if (pending.total >= batchSize) await flush();
          else if (performance.now() - sliceStart >= Math.min(sliceMs, PARSE_SLICE_MS)) {
            // Parsing and validating a long run of lines: waiting requests go first.
            await yieldToEventLoop();
            sliceStart = performance.now();
          }
        }
        if (pending.total > 0) await flush();
      } catch (error) {
        if (!(error instanceof StopReading)) throw error;
        await lines.close();
      }
      await records.settleCasesIn(trx, cases);
      await bulk?.finish();
    });
  } catch (error) {
    if (!(error instanceof RejectedStream)) {
      await lines.close();
      throw error;
    }
    // Nothing of the file was stored (the transaction has rolled back, and its lock is free). The rest of the
    // file is still read and validated, so that one round of corrections fixes every line that cannot be
    // read or fails validation — a clerk should not need a round per bad line. The store's own checks (an
    // unknown subject, a record that conflicts with a stored one) need the lines before to be stored: they
    // are reported up to the first refusal only.
    counts.total += await validateRest(lines, options, issues, counts.total);
    await lines.close();
    // The lines refused for themselves are the rejected ones, as when a line fails validation. The store's
    // "not processed" for the rest of the refusing batch named (and counted: 314 of 12,004 lines) whichever
    // lines happened to share its time-sized batch.
    const refusals = issues.filter((i) => i.reason !== reasonTexts['not-processed']);
    return {
      status: 'rejected',
      total: counts.total,
      accepted: 0,
      unchanged: 0,
      rejected: new Set(refusals.map((i) => i.line)).size,
      issues: refusals,
    };
  }
  records.committed();
  const rejected = new Set(issues.map((i) => i.line)).size;
  if (stoppedAt !== null)
    return {
      status: 'partial',
      ...counts,
      rejected,
      issues: [
        ...issues,
        {
          line: stoppedAt,
          reason: `interrupted by a shutdown of the server: the lines before this one were imported, this line and those after it were not; send them again`,
        },
      ],
    };
  return { status: rejected > 0 ? 'partial' : 'accepted', ...counts, rejected, issues };
}

/**
 * Reads the rest of a refused file, validating each line without storing it; adds the lines' issues and
 * returns how many resources they held. A shutdown stops it: the refusal stands with what was found.
 */
async function validateRest(
  lines: LineSource,
  options: StreamImportOptions,
  issues: ImportIssue[],
  linesBefore: number,
): Promise<number> {
  let total = 0;
  let sliceStart = performance.now();
  let scratch: FhirFileContents = { records: [], issues: [], total: 0 };
  for (let item = await lines.next(); item; item = await lines.next()) {
    addNdjsonItem(scratch, item, options.sourceId);
    if (performance.now() - sliceStart >= PARSE_SLICE_MS) {
      total += scratch.total;
      issues.push(...scratch.issues);
      scratch = { records: [], issues: [], total: 0 };
      options.onProgress?.(linesBefore + total, lines.bytesRead);
      if (options.signal?.aborted) return total;
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  issues.push(...scratch.issues);
  return total + scratch.total;
}

/**
 * The file's lines one at a time, from its chunks of text. Kept outside the import's transaction so that a
 * refused file can be read on after the rollback from where the refusal stopped it.
 */
class LineSource {
  private readonly chunks: AsyncIterator<string | Buffer>;
  private readonly reader = new NdjsonReader();
  private readonly decoder = new TextDecoder();
  private items: NdjsonItem[] = [];
  private at = 0;
  private ended = false;
  bytesRead = 0;
  /** Lines split so far (with the bytes read, the file's average line length). */
  split = 0;

  constructor(chunks: AsyncIterable<string | Buffer>) {
    this.chunks = chunks[Symbol.asyncIterator]();
  }

  /** Stops reading: the chunks' source (a file stream, a request) is closed, as a `for await` that ends early does. */
  async close(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      await this.chunks.return?.();
    }
  }

  /** The next line, or null at the end of the file. */
  async next(): Promise<NdjsonItem | null> {
    while (this.at >= this.items.length) {
      if (this.ended) return null;
      const chunk = await this.chunks.next();
      if (chunk.done) {
        this.ended = true;
        this.items = [...this.reader.push(this.decoder.decode()), ...this.reader.end()];
      } else {
        const value = chunk.value;
        this.bytesRead += typeof value === 'string' ? Buffer.byteLength(value) : value.length;
        this.items = this.reader.push(
          typeof value === 'string' ? value : this.decoder.decode(value, { stream: true }),
        );
      }
      this.at = 0;
      this.split += this.items.length;
    }
    return this.items[this.at++]!;
  }
}
