/**
 * Imports: one entry point for every kind of file (FHIR NDJSON/Bundles, presence CSVs, travellers,
 * indicators…). Each module registers a handler for its kinds; this service runs it with the platform's
 * guarantees: validate the whole file first, apply all-or-nothing (unless partial), never lose an
 * acknowledged record, record a job with its error and warning report, audit the import, report progress.
 */
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { AppError, newId, type Clock, type ListParams, type Page } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { AccessContext, AuditService } from '@shuzhi/identity';
import {
  ImportInterrupted,
  type ImportHandler,
  type ImportIssue,
  type ImportTemplate,
  type StreamResult,
} from './import-handler.js';
import type { ImportJobRow, ImportsRepository, RunningJob } from './imports.repository.js';
import { coded, type CodedReason } from '../core/reasons.js';
import { HEARTBEAT_INTERVAL_MS, HEARTBEAT_STALE_MS, newJobOwner, ownerAlive } from './job-owner.js';
import { importKindRefusal, importSubmitterOf, type ImportSubmitter } from './import-kinds.js';
import { firstReplacedLine, notUtf8Reason, NotUtf8Error, utf8Checked } from './text-encoding.js';
import {
  DEFAULT_IMPORT_MAX_BYTES,
  discardLeftoverSpools,
  readUploadText,
  spoolUpload,
  TEXT_IMPORT_MAX_BYTES,
  type SpoolOptions,
} from './spool.js';

// The hub's figures for /metrics, published with the service that records import jobs (the package's index
// lists this file's exports).
export { HubOperationsMetrics, type MetricSample } from './operations-metrics.js';

export interface ImportRequest {
  kind: string;
  fileName: string;
  /** The file's contents; ignored when `stream` is given. */
  text: string;
  /** The file as it streams in; kinds that cannot stream read it into `text` first. */
  stream?: AsyncIterable<string | Buffer>;
  /** The streamed file's size in bytes, when known (a file on disk, a spooled upload). */
  streamBytes?: number;
  /** Apply the valid records even when some are rejected. */
  partial?: boolean;
  sourceId?: string | null;
  onProgress?: (done: number, total: number) => void;
  onJobCreated?: (jobId: string) => void;
  /**
   * The job is created at once, but its work begins only when this settles: an upload's 202 is sent (and its
   * audit entry written) first, since on SQLite the import's transaction holds the one connection until it ends.
   */
  startAfter?: Promise<unknown>;
}

/** A file arriving as a request body, of a size known only once it has arrived. */
export interface UploadRequest extends Omit<ImportRequest, 'text' | 'stream' | 'streamBytes'> {
  /** The Content-Length the client declared, if any: a file declared too large is refused unread. */
  declaredBytes?: number;
}

export interface ImportReport {
  jobId: string;
  kind: string;
  fileName: string;
  status: 'accepted' | 'partial' | 'rejected';
  total: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  errors: ImportIssue[];
  /** Records imported despite a problem (a resident ID kept though its check digit fails), by line and field. */
  warnings: ImportIssue[];
}

/** The report of a job whose process stopped mid-way: its transaction was rolled back with it. */
const INTERRUPTED: ImportIssue = { line: 0, ...coded('import-process-stopped') };

/** At most this many issues, and as many warnings, are kept in a job's stored report (all are returned to the caller). */
const STORED_ISSUES = 1000;

export class ImportsService {
  private readonly handlers = new Map<string, ImportHandler>();
  /**
   * The jobs this process is running, answered from here while they run: on SQLite the import's transaction
   * holds the one connection, so the job's row can be neither read nor updated until the import ends. The
   * row is written whole when the job finishes, and only then leaves this map.
   */
  private readonly live = new Map<string, ImportJobRow>();
  /** This process, as the owner of the jobs it runs. */
  private readonly owner = newJobOwner();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  /** Aborted at shutdown: running imports stop at their next batch boundary (see `stopRunning`). */
  private readonly stopping = new AbortController();
  /** The imports this process runs, settled or not: a shutdown waits for them to stop. */
  private readonly runs = new Set<Promise<unknown>>();
  /** The deletion of spooled uploads once their import ended: a shutdown waits for them too. */
  private readonly cleanups = new Set<Promise<unknown>>();
  private uploads: SpoolOptions = { directory: tmpdir(), maxBytes: DEFAULT_IMPORT_MAX_BYTES };

  constructor(
    private readonly database: Database,
    private readonly jobs: ImportsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly options: { defaultDwellMinutes: number },
  ) {}

  register<R>(handler: ImportHandler<R>): void {
    if (this.handlers.has(handler.kind)) throw new Error(`import kind ${handler.kind} registered twice`);
    this.handlers.set(handler.kind, handler as ImportHandler);
  }

  kinds(): { kind: string; description: string; descriptionZh: string; template: ImportTemplate | null }[] {
    return [...this.handlers.values()].map((h) => ({
      kind: h.kind,
      description: h.description,
      descriptionZh: h.descriptionZh ?? h.description,
      template: h.template ?? null,
    }));
  }

  template(kind: string): ImportTemplate | undefined {
    return this.handlers.get(kind)?.template;
  }

  /** Where uploads are spooled and how large one may be (the server sets both from its configuration). */
  configureUploads(options: Partial<SpoolOptions>): void {
    this.uploads = { ...this.uploads, ...options };
  }

  /**
   * Starts an import of a file arriving as a request body. A kind that streams gets the body spooled to a
   * temporary file first — the job starts only once the whole body is in — and reads it back from there; the
   * file is deleted when the import ends, however it ends. Other kinds get the body as text.
   */
  async startUpload(
    ctx: AccessContext,
    request: UploadRequest,
    body: Readable,
  ): Promise<{ jobId: string; done: Promise<ImportReport> }> {
    const { declaredBytes, ...rest } = request;
    const handler = this.handlerOf(request.kind);
    // Refused before a byte of the body is spooled.
    await this.assertMayImport(ctx, request);
    const limit = {
      maxBytes: this.uploads.maxBytes,
      name: 'the import limit (SHUZHI_IMPORT_MAX_BYTES)',
      ...(declaredBytes === undefined ? {} : { declaredBytes }),
    };
    if (!handler.importStream) {
      const textLimit =
        this.uploads.maxBytes <= TEXT_IMPORT_MAX_BYTES
          ? limit
          : {
              ...limit,
              maxBytes: TEXT_IMPORT_MAX_BYTES,
              name: `the largest ${request.kind} file (read whole, not streamed)`,
            };
      return this.start(ctx, { ...rest, text: await readUploadText(body, textLimit) });
    }
    const upload = await spoolUpload(body, { ...this.uploads, owner: this.owner, limit });
    try {
      const { jobId, done } = await this.start(ctx, {
        ...rest,
        text: '',
        stream: upload.read(),
        streamBytes: upload.bytes,
      });
      const finished = done.finally(() => upload.discard());
      // A shutdown waits for the spooled file to be deleted too, not only for the import to stop.
      this.cleanups.add(finished);
      const forget = () => this.cleanups.delete(finished);
      finished.then(forget, forget);
      return { jobId, done: finished };
    } catch (error) {
      await upload.discard();
      throw error;
    }
  }

  /**
   * Starts an import and returns its job id at once; the import continues in the background and its
   * progress and report are read from the job. Used by the web upload, which follows the job.
   */
  async start(
    ctx: AccessContext,
    request: ImportRequest,
  ): Promise<{ jobId: string; done: Promise<ImportReport> }> {
    let resolveId: (id: string) => void = () => undefined;
    const idKnown = new Promise<string>((resolve) => (resolveId = resolve));
    const done = this.run(ctx, { ...request, onJobCreated: resolveId });
    // A failure before the job exists (unknown kind) must reach the caller, not hang.
    const jobId = await Promise.race([idKnown, done.then((r) => r.jobId)]);
    return { jobId, done };
  }

  /**
   * Marks failed the jobs left "running" by a process that is gone (their transaction was rolled back with
   * it) — only those: a live import of another process on the same database is left alone. Jobs recorded
   * before jobs had owners are failed, as they were before.
   */
  async failInterruptedJobs(): Promise<number> {
    let failed = 0;
    for (const job of await this.jobs.running())
      if ((job.owner === null && !this.live.has(job.id)) || this.abandoned(job))
        if (await this.jobs.failRunningJob(job.id, this.clock.now().toISOString(), [INTERRUPTED])) failed++;
    return failed;
  }

  /**
   * Whether a job marked running has lost its process: on this host its process table tells; on another
   * (servers sharing a PostgreSQL) a heartbeat older than `HEARTBEAT_STALE_MS` does. SQLite cannot carry a
   * heartbeat (the import's transaction holds the write lock), but its processes share one host.
   */
  private abandoned(job: RunningJob): boolean {
    if (this.live.has(job.id) || job.owner === null) return false;
    const alive = ownerAlive(job.owner);
    if (alive !== undefined) return !alive;
    if (this.database.dialect !== 'postgres' || job.heartbeat_at === null) return false;
    return this.clock.now().getTime() - Date.parse(job.heartbeat_at) > HEARTBEAT_STALE_MS;
  }

  /** A stored job as it is: one still "running" whose process is gone is failed, here and in the table. */
  private async settled(job: ImportJobRow): Promise<ImportJobRow> {
    if (job.status !== 'running' || !this.abandoned(job)) return job;
    const at = this.clock.now().toISOString();
    // Best effort: a busy database leaves the row for the next reader or the next start to fix.
    await this.jobs.failRunningJob(job.id, at, [INTERRUPTED]).catch(() => false);
    return { ...job, status: 'failed', finished_at: at, issues: [INTERRUPTED] };
  }

  private track(job: ImportJobRow): void {
    this.live.set(job.id, job);
    // Only PostgreSQL can take the write while the import runs; on SQLite it would wait for the import's end.
    if (this.heartbeat || this.database.dialect !== 'postgres') return;
    this.heartbeat = setInterval(() => {
      const at = this.clock.now().toISOString();
      void this.jobs.heartbeat([...this.live.keys()], at).catch(() => undefined);
    }, HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
  }

  private forget(jobId: string): void {
    this.live.delete(jobId);
    if (this.live.size > 0 || !this.heartbeat) return;
    clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** Deletes uploads a crash left in this server's own spool folder (at start; see `SpoolOptions.ownDirectory`). */
  async discardLeftoverUploads(): Promise<number> {
    return this.uploads.ownDirectory ? discardLeftoverSpools(this.uploads.directory) : 0;
  }

  /**
   * At shutdown (SIGTERM): asks every running import to stop at its next batch boundary and waits up to
   * `waitMs` for them to end. An all-or-nothing import rolls back and its job is failed with the reason
   * (sending the file again resumes it: records already stored count as unchanged); a partial one keeps what
   * it stored and names the first line it did not import. New imports are refused from now on.
   */
  async stopRunning(waitMs: number): Promise<number> {
    this.stopping.abort();
    const running = [...this.runs];
    if (running.length === 0 && this.cleanups.size === 0) return 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.allSettled([...running, ...this.cleanups]),
      new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
    ]);
    clearTimeout(timer);
    return running.length;
  }

  run(ctx: AccessContext, request: ImportRequest): Promise<ImportReport> {
    const running = this.runImport(ctx, request);
    this.runs.add(running);
    const forget = () => this.runs.delete(running);
    running.then(forget, forget);
    return running;
  }

  private async runImport(ctx: AccessContext, request: ImportRequest): Promise<ImportReport> {
    if (this.stopping.signal.aborted)
      throw new AppError('unavailable', 'the server is shutting down: send the file again in a moment', {
        retryAfterSeconds: 5,
      });
    const handler = this.handlerOf(request.kind);
    await this.assertMayImport(ctx, request);
    const jobId = newId('imp');
    const sourceId = request.sourceId ?? ctx.principal.sourceId ?? null;
    const job: ImportJobRow = {
      id: jobId,
      kind: request.kind,
      file_name: request.fileName,
      status: 'running',
      total: 0,
      accepted: 0,
      unchanged: 0,
      rejected: 0,
      progress: 0,
      issues: [],
      warnings: [],
      warning_count: 0,
      actor_id: ctx.principal.id,
      source_id: sourceId,
      created_at: this.clock.now().toISOString(),
      finished_at: null,
      owner: this.owner,
      heartbeat_at: this.clock.now().toISOString(),
    };
    await this.jobs.insert(job);
    this.track(job);
    request.onJobCreated?.(jobId);
    let report: ImportReport;
    try {
      await request.startAfter;
      if (this.stopping.signal.aborted) throw new ImportInterrupted();
      report = await this.runHandler(handler, job, ctx, request, sourceId);
    } catch (error) {
      await this.end({ ...job, status: 'failed', issues: [{ line: 0, ...failureReason(error) }] });
      // The audit entry is a write too (it fails as well on a full disk): it must not hide why the import failed.
      await this.audit
        .record(ctx, {
          action: `import ${request.kind}`,
          resourceType: 'import_job',
          resourceId: jobId,
          outcome: 'failure',
        })
        .catch(() => undefined);
      throw error;
    }
    await this.end({
      ...job,
      status: report.status,
      total: report.total,
      accepted: report.accepted,
      unchanged: report.unchanged,
      rejected: report.rejected,
      progress: 1,
      issues: report.errors.slice(0, STORED_ISSUES),
      warnings: report.warnings.slice(0, STORED_ISSUES),
      warning_count: report.warnings.length,
    });
    await this.audit.record(ctx, {
      action: `import ${request.kind}`,
      resourceType: 'import_job',
      resourceId: jobId,
      outcome: report.status === 'rejected' ? 'failure' : 'success',
      detail: {
        total: report.total,
        accepted: report.accepted,
        unchanged: report.unchanged,
        rejected: report.rejected,
      },
    });
    return report;
  }

  /**
   * Records how a job ended. When that write fails (the disk that stopped the import is still full), the
   * ended job stays in memory, so this process still answers what happened and why; its row is written when
   * a later read finds the database writable again.
   */
  private async end(job: ImportJobRow): Promise<void> {
    const ended: ImportJobRow = { ...job, finished_at: this.clock.now().toISOString() };
    this.live.set(job.id, ended);
    await this.save(ended);
  }

  private async save(ended: ImportJobRow): Promise<void> {
    try {
      await this.jobs.update(ended.id, {
        status: ended.status,
        total: ended.total,
        accepted: ended.accepted,
        unchanged: ended.unchanged,
        rejected: ended.rejected,
        progress: ended.progress,
        issues: ended.issues,
        warnings: ended.warnings,
        warning_count: ended.warning_count,
        finished_at: ended.finished_at,
      });
      this.forget(ended.id);
    } catch {
      // Kept in `live` (the heartbeat touches running rows only); written by the next reader.
    }
  }

  /** Ended jobs whose row could not be written yet (a full disk): written now, if the database lets us. */
  private async retryUnsaved(): Promise<void> {
    for (const job of [...this.live.values()]) if (job.status !== 'running') await this.save(job);
  }

  /**
   * Refuses a kind the records' data source may not submit (`import-kinds.ts`), before any job exists: every
   * way in — the imports page, `POST /api/v1/imports`, FHIR `$import`, `shuzhi import --source` — meets the
   * same rule. The source is the one named for the import, else the caller's own; its registered type decides.
   * Staff importing in no source's name may import any kind.
   */
  async assertMayImport(
    ctx: AccessContext,
    request: Pick<ImportRequest, 'kind' | 'sourceId'>,
  ): Promise<void> {
    const refusal = await this.importRefusal(ctx, request);
    if (refusal)
      throw new AppError('forbidden', refusal.reason, {
        issues: [{ record: request.kind, field: 'kind', ...refusal }],
      });
  }

  /** Why the caller may not import this kind (see `assertMayImport`); undefined when it may. */
  async importRefusal(
    ctx: AccessContext,
    request: Pick<ImportRequest, 'kind' | 'sourceId'>,
  ): Promise<CodedReason | undefined> {
    const sourceId = request.sourceId ?? ctx.principal.sourceId ?? null;
    const sourceType = sourceId === null ? undefined : await this.jobs.sourceTypeOf(sourceId);
    // A data source's own key or account: its type, or unknown; anyone else importing in a registered
    // source's name (the CLI's --source): that source's type.
    const submitter: ImportSubmitter =
      ctx.principal.role === 'data_source' || sourceType === undefined
        ? importSubmitterOf(ctx.principal, sourceType)
        : { staff: false, sourceType };
    return importKindRefusal(request.kind, submitter);
  }

  private handlerOf(kind: string): ImportHandler {
    const handler = this.handlers.get(kind);
    if (handler) return handler;
    const known = [...this.handlers.keys()].join(', ');
    throw new AppError('invalid_input', `unknown import kind "${kind}"; one of ${known}`, {
      issues: [{ field: 'kind', reason: `one of ${known}` }],
    });
  }

  /** A job: one this process runs from memory (without waiting for the database), else its stored row. */
  async getJob(id: string): Promise<ImportJobRow | undefined> {
    await this.retryUnsaved();
    const live = this.live.get(id);
    if (live) return { ...live };
    const stored = await this.jobs.find(id);
    return stored && this.settled(stored);
  }

  /** A job the caller may follow (see `jobScope`); undefined when it does not exist or is not theirs. */
  async getJobFor(ctx: AccessContext, id: string): Promise<ImportJobRow | undefined> {
    const job = await this.getJob(id);
    const scope = jobScope(ctx);
    if (!job) return undefined;
    if (scope.sourceId !== undefined && job.source_id !== scope.sourceId) return undefined;
    if (scope.actorId !== undefined && job.actor_id !== scope.actorId) return undefined;
    return job;
  }

  /** Past and running imports; a job this process runs shows its progress from memory, as `getJob` does. */
  async listJobs(ctx: AccessContext, params: ListParams): Promise<Page<ImportJobRow>> {
    await this.retryUnsaved();
    const page = await this.jobs.list(jobScope(ctx), params);
    return {
      ...page,
      items: await Promise.all(
        page.items.map(async (row) => {
          const live = this.live.get(row.id);
          // A list carries no issues (see the repository): only the status and end change for a dead job.
          return live
            ? { ...live, issues: row.issues }
            : { ...(await this.settled(row)), issues: row.issues };
        }),
      ),
    };
  }

  private async runHandler(
    handler: ImportHandler,
    job: ImportJobRow,
    ctx: AccessContext,
    request: ImportRequest,
    sourceId: string | null,
  ): Promise<ImportReport> {
    const jobId = job.id;
    // Other processes (a CLI import, a second server) read progress from the table. On PostgreSQL it is
    // written through another pooled connection; on SQLite that write would only queue behind the import's
    // own transaction and land after it, so the progress there lives in memory (see `live`).
    const writeProgress = this.database.dialect === 'postgres';
    let lastWrite = 0;
    const stopsAtProgress = !(request.stream && handler.importStream);
    const progress = (done: number, total: number) => {
      // Every kind reports progress after each batch it applies: the batch boundary where a shutdown stops it
      // (thrown inside the import's transaction, which rolls back). A streamed import watches the signal itself.
      if (stopsAtProgress && this.stopping.signal.aborted) throw new ImportInterrupted();
      request.onProgress?.(done, total);
      job.progress = total > 0 ? Math.min(done / total, 1) : 1;
      const now = Date.now();
      if (writeProgress && now - lastWrite > 1000) {
        lastWrite = now;
        void this.jobs.updateProgress(jobId, job.progress).catch(() => undefined);
      }
    };
    const notUtf8 = (line: number): ImportReport => ({
      jobId,
      kind: request.kind,
      fileName: request.fileName,
      status: 'rejected',
      // How many records the file holds is unknown: it was not read past the line at fault.
      total: 1,
      accepted: 0,
      unchanged: 0,
      rejected: 1,
      errors: [{ line, ...notUtf8Reason() }],
      warnings: [],
    });
    if (request.stream && handler.importStream) {
      // Checked as it streams: a bad byte throws inside the import's transaction, which rolls back whole.
      let result: StreamResult;
      try {
        result = await handler.importStream(utf8Checked(request.stream), {
          ctx,
          sourceId,
          progress,
          partial: request.partial ?? false,
          signal: this.stopping.signal,
          ...(request.streamBytes !== undefined ? { sizeBytes: request.streamBytes } : {}),
        });
      } catch (error) {
        if (error instanceof NotUtf8Error) return notUtf8(error.line);
        throw error;
      }
      if (result.status !== 'rejected') await handler.afterCommit?.();
      return {
        jobId,
        kind: request.kind,
        fileName: request.fileName,
        status: result.status,
        total: result.total,
        accepted: result.accepted,
        unchanged: result.unchanged,
        rejected: result.rejected ?? rejectedCount(result.issues),
        errors: result.issues,
        warnings: [],
      };
    }
    const text = request.stream ? await readAll(request.stream) : request.text;
    // The text was decoded already (the CLI, an HTTP body): bytes that were not UTF-8 are U+FFFD now.
    const replaced = firstReplacedLine(text);
    if (replaced !== null) return notUtf8(replaced);
    const parsed = await handler.parse(text, {
      defaultDwellMinutes: this.options.defaultDwellMinutes,
    });
    // A refused file's warnings are reported too: the lines they name need the same care when it is sent again.
    const base = {
      jobId,
      kind: request.kind,
      fileName: request.fileName,
      total: parsed.total,
      warnings: parsed.warnings ?? [],
    };
    if (parsed.issues.length > 0 && !request.partial) {
      return {
        ...base,
        status: 'rejected',
        accepted: 0,
        unchanged: 0,
        rejected: rejectedCount(parsed.issues),
        errors: parsed.issues,
      };
    }
    const applied = await this.database.db
      .transaction()
      .execute(async (trx) => {
        const result = await handler.apply(trx, parsed.records, { ctx, sourceId, progress });
        if (result.issues && result.issues.length > 0 && !request.partial) {
          // A reference that did not resolve: undo everything this file did.
          throw new RejectedBatch(result.issues);
        }
        return result;
      })
      .catch((error: unknown) => {
        if (error instanceof RejectedBatch) return error;
        throw error;
      });
    if (applied instanceof RejectedBatch) {
      const errors = [...parsed.issues, ...applied.issues];
      return {
        ...base,
        status: 'rejected',
        accepted: 0,
        unchanged: 0,
        rejected: rejectedCount(errors),
        errors,
      };
    }
    await handler.afterCommit?.();
    const errors = [...parsed.issues, ...(applied.issues ?? [])];
    return {
      ...base,
      status: errors.length > 0 ? 'partial' : 'accepted',
      accepted: applied.accepted,
      unchanged: applied.unchanged,
      rejected: rejectedCount(errors),
      errors,
    };
  }
}

/**
 * Whose imports a caller sees: a data source's API key, its source's; a data-submitter's account (a lab
 * clerk signed in on the web), the imports it started — one institution's file names and error reports are
 * not another's to read; officials, all of them.
 */
function jobScope(ctx: AccessContext): { sourceId?: string; actorId?: string } {
  const { principal } = ctx;
  if (principal.sourceId) return { sourceId: principal.sourceId };
  if (principal.role === 'data_source') return { actorId: principal.id };
  return {};
}

class RejectedBatch extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super('batch rejected');
  }
}

/**
 * Why an import failed, for its job's report (the imports page, `GET /api/v1/imports/{id}`): what the
 * operator must do, never the records' contents. Every failure before the commit leaves nothing behind:
 * the file's one transaction was rolled back.
 */
export function failureReason(error: unknown): CodedReason {
  const code = (error as { code?: unknown } | null)?.code;
  // SQLITE_FULL; ENOSPC when a file beside the database (the spool) could not grow; 53100 is PostgreSQL's disk_full.
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100') return coded('disk-full');
  if (code === 'EDQUOT') return coded('disk-quota');
  if (typeof code === 'string' && code.startsWith('SQLITE_IOERR')) return coded('disk-write', { code });
  if (code === 'SQLITE_READONLY' || (typeof code === 'string' && code.startsWith('SQLITE_READONLY_')))
    return coded('database-read-only', { code });
  if (error instanceof ImportInterrupted) return error.reason;
  if (error instanceof AppError) return coded('import-refused', { message: error.message });
  // Other messages may quote a record's values (a constraint's detail): name the error, not its text.
  const name = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
  return coded('import-error', { name });
}

/** Records rejected: distinct lines with at least one issue. */
function rejectedCount(issues: ImportIssue[]): number {
  return new Set(issues.map((i) => i.line)).size;
}

async function readAll(stream: AsyncIterable<string | Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
