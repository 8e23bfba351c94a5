/** Tables owned by the hub module. */
import type { Kysely } from 'kysely';
import { columnTypes, dialectOf, type MigrationMap } from '@shuzhi/db';

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
};
