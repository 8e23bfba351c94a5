/**
 * The contract every import kind fulfils (`shuzhi import KIND FILE`, the web upload). A file is parsed and
 * validated as a whole first; only then are the accepted records applied, in one transaction — so a
 * rejected batch changes nothing, and `--partial` applies the good rows and reports the bad ones.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AccessContext } from '@shuzhi/identity';
import { coded, type ReasonCode, type ReasonParams } from '../core/reasons.js';

export interface ImportIssue {
  /** Physical line number in the file (1 = header for CSV, first line for NDJSON). */
  line: number;
  field?: string;
  /** In English; `code` and `params` give it in the reader's language (core/reasons.ts). */
  reason: string;
  code?: ReasonCode;
  params?: ReasonParams;
}

/**
 * A refused line with its reason's code and parameters, its English filled in: how a handler in another
 * module reports a line (the imports page shows it in the reader's language).
 */
export function importIssue(
  at: { line: number; field?: string },
  code: ReasonCode,
  params?: ReasonParams,
): ImportIssue {
  return { line: at.line, ...(at.field ? { field: at.field } : {}), ...coded(code, params) };
}

export interface ParsedImport<R> {
  records: R[];
  issues: ImportIssue[];
  /** Problems of records imported despite them (a resident ID kept though its check digit fails). */
  warnings?: ImportIssue[];
  /** Records in the file, good and bad. */
  total: number;
}

export interface ApplyContext {
  ctx: AccessContext;
  sourceId: string | null;
  progress: (done: number, total: number) => void;
}

export interface ApplyResult {
  /** Records that changed something. */
  accepted: number;
  /** Records already present exactly as sent (idempotent re-sends). */
  unchanged: number;
  /** Issues discovered while applying (e.g. a reference that does not resolve). */
  issues?: ImportIssue[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Executor = Kysely<any> | Transaction<any>;

/** A downloadable template: the exact header, an example and what each column means, in both languages. */
export interface ImportTemplate {
  fileName: string;
  contentType: 'text/csv' | 'application/x-ndjson' | 'application/json';
  /** The file's text: the header (for CSV) followed by example records. */
  example: string;
  columns: { name: string; required: boolean; en: string; zh: string }[];
}

export interface ImportHandler<R = unknown> {
  kind: string;
  /** One line for `shuzhi import --help` and the web page. */
  description: string;
  /** Chinese description for the web page. */
  descriptionZh?: string;
  template?: ImportTemplate;
  parse(text: string, options: { defaultDwellMinutes: number }): ParsedImport<R> | Promise<ParsedImport<R>>;
  apply(executor: Executor, records: R[], context: ApplyContext): Promise<ApplyResult>;
  /** Runs after the transaction committed (e.g. wake change-feed subscribers, update an index). */
  afterCommit?: () => void | Promise<void>;
  /**
   * A kind that can read a file as it streams (files larger than fit in one string, e.g. a city's NDJSON lab
   * results) does parse, validate and apply here, in one transaction of its own, with the same
   * all-or-nothing rule. The import service calls it when the request carries a stream.
   */
  importStream?: (
    chunks: AsyncIterable<string | Buffer>,
    context: StreamApplyContext,
  ) => Promise<StreamResult>;
}

/**
 * An import stopped at a batch boundary because its process is shutting down (SIGTERM): thrown inside the
 * import's transaction, so the file rolls back whole. `line` is the first line not stored, when known.
 */
export class ImportInterrupted extends Error {
  constructor(readonly line?: number) {
    super(ImportInterrupted.reasonAt(line).reason);
    this.name = 'ImportInterrupted';
  }

  /** The reason of an import stopped by a shutdown, with its code. */
  static reasonAt(line: number | undefined) {
    return line === undefined ? coded('import-shutdown') : coded('import-shutdown-at', { line });
  }

  get reason() {
    return ImportInterrupted.reasonAt(this.line);
  }
}

export interface StreamApplyContext extends ApplyContext {
  partial: boolean;
  /**
   * Aborted when the process shuts down: stop at the next batch boundary. All or nothing: throw
   * `ImportInterrupted` (the transaction rolls back). Partial: commit what is stored and report the first line
   * not imported.
   */
  signal?: AbortSignal;
  /** The file's size in bytes, when known: a kind may plan for a large load (see `beginBulkLoad`). */
  sizeBytes?: number;
}

export interface StreamResult extends ApplyResult {
  status: 'accepted' | 'partial' | 'rejected';
  /** Records in the file, good and bad. */
  total: number;
  /**
   * Records refused, when not every issue is one (an import stopped by a shutdown names the first line it did
   * not import); default: the distinct lines with issues.
   */
  rejected?: number;
  issues: ImportIssue[];
}
