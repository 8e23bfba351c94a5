/** Import jobs name the process running them and its last heartbeat (see `job-owner.ts`). */
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
