/**
 * Tables of the master person index: each source person record's link to a person (method, score,
 * explanation, and the fields linkage compares, so the in-memory index is rebuilt from them), the review
 * queue of uncertain pairs, merges (undoable), and the version counter that serialises linking.
 */
import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '@shuzhi/db';

export const mpiMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const t = columnTypes(dialectOf(db));
    await db.schema
      .createTable('person_links')
      .addColumn('record_key', 'text', (c) => c.primaryKey())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('source_record_id', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('score', t.double)
      .addColumn('explanation', t.json)
      .addColumn('name', 'text')
      .addColumn('sex', 'text')
      .addColumn('birth_date', 'text')
      .addColumn('phone', 'text')
      .addColumn('area_code', 'text')
      .addColumn('address', 'text')
      .addColumn('resident_id', 'text')
      .addColumn('passport', 'text')
      .addColumn('export_system', 'text', (c) => c.notNull())
      .addColumn('export_value', 'text', (c) => c.notNull())
      .addColumn('linked_at', t.timestamp, (c) => c.notNull())
      .addColumn('mpi_version', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('person_links_person').on('person_links').column('person_id').execute();
    await db.schema.createIndex('person_links_version').on('person_links').column('mpi_version').execute();
    await db.schema
      .createTable('linkage_reviews')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('record_key', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('candidate_person_id', 'text', (c) => c.notNull())
      .addColumn('candidate_record_key', 'text', (c) => c.notNull())
      .addColumn('score', t.double, (c) => c.notNull())
      .addColumn('explanation', t.json, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', t.timestamp)
      .addColumn('merge_id', 'text')
      .execute();
    await db.schema
      .createIndex('linkage_reviews_status')
      .on('linkage_reviews')
      .columns(['status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('linkage_reviews_record')
      .on('linkage_reviews')
      .column('record_key')
      .execute();
    await db.schema
      .createTable('person_merges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('survivor_id', 'text', (c) => c.notNull())
      .addColumn('merged_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('review_id', 'text')
      .addColumn('merged_by', 'text', (c) => c.notNull())
      .addColumn('merged_at', t.timestamp, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('undone_by', 'text')
      .addColumn('undone_at', t.timestamp)
      .addColumn('mpi_version', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('person_merges_persons')
      .on('person_merges')
      .columns(['survivor_id', 'merged_id'])
      .execute();
    await db.schema.createIndex('persons_merged_into').on('persons').column('merged_into').execute();
    await db.schema
      .createTable('mpi_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('version', t.bigint, (c) => c.notNull())
      .execute();
    await db.insertInto('mpi_state').values({ id: 1, version: 0 }).execute();
  },
};

/**
 * A person whose last linked record moved away (corrected or split off) is emptied, not deleted: its id may be
 * in the change feed, audit trail and other modules' rows, so it stays and says when it was emptied and where
 * its last record went.
 */
export const emptiedPersonsMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const t = columnTypes(dialectOf(db));
    await db.schema.alterTable('persons').addColumn('emptied_at', t.timestamp).execute();
    await db.schema.alterTable('persons').addColumn('emptied_to', 'text').execute();
  },
};

/**
 * A split (one wrongly linked record moved off its person into a new one) is kept as history, as a merge is:
 * both persons' pages and timelines show it, with who split it, when and why.
 */
export const personSplitsMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const t = columnTypes(dialectOf(db));
    await db.schema
      .createTable('person_splits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('record_key', 'text', (c) => c.notNull())
      .addColumn('from_person_id', 'text', (c) => c.notNull())
      .addColumn('to_person_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('split_by', 'text', (c) => c.notNull())
      .addColumn('split_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('person_splits_from').on('person_splits').column('from_person_id').execute();
    await db.schema.createIndex('person_splits_to').on('person_splits').column('to_person_id').execute();
  },
};

/**
 * A review decision names its decider as they were named when deciding (as signals name theirs): the queue
 * shows a name, not a user id, to every reviewer, who may not read the users list.
 */
export const reviewDeciderNamesMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema.alterTable('linkage_reviews').addColumn('decided_by_name', 'text').execute();
  },
};
