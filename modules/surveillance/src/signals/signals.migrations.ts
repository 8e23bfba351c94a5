/** Tables of event-based surveillance: news items, the feeds they come from, signals and their triage. */
import type { Kysely } from 'kysely';
import { columnTypes, dialectOf, type MigrationMap } from '@shuzhi/db';

export const signalsMigrations: MigrationMap = {
  'surveillance/signals/0001_news_signals': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('news_feeds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text')
        .addColumn('active', t.bool, (c) => c.notNull())
        .addColumn('interval_minutes', 'integer', (c) => c.notNull())
        .addColumn('next_fetch_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_fetched_at', t.timestamp)
        .addColumn('last_status', 'text')
        .addColumn('last_error', 'text')
        .addColumn('last_new_items', 'integer', (c) => c.notNull())
        .addColumn('items_total', 'integer', (c) => c.notNull())
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('news_feeds_due')
        .on('news_feeds')
        .columns(['active', 'next_fetch_at'])
        .execute();

      await db.schema
        .createTable('news_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // Two de-duplication keys (see news-item-keys.ts); a NULL url never collides.
        .addColumn('url', 'text', (c) => c.unique())
        .addColumn('content_key', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('source', 'text')
        .addColumn('published', 'text')
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('relevant', t.bool, (c) => c.notNull())
        .addColumn('score', t.double, (c) => c.notNull())
        .addColumn('event_date', 'text', (c) => c.notNull())
        .addColumn('disease_id', 'text')
        .addColumn('place_code', 'text')
        .addColumn('cases', t.bigint)
        .addColumn('deaths', t.bigint)
        .addColumn('extraction', t.json, (c) => c.notNull())
        .addColumn('highlights', t.json, (c) => c.notNull())
        .addColumn('signal_id', 'text')
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('feed_id', 'text')
        .addColumn('ingested_by', 'text', (c) => c.notNull())
        .addColumn('ingested_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('news_items_signal').on('news_items').column('signal_id').execute();
      await db.schema.createIndex('news_items_ingested').on('news_items').column('ingested_at').execute();
      await db.schema
        .createIndex('news_items_relevant')
        .on('news_items')
        .columns(['relevant', 'ingested_at'])
        .execute();

      await db.schema
        .createTable('news_signals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('disease_id', 'text')
        .addColumn('disease_en', 'text')
        .addColumn('disease_zh', 'text')
        .addColumn('place_code', 'text')
        .addColumn('place_scheme', 'text')
        .addColumn('place_name_zh', 'text')
        .addColumn('place_name_en', 'text')
        .addColumn('area_code', 'text')
        .addColumn('places', t.json, (c) => c.notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('last_seen', 'text', (c) => c.notNull())
        .addColumn('max_cases', t.bigint)
        .addColumn('max_deaths', t.bigint)
        .addColumn('max_score', t.double, (c) => c.notNull())
        .addColumn('item_count', 'integer', (c) => c.notNull())
        .addColumn('languages', 'text', (c) => c.notNull())
        .addColumn('cluster_state', t.json, (c) => c.notNull())
        .addColumn('merged_into', 'text')
        .addColumn('retired_at', t.timestamp)
        .addColumn('triaged_by', 'text')
        .addColumn('triaged_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('news_signals_status')
        .on('news_signals')
        .columns(['status', 'updated_at'])
        .execute();
      await db.schema
        .createIndex('news_signals_open_cluster')
        .on('news_signals')
        .columns(['retired_at', 'status'])
        .execute();

      await db.schema
        .createTable('signal_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('signal_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text', (c) => c.notNull())
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('related_signal_id', 'text')
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('signal_decisions_signal')
        .on('signal_decisions')
        .columns(['signal_id', 'at'])
        .execute();

      // One row: the clustering lock, the next signal number, and a token that changes on every write
      // (an in-process cache of the open signals is valid while the token it was read with still stands).
      await db.schema
        .createTable('signal_clustering')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('token', 'text', (c) => c.notNull())
        .addColumn('next_number', 'integer', (c) => c.notNull())
        .addColumn('retired_through', 'text')
        .execute();
      await db.insertInto('signal_clustering').values({ id: 1, token: 'initial', next_number: 1 }).execute();
    },
  },
};
