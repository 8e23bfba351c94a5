/** Import jobs name the process running them and its last heartbeat (see `job-owner.ts`), and keep their warnings. */
import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '@shuzhi/db';

export const importJobOwnerMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const t = columnTypes(dialectOf(db));
    // One column per statement: SQLite's ALTER TABLE adds one at a time. Null for jobs from before.
    await db.schema.alterTable('import_jobs').addColumn('owner', 'text').execute();
    await db.schema.alterTable('import_jobs').addColumn('heartbeat_at', t.timestamp).execute();
  },
};

/**
 * Import jobs keep the warnings of the records they imported despite a doubt (a resident ID kept though its
 * check digit fails), capped as the issues are, and how many there were in all.
 */
export const importJobWarningsMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const t = columnTypes(dialectOf(db));
    // Jobs from before had none: the defaults say so, in both dialects.
    await db.schema
      .alterTable('import_jobs')
      .addColumn('warnings', t.json, (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .alterTable('import_jobs')
      .addColumn('warning_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
