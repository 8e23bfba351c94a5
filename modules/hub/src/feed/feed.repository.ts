/** SQL for the change feed: append events in commit order, read them after a cursor, keep subscribers' cursors. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { decodeRow, type Database } from '@shuzhi/db';
import type { FeedEvent, NewFeedEvent } from './feed.schema.js';

interface FeedRow {
  seq: number;
  at: string;
  topic: string;
  entity_type: string;
  entity_id: string;
  person_id: string | null;
  area_code: string | null;
  source_id: string | null;
  payload: Record<string, unknown>;
}

// An arbitrary constant identifying the feed's append lock.
const FEED_LOCK_KEY = 7_207_001;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Executor = Kysely<any> | Transaction<any>;

export class FeedRepository {
  constructor(private readonly database: Database) {}

  /**
   * Appends events inside the caller's transaction. On PostgreSQL a transaction-scoped advisory lock makes
   * commit order equal sequence order, so a reader that has seen `seq` N never later finds N−1 appear.
   */
  async append(executor: Executor, events: NewFeedEvent[], at: string): Promise<void> {
    if (events.length === 0) return;
    if (this.database.dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(${FEED_LOCK_KEY})`.execute(executor);
    const rows = events.map((e) => ({
      at,
      topic: e.topic,
      entity_type: e.entityType,
      entity_id: e.entityId,
      person_id: e.personId ?? null,
      area_code: e.areaCode ?? null,
      source_id: e.sourceId ?? null,
      payload: JSON.stringify(e.payload ?? {}),
    }));
    for (let i = 0; i < rows.length; i += 500)
      await executor
        .insertInto('change_feed')
        .values(rows.slice(i, i + 500))
        .execute();
  }

  async readAfter(seq: number, limit: number, topics?: readonly string[]): Promise<FeedEvent[]> {
    let q = this.database.db
      .selectFrom('change_feed')
      .selectAll()
      .where('seq', '>', seq)
      .orderBy('seq')
      .limit(limit);
    if (topics && topics.length > 0) q = q.where('topic', 'in', [...topics]);
    const rows = (await q.execute()) as FeedRow[];
    return rows.map((r) => toEvent(decodeRow(r, { json: ['payload'] })));
  }

  async lastSeq(): Promise<number> {
    const row = await this.database.db
      .selectFrom('change_feed')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return Number((row as { seq: number | null } | undefined)?.seq ?? 0);
  }

  async getCursor(subscriber: string): Promise<number | undefined> {
    const row = await this.database.db
      .selectFrom('feed_cursors')
      .select('seq')
      .where('subscriber', '=', subscriber)
      .executeTakeFirst();
    return row ? Number((row as { seq: number }).seq) : undefined;
  }

  async setCursor(subscriber: string, seq: number, at: string): Promise<void> {
    await this.database.db
      .insertInto('feed_cursors')
      .values({ subscriber, seq, updated_at: at })
      .onConflict((oc) => oc.column('subscriber').doUpdateSet({ seq, updated_at: at }))
      .execute();
  }
}

function toEvent(r: FeedRow): FeedEvent {
  return {
    seq: Number(r.seq),
    at: r.at,
    topic: r.topic,
    entityType: r.entity_type,
    entityId: r.entity_id,
    personId: r.person_id,
    areaCode: r.area_code,
    sourceId: r.source_id,
    payload: r.payload,
  };
}
