/**
 * Tables of contact tracing. Presence is stored compactly (integer person refs and venues, epoch-ms
 * times) in import batches, so the in-memory index can load exactly what one import committed and
 * retention can drop old rows batch by batch.
 */
import type { Kysely } from 'kysely';
import { columnTypes, dialectOf, type MigrationMap } from '@shuzhi/db';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** An integer primary key assigned by the database (SQLite's rowid alias; PostgreSQL's bigserial). */
function serialKey(db: AnyDb) {
  return dialectOf(db) === 'postgres' ? ('bigserial' as const) : ('integer' as const);
}

export const tracingMigrations: MigrationMap = {
  'tracing/0001_presence': {
    async up(db: AnyDb) {
      const t = columnTypes(dialectOf(db));
      // Person ids as imported (resident ID, passport:…, a source's id or a platform id), each resolved
      // to a platform person; presence rows point here by number.
      await db.schema
        .createTable('tracing_person_refs')
        .addColumn('id', serialKey(db), (c) => c.primaryKey())
        .addColumn('ref', 'text', (c) => c.notNull().unique())
        .addColumn('person_id', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('tracing_person_refs_person')
        .on('tracing_person_refs')
        .column('person_id')
        .execute();

      // Venues: reference data (type drives the per-venue-type rules) and the key check-ins point to.
      await db.schema
        .createTable('tracing_venues')
        .addColumn('id', serialKey(db), (c) => c.primaryKey())
        .addColumn('venue_id', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('type', 'text')
        .addColumn('area_code', 'text')
        .addColumn('zones', 'text')
        .addColumn('lat', t.double)
        .addColumn('lon', t.double)
        .addColumn('capacity', t.bigint)
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();

      // One row per committed import of presence; its rows carry the batch number.
      await db.schema
        .createTable('tracing_presence_batches')
        .addColumn('id', serialKey(db), (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('rows', t.bigint, (c) => c.notNull())
        .addColumn('min_end', t.bigint)
        .addColumn('max_end', t.bigint)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('tracing_checkins')
        .addColumn('batch', t.bigint, (c) => c.notNull())
        .addColumn('ref_id', t.bigint, (c) => c.notNull())
        .addColumn('venue', t.bigint, (c) => c.notNull())
        .addColumn('zone', 'text')
        .addColumn('start_ms', t.bigint, (c) => c.notNull())
        .addColumn('end_ms', t.bigint, (c) => c.notNull())
        .addColumn('end_imputed', t.bool, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('tracing_checkins_key')
        .on('tracing_checkins')
        .columns(['ref_id', 'venue', 'start_ms'])
        .unique()
        .execute();
      await db.schema
        .createIndex('tracing_checkins_batch')
        .on('tracing_checkins')
        .columns(['batch', 'end_ms'])
        .execute();

      await db.schema
        .createTable('tracing_trips')
        .addColumn('batch', t.bigint, (c) => c.notNull())
        .addColumn('ref_id', t.bigint, (c) => c.notNull())
        .addColumn('trip_id', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('departure_ms', t.bigint, (c) => c.notNull())
        .addColumn('arrival_ms', t.bigint, (c) => c.notNull())
        .addColumn('carriage', 'text')
        .addColumn('seat', 'text')
        .execute();
      await db.schema
        .createIndex('tracing_trips_key')
        .on('tracing_trips')
        .columns(['ref_id', 'trip_id'])
        .unique()
        .execute();
      await db.schema.createIndex('tracing_trips_trip').on('tracing_trips').column('trip_id').execute();
      await db.schema
        .createIndex('tracing_trips_batch')
        .on('tracing_trips')
        .columns(['batch', 'arrival_ms'])
        .execute();

      await db.schema
        .createTable('tracing_stays')
        .addColumn('batch', t.bigint, (c) => c.notNull())
        .addColumn('ref_id', t.bigint, (c) => c.notNull())
        .addColumn('hotel_id', 'text', (c) => c.notNull())
        .addColumn('room', 'text', (c) => c.notNull())
        .addColumn('check_in_ms', t.bigint, (c) => c.notNull())
        // Null while the guest is still staying.
        .addColumn('check_out_ms', t.bigint)
        .execute();
      await db.schema
        .createIndex('tracing_stays_key')
        .on('tracing_stays')
        .columns(['ref_id', 'hotel_id', 'room', 'check_in_ms'])
        .unique()
        .execute();
      await db.schema
        .createIndex('tracing_stays_batch')
        .on('tracing_stays')
        .columns(['batch', 'check_out_ms'])
        .execute();

      await db.schema
        .createTable('tracing_gate_passes')
        .addColumn('batch', t.bigint, (c) => c.notNull())
        .addColumn('ref_id', t.bigint, (c) => c.notNull())
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('gate_id', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('at_ms', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('tracing_gate_passes_key')
        .on('tracing_gate_passes')
        .columns(['ref_id', 'community_id', 'gate_id', 'at_ms'])
        .unique()
        .execute();
      await db.schema
        .createIndex('tracing_gate_passes_batch')
        .on('tracing_gate_passes')
        .columns(['batch', 'at_ms'])
        .execute();

      await db.schema
        .createTable('tracing_households')
        .addColumn('batch', t.bigint, (c) => c.notNull())
        .addColumn('ref_id', t.bigint, (c) => c.notNull())
        .addColumn('household_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('tracing_households_key')
        .on('tracing_households')
        .columns(['ref_id', 'household_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('tracing_households_batch')
        .on('tracing_households')
        .column('batch')
        .execute();
    },
  },
};
