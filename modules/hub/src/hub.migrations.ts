/** Tables owned by the hub module. */
import type { Kysely } from 'kysely';
import { columnTypes, dialectOf, serialPrimaryKey, type MigrationMap } from '@shuzhi/db';
import { factsMigration } from './facts/facts.migrations.js';
import { webhookOwnerMigration } from './feed/feed.migrations.js';
import { importJobOwnerMigration, importJobWarningsMigration } from './imports/imports.migrations.js';
import {
  emptiedPersonsMigration,
  mpiMigration,
  personSplitsMigration,
  reviewDeciderNamesMigration,
} from './mpi/mpi.migrations.js';
import {
  dropRecordPersonIndexMigration,
  recordLocalIdsMigration,
  recordsMigration,
} from './records/records.migrations.js';
import { sourceLifecycleMigration } from './sources.migrations.js';

export const hubMigrations: MigrationMap = {
  'hub/0001_sources': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('sources')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text')
        .addColumn('active', t.bool, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('expected_interval_hours', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sources_name').on('sources').column('name').unique().execute();
    },
  },
  'hub/0002_persons_feed_imports': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      const dialect = dialectOf(db);
      const t = columnTypes(dialect);
      const serial = serialPrimaryKey(dialect);
      await db.schema
        .createTable('persons')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('merged_into', 'text')
        .addColumn('name', 'text')
        .addColumn('sex', 'text')
        .addColumn('birth_date', 'text')
        .addColumn('area_code', 'text')
        .execute();
      await db.schema.createIndex('persons_area').on('persons').column('area_code').execute();
      await db.schema
        .createTable('person_identifiers')
        .addColumn('system', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('person_identifiers_pk', ['system', 'value'])
        .execute();
      await db.schema
        .createIndex('person_identifiers_value')
        .on('person_identifiers')
        .column('value')
        .execute();
      await db.schema
        .createIndex('person_identifiers_person')
        .on('person_identifiers')
        .column('person_id')
        .execute();
      await db.schema
        .createTable('change_feed')
        .addColumn('seq', serial.type, (c) =>
          serial.autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text')
        .addColumn('area_code', 'text')
        .addColumn('source_id', 'text')
        .addColumn('payload', t.json, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('change_feed_topic_seq')
        .on('change_feed')
        .columns(['topic', 'seq'])
        .execute();
      await db.schema
        .createTable('feed_cursors')
        .addColumn('subscriber', 'text', (c) => c.primaryKey())
        .addColumn('seq', t.bigint, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('import_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull())
        .addColumn('unchanged', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        .addColumn('progress', t.double, (c) => c.notNull())
        .addColumn('issues', t.json, (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('finished_at', t.timestamp)
        .execute();
      await db.schema.createIndex('import_jobs_created').on('import_jobs').column('created_at').execute();
    },
  },
  'hub/0003_sharing_webhooks': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('sharing_agreements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('consumer_source_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('datasets', t.json, (c) => c.notNull())
        .addColumn('fields', t.json, (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('legal_basis', 'text', (c) => c.notNull())
        .addColumn('valid_from', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('revoked_by', 'text')
        .addColumn('revoked_at', t.timestamp)
        .addColumn('revoke_reason', 'text')
        .execute();
      await db.schema
        .createIndex('sharing_consumer')
        .on('sharing_agreements')
        .columns(['consumer_source_id', 'status'])
        .execute();
      await db.schema
        .createTable('webhook_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('consumer_source_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('topics', t.json, (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('cursor', t.bigint, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('delivered', t.bigint, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
    },
  },
  'hub/0004_records': recordsMigration,
  'hub/0005_person_index': mpiMigration,
  'hub/0006_facts_cases': factsMigration,
  'hub/0007_records_without_person_index': dropRecordPersonIndexMigration,
  'hub/0008_import_job_owner': importJobOwnerMigration,
  'hub/0009_webhook_owner': webhookOwnerMigration,
  'hub/0010_source_lifecycle': sourceLifecycleMigration,
  'hub/0011_record_local_ids': recordLocalIdsMigration,
  'hub/0012_emptied_persons': emptiedPersonsMigration,
  'hub/0013_review_decider_names': reviewDeciderNamesMigration,
  'hub/0014_person_splits': personSplitsMigration,
  'hub/0015_import_job_warnings': importJobWarningsMigration,
};
