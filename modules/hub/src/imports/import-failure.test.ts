import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import type { Database } from '@shuzhi/db';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubFixture, hubTestMigrations } from '../testing.js';
import type { Executor, ImportHandler } from './import-handler.js';

const DISK_FULL = 'the disk is full: nothing of this file was stored';

/**
 * Runs out of room in the middle of the file's transaction. SQLite: for real, with the database capped
 * at the pages it has (SQLite rolls the transaction back by itself, as on a full disk). PostgreSQL: its
 * own disk_full error (53100), raised by the server inside the transaction.
 */
async function runOutOfRoom(database: Database, executor: Executor): Promise<void> {
  if (database.sqlite) {
    const pages = Number(database.sqlite.pragma('page_count', { simple: true }));
    database.sqlite.pragma(`max_page_count = ${pages + 2}`);
    for (let i = 0; i < 1000; i++)
      await executor
        .insertInto('probe_filler')
        .values({ text: 'x'.repeat(2000) })
        .execute();
  } else {
    await sql`do $$ begin raise exception 'could not extend file' using errcode = '53100'; end $$`.execute(
      executor,
    );
  }
}

/** Every later write of a job's row fails as the full disk made it fail: a trigger the test can drop. */
async function refuseJobUpdates(database: Database): Promise<() => Promise<void>> {
  if (database.dialect === 'sqlite') {
    await sql`create trigger probe_full before update on import_jobs begin select raise(fail, 'database or disk is full'); end`.execute(
      database.db,
    );
    return async () => void (await sql`drop trigger probe_full`.execute(database.db));
  }
  await sql`create or replace function probe_full() returns trigger language plpgsql as $$ begin raise exception 'could not extend file' using errcode = '53100'; end $$`.execute(
    database.db,
  );
  await sql`create trigger probe_full before update on import_jobs for each row execute function probe_full()`.execute(
    database.db,
  );
  return async () => void (await sql`drop trigger probe_full on import_jobs`.execute(database.db));
}

function fillingHandler(database: Database): ImportHandler<string> {
  return {
    kind: 'filling',
    description: 'test: runs out of disk',
    parse: (text) => ({ records: [text], issues: [], total: 1 }),
    async apply(executor) {
      await runOutOfRoom(database, executor);
      return { accepted: 1, unchanged: 0 };
    },
  };
}

describeEachDatabase(
  'an import that cannot finish (a full disk, a shutdown)',
  (getDatabase) => {
    afterEach(() => {
      getDatabase().sqlite?.pragma('max_page_count = 1073741823');
    });

    it('says so in its job (the imports page, GET /api/v1/imports/{id}), and stores nothing', async () => {
      const database = getDatabase();
      await database.db.schema.createTable('probe_filler').ifNotExists().addColumn('text', 'text').execute();
      const { hub, ctx } = hubFixture(database);
      hub.imports.register(fillingHandler(database));
      const started = await hub.imports.start(ctx, { kind: 'filling', fileName: 'big.csv', text: 'x' });
      const failure = await started.done.then(
        () => undefined,
        (error: unknown) => error as { code?: string; message: string },
      );
      // Not Kysely's "cannot rollback - no transaction is active", which hid the cause.
      expect(failure?.code).toBe(database.dialect === 'sqlite' ? 'SQLITE_FULL' : '53100');
      const job = await hub.imports.getJob(started.jobId);
      expect(job).toMatchObject({
        status: 'failed',
        issues: [{ line: 0, reason: DISK_FULL, code: 'disk-full' }],
      });
      expect(job?.finished_at).not.toBeNull();
      const stored = await database.db
        .selectFrom('import_jobs')
        .select(['status', 'issues'])
        .where('id', '=', started.jobId)
        .executeTakeFirstOrThrow();
      expect(stored.status).toBe('failed');
      expect(JSON.stringify(stored.issues)).toContain(DISK_FULL);
      expect(await database.db.selectFrom('probe_filler').selectAll().execute()).toEqual([]);
    });

    it('still answers why when even the job’s row cannot be written, and writes it once it can', async () => {
      const database = getDatabase();
      await database.db.schema.createTable('probe_filler').ifNotExists().addColumn('text', 'text').execute();
      const { hub, ctx } = hubFixture(database);
      hub.imports.register(fillingHandler(database));
      const allowUpdates = await refuseJobUpdates(database);
      let jobId: string;
      try {
        const started = await hub.imports.start(ctx, { kind: 'filling', fileName: 'big.csv', text: 'x' });
        jobId = started.jobId;
        await expect(started.done).rejects.toBeDefined();
        // The row still says running; this process knows better, and says why.
        expect(await hub.imports.getJob(jobId)).toMatchObject({
          status: 'failed',
          issues: [{ line: 0, reason: DISK_FULL }],
        });
        const listed = await hub.imports.listJobs(ctx, { limit: 50, offset: 0, order: 'desc' });
        expect(listed.items.find((j) => j.id === jobId)).toMatchObject({ status: 'failed' });
      } finally {
        await allowUpdates();
      }
      // Room again: the next read writes the ended job down, for other processes and after a restart.
      await hub.imports.getJob(jobId);
      const stored = await database.db
        .selectFrom('import_jobs')
        .select(['status', 'issues'])
        .where('id', '=', jobId)
        .executeTakeFirstOrThrow();
      expect(stored.status).toBe('failed');
      expect(JSON.stringify(stored.issues)).toContain(DISK_FULL);
    });

    it('stops a file import at its next batch when the server shuts down, rolled back, the job saying why', async () => {
      const database = getDatabase();
      await database.db.schema.createTable('probe_filler').ifNotExists().addColumn('text', 'text').execute();
      const { hub, ctx } = hubFixture(database);
      let firstBatchStored: () => void = () => undefined;
      const stored = new Promise<void>((resolve) => (firstBatchStored = resolve));
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      hub.imports.register({
        kind: 'two-batches',
        description: 'test: two batches',
        parse: () => ({ records: ['a', 'b'], issues: [], total: 2 }),
        async apply(executor, records, context) {
          // As every kind applies a file: a batch, then its progress, then the next batch.
          await executor.insertInto('probe_filler').values({ text: records[0] }).execute();
          firstBatchStored();
          await released;
          context.progress(1, 2);
          await executor.insertInto('probe_filler').values({ text: records[1] }).execute();
          context.progress(2, 2);
          return { accepted: 2, unchanged: 0 };
        },
      });
      const started = await hub.imports.start(ctx, { kind: 'two-batches', fileName: 'f.csv', text: 'x' });
      await stored;
      const stopping = hub.imports.stopRunning(5000);
      release();
      expect(await stopping).toBe(1);
      await expect(started.done).rejects.toThrow(/interrupted by a shutdown/);
      expect(await hub.imports.getJob(started.jobId)).toMatchObject({
        status: 'failed',
        issues: [
          {
            line: 0,
            reason: 'interrupted by a shutdown of the server: nothing of this file was stored; send it again',
            code: 'import-shutdown',
          },
        ],
      });
      expect(await database.db.selectFrom('probe_filler').selectAll().execute()).toEqual([]);
      // Stopping: a new import is refused, naming the shutdown.
      await expect(
        hub.imports.run(ctx, { kind: 'two-batches', fileName: 'g.csv', text: 'x' }),
      ).rejects.toThrow(/shutting down/);
    });
  },
  { migrations: hubTestMigrations },
);
