/**
 * Appends change-feed events on the ingest hot path: the same rows, in the same transaction and under the
 * same ordering lock as `FeedRepository.append`, but through the bulk writer (one prepared statement on
 * SQLite, one statement per 5 000 rows on PostgreSQL) — a million events otherwise cost a million query
 * compilations. Keep in step with feed/feed.repository.ts.
 */
import { sql } from 'kysely';
import type { Clock } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { NewFeedEvent } from '../feed/feed.schema.js';
import { BulkWriter, type BulkTable, type Executor } from './bulk-writer.js';

/** The advisory lock `FeedRepository.append` takes, so commit order equals sequence order on PostgreSQL. */
const FEED_LOCK_KEY = 7_207_001;

const feedTable: BulkTable = {
  name: 'change_feed',
  columns: [
    ['at', 'timestamp'],
    ['topic', 'text'],
    ['entity_type', 'text'],
    ['entity_id', 'text'],
    ['person_id', 'text'],
    ['area_code', 'text'],
    ['source_id', 'text'],
    ['payload', 'json'],
  ],
};

export class FeedWriter {
  private readonly bulk: BulkWriter;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {
    this.bulk = new BulkWriter(database);
  }

  async publish(executor: Executor, events: readonly NewFeedEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (this.database.dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(${FEED_LOCK_KEY})`.execute(executor);
    const at = this.clock.now().toISOString();
    await this.bulk.insert(
      executor,
      feedTable,
      events.map((e) => ({
        at,
        topic: e.topic,
        entity_type: e.entityType,
        entity_id: e.entityId,
        person_id: e.personId ?? null,
        area_code: e.areaCode ?? null,
        source_id: e.sourceId ?? null,
        payload: e.payload ?? {},
      })),
    );
  }
}
