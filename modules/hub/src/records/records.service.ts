/**
 * The record store's use cases: store submitted records (all-or-nothing, or each on its own) and answer
 * only once they are committed; read the current version, an earlier one, or the history; log what each
 * source sent and what was refused, for the data-sources page.
 */
import type { Clock } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import { asSubmittedBy } from '../core/index.js';
import type { ChangeFeed } from '../feed/change-feed.js';
import type { PersonLinker } from '../mpi/person-linker.js';
import { beginBulkLoad, type BulkLoad } from './bulk-load.js';
import type { Executor } from './bulk-writer.js';
import type { IncomingRecord, IngestOutcome } from './incoming.js';
import type { CaseWork, IngestService, IntakeChannel } from './ingest.service.js';
import type { RecordsRepository, StoredRecordRow, VersionRow } from './records.repository.js';

export { OPERATOR_SOURCE } from './operator-source.js';

export interface StoreRequest {
  sourceId: string;
  channel: IntakeChannel;
  /** All records or none (a transaction, an all-or-nothing import); otherwise each stands alone. */
  atomic: boolean;
  /** Cases derived once for the whole transaction (`newCaseWork`, then `settleCasesIn` before the commit). */
  cases?: CaseWork;
}

export interface IntakeCounts {
  accepted: number;
  unchanged: number;
  rejected: number;
}

class Rejected extends Error {
  constructor(readonly outcomes: IngestOutcome[]) {
    super('submission rejected');
  }
}

export class RecordsService {
  constructor(
    private readonly database: Database,
    private readonly repository: RecordsRepository,
    private readonly pipeline: IngestService,
    private readonly linker: PersonLinker,
    private readonly feed: ChangeFeed,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores records in one transaction and returns once it committed. Atomic: a single rejected record
   * rolls everything back and every outcome says why. Not atomic: good records are stored, bad ones reported.
   */
  async store(items: readonly IncomingRecord[], request: StoreRequest): Promise<IngestOutcome[]> {
    let outcomes: IngestOutcome[];
    const attempt = () =>
      this.database.db.transaction().execute(async (trx) => {
        const submitted = await this.asSubmitted(trx, items, request.sourceId);
        const result = await this.pipeline.ingest(trx, submitted.items, {
          sourceId: request.sourceId,
          sourceType: submitted.sourceType,
          atomic: request.atomic,
        });
        if (request.atomic && result.some((o) => o.status === 'rejected')) throw new Rejected(result);
        return result;
      });
    try {
      try {
        outcomes = await attempt();
      } catch (error) {
        // Another process stored the same record between this one's lookup and its insert (a client that
        // retried against a second server): once that commit is visible, the record is simply unchanged.
        if (!isUniqueViolation(error)) throw error;
        this.linker.invalidate();
        outcomes = await attempt();
      }
    } catch (error) {
      if (error instanceof Rejected) outcomes = error.outcomes;
      else throw error;
    }
    this.feed.notify();
    await this.logIntake(request.sourceId, request.channel, countOutcomes(outcomes, request.atomic));
    return outcomes;
  }

  /** Stores records inside a transaction the caller runs (imports); call `committed` after it commits. */
  async storeIn(
    executor: Executor,
    items: readonly IncomingRecord[],
    request: StoreRequest,
  ): Promise<IngestOutcome[]> {
    const submitted = await this.asSubmitted(executor, items, request.sourceId);
    return this.pipeline.ingest(executor, submitted.items, {
      sourceId: request.sourceId,
      sourceType: submitted.sourceType,
      atomic: request.atomic,
      ...(request.cases ? { cases: request.cases } : {}),
    });
  }

  /** Derives the cases an import's `storeIn` calls collected in `work`; call once, before the commit. */
  settleCasesIn(executor: Executor, work: CaseWork): Promise<void> {
    return this.pipeline.settleCases(executor, work);
  }

  /**
   * The records as their source's type implies (a fever clinic's visits are fever-clinic visits), and that
   * type, which limits what the source may submit: decided here, where every channel — FHIR REST, Bundles,
   * files, streamed NDJSON, CSV — passes with its source.
   */
  private async asSubmitted(
    executor: Executor,
    items: readonly IncomingRecord[],
    sourceId: string,
  ): Promise<{ items: readonly IncomingRecord[]; sourceType: string | undefined }> {
    if (items.length === 0) return { items, sourceType: undefined };
    const sourceType = await this.repository.sourceTypeOf(executor, sourceId);
    if (!items.some((i) => i.record.kind === 'encounter')) return { items, sourceType };
    return {
      items: items.map((item) => {
        const record = asSubmittedBy(item.record, sourceType);
        return record === item.record ? item : { ...item, record };
      }),
      sourceType,
    };
  }

  committed(): void {
    this.feed.notify();
  }

  /** Starts a bulk load inside the caller's open transaction when one of this size pays off (see `beginBulkLoad`). */
  beginBulkLoad(expectedRecords: number): BulkLoad | null {
    return beginBulkLoad(this.database, expectedRecords);
  }

  /** Notes what a source sent and what was refused (outside any write transaction, so refusals count too). */
  async logIntake(sourceId: string, channel: IntakeChannel, counts: IntakeCounts): Promise<void> {
    if (counts.accepted + counts.unchanged + counts.rejected === 0) return;
    await this.repository.insertIntake(this.database.db, {
      source_id: sourceId,
      at: this.clock.now().toISOString(),
      channel,
      ...counts,
    });
  }

  /** A record by its platform-wide id. */
  read(resourceType: string, id: string): Promise<StoredRecordRow | undefined> {
    return this.repository.read(resourceType, id);
  }

  /** A source's own record by the id the source gave or was given (its own namespace). */
  readOwn(sourceId: string, resourceType: string, id: string): Promise<StoredRecordRow | undefined> {
    return this.repository.readOwn(sourceId, resourceType, id);
  }

  /** `Type/platformId` of records a source names `Type/ownId`, where the two differ. */
  platformIdsOf(
    sourceId: string,
    references: readonly { resourceType: string; localId: string }[],
  ): Promise<Map<string, string>> {
    return this.repository.platformIdsOf(sourceId, references);
  }

  /** A version: the current one, or one kept in the history. */
  async readVersion(
    resourceType: string,
    id: string,
    version: number,
  ): Promise<StoredRecordRow | VersionRow | undefined> {
    const current = await this.repository.read(resourceType, id);
    if (current && current.version === version) return current;
    return this.repository.version(resourceType, id, version);
  }

  /** Every version, newest first. */
  async history(resourceType: string, id: string): Promise<(StoredRecordRow | VersionRow)[]> {
    const current = await this.repository.read(resourceType, id);
    if (!current) return [];
    return [current, ...(await this.repository.versions(resourceType, id))];
  }

  /** Forgets the in-memory person index (tests; after restoring a database). */
  resetIndex(): void {
    this.linker.invalidate();
  }
}

export function countOutcomes(outcomes: readonly IngestOutcome[], atomic: boolean): IntakeCounts {
  const rejected = outcomes.filter((o) => o.status === 'rejected').length;
  if (atomic && rejected > 0) return { accepted: 0, unchanged: 0, rejected: outcomes.length };
  return {
    accepted: outcomes.filter((o) => o.status === 'created' || o.status === 'updated').length,
    unchanged: outcomes.filter((o) => o.status === 'unchanged').length,
    rejected,
  };
}

/** A unique key refused an insert (PostgreSQL 23505; SQLite's UNIQUE and PRIMARY KEY constraints). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
