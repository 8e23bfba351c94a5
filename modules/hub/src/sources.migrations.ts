/**
 * A data source's lifecycle (hub/0010): whether it only consumes (reads under its agreements, submits
 * nothing), and when, why and by whom it was disabled. `active` (hub/0001) stays the switch itself.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, dialectOf } from '@shuzhi/db';

export const sourceLifecycleMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const dialect = dialectOf(db);
    const t = columnTypes(dialect);
    // Every source registered before could submit: they keep doing so (SQLite has no boolean literal type).
    const no = dialect === 'postgres' ? sql`false` : sql`0`;
    // One column per statement: SQLite's ALTER TABLE adds one at a time.
    await db.schema
      .alterTable('sources')
      .addColumn('consumer_only', t.bool, (c) => c.notNull().defaultTo(no))
      .execute();
    await db.schema.alterTable('sources').addColumn('disabled_at', t.timestamp).execute();
    await db.schema.alterTable('sources').addColumn('disabled_reason', 'text').execute();
    await db.schema.alterTable('sources').addColumn('disabled_by', 'text').execute();
  },
};
