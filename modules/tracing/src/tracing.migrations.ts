/**
 * Tables of contact tracing. Presence is stored compactly (integer person refs and venues, epoch-ms
 * times) in import batches, so the in-memory index can load exactly what one import committed and
 * retention can drop old rows batch by batch.
 */
import { sql, type Kysely } from 'kysely';
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

  'tracing/0002_workflow': {
    async up(db: AnyDb) {
      const t = columnTypes(dialectOf(db));
      // One row per trace of a case (automatic or asked for), with the report of its set sizes.
      await db.schema
        .createTable('tracing_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text')
        .addColumn('person_id', 'text')
        .addColumn('subject_ref', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text')
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('window_from', t.timestamp, (c) => c.notNull())
        .addColumn('window_to', t.timestamp, (c) => c.notNull())
        .addColumn('close_count', t.bigint, (c) => c.notNull())
        .addColumn('secondary_count', t.bigint, (c) => c.notNull())
        .addColumn('report', t.json, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('triggered_at', t.timestamp)
        .addColumn('started_at', t.timestamp, (c) => c.notNull())
        .addColumn('finished_at', t.timestamp, (c) => c.notNull())
        .addColumn('duration_ms', t.double, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('tracing_runs_person')
        .on('tracing_runs')
        .columns(['person_id', 'started_at'])
        .execute();
      await db.schema.createIndex('tracing_runs_started').on('tracing_runs').column('started_at').execute();

      // A contact of a case: once per (case person, contact), at the lowest degree found, from data or interview.
      await db.schema
        .createTable('tracing_contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_person_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('run_id', 'text')
        .addColumn('person_id', 'text')
        .addColumn('person_ref', 'text', (c) => c.notNull())
        .addColumn('degree', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('first_exposure_at', t.timestamp, (c) => c.notNull())
        .addColumn('exposure_from', t.timestamp, (c) => c.notNull())
        .addColumn('exposure_to', t.timestamp, (c) => c.notNull())
        .addColumn('exposure_count', t.bigint, (c) => c.notNull())
        .addColumn('via_ref', 'text')
        .addColumn('exposures', t.json, (c) => c.notNull())
        .addColumn('area_code', 'text')
        .addColumn('task_id', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('tracing_contacts_key')
        .on('tracing_contacts')
        .columns(['case_person_id', 'person_ref'])
        .unique()
        .execute();
      await db.schema.createIndex('tracing_contacts_task').on('tracing_contacts').column('task_id').execute();
      await db.schema
        .createIndex('tracing_contacts_person')
        .on('tracing_contacts')
        .column('person_ref')
        .execute();
      await db.schema
        .createIndex('tracing_contacts_area')
        .on('tracing_contacts')
        .columns(['area_code', 'degree'])
        .execute();

      // A tracing task: one open task per person, however many cases they were exposed to.
      await db.schema
        .createTable('tracing_tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text')
        .addColumn('person_ref', 'text', (c) => c.notNull())
        .addColumn('degree', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('assignee', 'text')
        .addColumn('area_code', 'text')
        .addColumn('case_count', t.bigint, (c) => c.notNull())
        .addColumn('first_case_person_id', 'text', (c) => c.notNull())
        .addColumn('last_exposure_at', t.timestamp, (c) => c.notNull())
        .addColumn('quarantined_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('closed_at', t.timestamp)
        .execute();
      await db.schema
        .createIndex('tracing_tasks_open_person')
        .on('tracing_tasks')
        .column('person_ref')
        .unique()
        .where(sql.ref('closed_at'), 'is', null)
        .execute();
      await db.schema.createIndex('tracing_tasks_ref').on('tracing_tasks').column('person_ref').execute();
      await db.schema.createIndex('tracing_tasks_person').on('tracing_tasks').column('person_id').execute();
      await db.schema
        .createIndex('tracing_tasks_board')
        .on('tracing_tasks')
        .columns(['status', 'area_code', 'updated_at'])
        .execute();

      await db.schema
        .createTable('tracing_task_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('task_id', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text')
        .addColumn('note', 'text')
        .addColumn('detail', t.json, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('tracing_task_history_task')
        .on('tracing_task_history')
        .columns(['task_id', 'at'])
        .execute();
    },
  },

  'tracing/0003_clusters': {
    async up(db: AnyDb) {
      const t = columnTypes(dialectOf(db));
      // Recomputed as a whole from the cases, their shared exposures and places (chains core).
      await db.schema
        .createTable('tracing_clusters')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('size', t.bigint, (c) => c.notNull())
        .addColumn('generations', 'integer', (c) => c.notNull())
        .addColumn('first_onset', t.timestamp, (c) => c.notNull())
        .addColumn('last_onset', t.timestamp, (c) => c.notNull())
        .addColumn('area_code', 'text')
        .addColumn('recent', 'integer', (c) => c.notNull())
        .addColumn('growth', t.json, (c) => c.notNull())
        .addColumn('places', t.json, (c) => c.notNull())
        .addColumn('timeline', t.json, (c) => c.notNull())
        .addColumn('cases', t.json, (c) => c.notNull())
        .addColumn('edges', t.json, (c) => c.notNull())
        .addColumn('computed_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('tracing_clusters_area')
        .on('tracing_clusters')
        .columns(['area_code', 'size'])
        .execute();
      await db.schema
        .createTable('tracing_infectors')
        .addColumn('person_id', 'text', (c) => c.primaryKey())
        .addColumn('cluster_id', 'text')
        .addColumn('onset', t.timestamp, (c) => c.notNull())
        .addColumn('candidates', t.json, (c) => c.notNull())
        .addColumn('computed_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('tracing_infectors_cluster')
        .on('tracing_infectors')
        .column('cluster_id')
        .execute();
    },
  },
};
