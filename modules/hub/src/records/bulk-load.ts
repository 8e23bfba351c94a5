/**
 * Large loads on SQLite: inside the load's own transaction, drop the secondary indexes that serve only
 * searches and reports (no step of the ingest pipeline reads them), store the rows, and build those indexes
 * again before the commit — one sorted pass per index instead of a random B-tree insertion per row and index.
 * The standard advice for bulk loading (PostgreSQL manual, "Populating a Database", §14.4.3; SQLite builds an
 * index by sorting the keys), done so that nobody ever sees a missing index: DDL is transactional in SQLite,
 * readers in WAL mode keep the snapshot from before the load, and a load that fails rolls the drop back.
 *
 * Not on PostgreSQL: DROP INDEX there takes an ACCESS EXCLUSIVE lock on the table until the commit, which
 * would stop every reader of the records for the length of the import.
 */
import { yieldToEventLoop } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';

/**
 * The indexes a load may defer: FHIR search (`_lastUpdated`, `subject`, `code`, `date`), the data-sources page
 * (records received per source), area reports on results and persons, and the change feed's per-topic reads.
 * Indexes the pipeline itself reads while ingesting (record keys, source keys, person links and identifiers,
 * results per person for case derivation) are never deferred.
 */
export const deferrableIndexes = [
  'hub_records_updated',
  'hub_records_subject',
  'hub_records_code',
  'hub_records_date',
  'hub_records_received',
  'observations_area_specimen',
  'persons_area',
  'change_feed_topic_seq',
] as const;

/** Below this many incoming records a load keeps its indexes: rebuilding costs more than it saves. */
export const BULK_LOAD_MIN_RECORDS = 50_000;

/**
 * Rebuilding an index sorts every row of its table, loaded or not; maintaining it costs a random B-tree
 * insertion per loaded row, several times the cost of a row in a sort. Defer when the load adds at least a
 * quarter of what the record store already holds.
 */
const LOADED_SHARE = 4;

export interface BulkLoad {
  /** The indexes dropped for the load, rebuilt by `finish`. */
  readonly deferred: readonly string[];
  /**
   * Builds the deferred indexes again; call inside the same transaction, before it commits. Each build holds
   * the event loop for as long as SQLite sorts that index's keys: other requests go between two builds, and
   * between the last one and the commit.
   */
  finish(): Promise<void>;
}

/**
 * Starts a bulk load inside the caller's open transaction when it pays off on this database: SQLite, at least
 * `minRecords` (default `BULK_LOAD_MIN_RECORDS`) expected records, and at least a quarter of the records already stored. Returns
 * null when the load should keep its indexes.
 */
export function beginBulkLoad(
  database: Database,
  expectedRecords: number,
  options: { minRecords?: number } = {},
): BulkLoad | null {
  const sqlite = database.sqlite;
  const minRecords = options.minRecords ?? BULK_LOAD_MIN_RECORDS;
  if (database.dialect !== 'sqlite' || !sqlite || expectedRecords < minRecords) return null;
  // max(rowid) is answered from the end of the table's B-tree: a count without reading every row.
  const stored = Number(
    (sqlite.prepare('SELECT coalesce(max(rowid), 0) AS n FROM hub_records').get() as { n: number }).n,
  );
  if (expectedRecords * LOADED_SHARE < stored) return null;
  const names = deferrableIndexes.map(() => '?').join(', ');
  const definitions = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (${names}) ORDER BY name`)
    .all(...deferrableIndexes) as { name: string; sql: string }[];
  for (const { name } of definitions) sqlite.exec(`DROP INDEX "${name}"`);
  return {
    deferred: definitions.map((d) => d.name),
    async finish() {
      for (const { sql } of definitions) {
        sqlite.exec(sql);
        await yieldToEventLoop();
      }
    },
  };
}
