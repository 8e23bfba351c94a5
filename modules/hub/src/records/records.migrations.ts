/**
 * Tables of the record store: every accepted source record (FHIR resource or CSV row) with its provenance,
 * version and content hash, its earlier versions, its identifiers (for FHIR `identifier` search) and the
 * per-source intake log the data-sources page reads.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, dialectOf, serialPrimaryKey } from '@shuzhi/db';

export const recordsMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const dialect = dialectOf(db);
    const t = columnTypes(dialect);
    await db.schema
      .createTable('hub_records')
      .addColumn('resource_type', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('source_record_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('received_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_updated_ms', t.bigint, (c) => c.notNull())
      .addColumn('effective_at', t.timestamp)
      .addColumn('person_id', 'text')
      .addColumn('subject_id', 'text')
      .addColumn('code_system', 'text')
      .addColumn('code', 'text')
      .addColumn('date_from', t.bigint)
      .addColumn('date_to', t.bigint)
      .addColumn('recorded_ms', t.bigint)
      .addColumn('area_code', 'text')
      .addColumn('resource', t.json)
      .addColumn('record', t.json)
      .addPrimaryKeyConstraint('hub_records_pk', ['resource_type', 'id'])
      .execute();
    await db.schema
      .createIndex('hub_records_source_key')
      .on('hub_records')
      .columns(['source_id', 'resource_type', 'source_record_id'])
      .unique()
      .execute();
    for (const [name, columns] of [
      ['hub_records_updated', ['resource_type', 'last_updated_ms']],
      ['hub_records_subject', ['resource_type', 'subject_id']],
      ['hub_records_code', ['resource_type', 'code']],
      ['hub_records_date', ['resource_type', 'date_from']],
      ['hub_records_person', ['person_id']],
      ['hub_records_received', ['source_id', 'received_at']],
    ] as const) {
      await db.schema
        .createIndex(name)
        .on('hub_records')
        .columns([...columns])
        .execute();
    }
    await db.schema
      .createTable('hub_record_versions')
      .addColumn('resource_type', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('received_at', t.timestamp, (c) => c.notNull())
      .addColumn('resource', t.json)
      .addColumn('record', t.json)
      .addPrimaryKeyConstraint('hub_record_versions_pk', ['resource_type', 'id', 'version'])
      .execute();
    await db.schema
      .createTable('hub_record_identifiers')
      .addColumn('resource_type', 'text', (c) => c.notNull())
      .addColumn('system', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('hub_record_identifiers_pk', ['resource_type', 'system', 'value', 'id'])
      .execute();
    await db.schema
      .createIndex('hub_record_identifiers_record')
      .on('hub_record_identifiers')
      .columns(['resource_type', 'id'])
      .execute();
    const serial = serialPrimaryKey(dialect);
    await db.schema
      .createTable('hub_intake')
      .addColumn('seq', serial.type, (c) =>
        serial.autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('accepted', 'integer', (c) => c.notNull())
      .addColumn('unchanged', 'integer', (c) => c.notNull())
      .addColumn('rejected', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('hub_intake_source_at')
      .on('hub_intake')
      .columns(['source_id', 'at'])
      .execute();
  },
};

/** The person index on hub_records served no query (person reads go through the fact tables); it only slowed ingest. */
export const dropRecordPersonIndexMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema.dropIndex('hub_records_person').execute();
  },
};

/**
 * Logical ids a source gives (PUT `Patient/p-0001`, an NDJSON line's id) live in that source's own namespace.
 * A record keeps one platform-wide id (`id`, what staff, consumers and the change feed see); `local_id` is the
 * id its source knows it by, set only where the two differ (the source's id was already another source's), so
 * no stored record changes and the index holds only those few records.
 */
export const recordLocalIdsMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema.alterTable('hub_records').addColumn('local_id', 'text').execute();
    await db.schema
      .createIndex('hub_records_local_id')
      .on('hub_records')
      .columns(['source_id', 'resource_type', 'local_id'])
      .unique()
      .where(sql.ref('local_id'), 'is not', null)
      .execute();
  },
};
