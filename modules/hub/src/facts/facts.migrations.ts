/**
 * The normalised fact tables other modules read (laboratory results, diagnoses, visits, vaccinations,
 * inbound travellers, pharmacy sales — each with person and area), and the derived cases and follow-up
 * tasks (asymptomatic detection, MISSION S8).
 */
import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '@shuzhi/db';

export const factsMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const t = columnTypes(dialectOf(db));
    const common = (name: string) =>
      db.schema
        .createTable(name)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text')
        .addColumn('subject_id', 'text')
        .addColumn('area_code', 'text')
        .addColumn('received_at', t.timestamp, (c) => c.notNull());
    await common('observations')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('loinc_code', 'text', (c) => c.notNull())
      .addColumn('test_kind', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('value_num', t.double)
      .addColumn('value_unit', 'text')
      .addColumn('specimen_at', t.timestamp)
      .addColumn('resulted_at', t.timestamp)
      .addColumn('performer', 'text')
      .execute();
    await common('conditions')
      .addColumn('code_system', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('classification', 'text', (c) => c.notNull())
      .addColumn('clinical_status', 'text')
      .addColumn('verification_status', 'text')
      .addColumn('onset', 'text')
      .addColumn('recorded_at', t.timestamp)
      .execute();
    await common('encounters')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('encounter_class', 'text', (c) => c.notNull())
      .addColumn('setting', 'text', (c) => c.notNull())
      .addColumn('start_at', t.timestamp)
      .addColumn('end_at', t.timestamp)
      .addColumn('fever', t.bool)
      .addColumn('temperature_c', t.double)
      .addColumn('symptoms', t.json, (c) => c.notNull())
      .addColumn('provider', 'text')
      .execute();
    await common('immunizations')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('vaccine_system', 'text', (c) => c.notNull())
      .addColumn('vaccine_code', 'text', (c) => c.notNull())
      .addColumn('vaccine_display', 'text')
      .addColumn('occurred', 'text', (c) => c.notNull())
      .addColumn('dose_number', 'integer')
      .addColumn('lot_number', 'text')
      .addColumn('performer', 'text')
      .execute();
    await common('travelers')
      .addColumn('document_type', 'text', (c) => c.notNull())
      .addColumn('document_number', 'text', (c) => c.notNull())
      .addColumn('arrival', t.timestamp, (c) => c.notNull())
      .addColumn('port', 'text', (c) => c.notNull())
      .addColumn('trip_id', 'text')
      .addColumn('origin_country', 'text', (c) => c.notNull())
      .addColumn('destination_area', 'text', (c) => c.notNull())
      .execute();
    await common('pharmacy_sales')
      .addColumn('pharmacy_id', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('product_class', 'text', (c) => c.notNull())
      .addColumn('units', 'integer', (c) => c.notNull())
      .execute();
    for (const table of ['observations', 'conditions', 'encounters', 'immunizations', 'travelers'])
      await db.schema.createIndex(`${table}_person`).on(table).column('person_id').execute();
    await db.schema
      .createIndex('observations_area_specimen')
      .on('observations')
      .columns(['area_code', 'specimen_at'])
      .execute();
    await db.schema
      .createIndex('encounters_setting_start')
      .on('encounters')
      .columns(['setting', 'start_at'])
      .execute();
    await db.schema.createIndex('travelers_arrival').on('travelers').column('arrival').execute();
    await db.schema
      .createIndex('pharmacy_sales_area_date')
      .on('pharmacy_sales')
      .columns(['area_code', 'date'])
      .execute();

    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().unique())
      .addColumn('classification', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('onset', 'text')
      .addColumn('first_positive_specimen', t.timestamp)
      .addColumn('report_time', t.timestamp, (c) => c.notNull())
      .addColumn('area_code', 'text')
      .addColumn('source_id', 'text')
      .addColumn('basis', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cases_area').on('cases').columns(['area_code', 'report_time']).execute();
    await db.schema
      .createTable('followup_tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('area_code', 'text')
      .addColumn('trigger_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('detail', t.json, (c) => c.notNull())
      .addColumn('resolved_at', t.timestamp)
      .addColumn('resolved_by', 'text')
      .addColumn('resolution', 'text')
      .addColumn('note', 'text')
      .execute();
    await db.schema
      .createIndex('followup_tasks_trigger')
      .on('followup_tasks')
      .columns(['kind', 'trigger_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('followup_tasks_status')
      .on('followup_tasks')
      .columns(['status', 'created_at'])
      .execute();
  },
};
