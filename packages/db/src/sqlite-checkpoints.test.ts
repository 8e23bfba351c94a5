import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type OpenOptions } from './connection.js';

const MiB = 2 ** 20;
const dir = mkdtempSync(join(tmpdir(), 'shuzhi-checkpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function open(options: OpenOptions = {}): { database: Database; file: string } {
  const file = join(dir, `db-${files++}.db`);
  return { database: openDatabase(`sqlite:${file}`, options), file };
}

const walBytes = (file: string) => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

/** One transaction of `rows` rows of about `bytes` bytes each, through Kysely as the platform commits. */
async function insertRows(database: Database, from: number, rows: number, bytes = 400): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    for (let i = from; i < from + rows; i += 500) {
      const values = [];
      for (let j = i; j < Math.min(i + 500, from + rows); j++)
        values.push({ id: j, payload: `${j}:`.padEnd(bytes, 'x') });
      await trx.insertInto('rows').values(values).execute();
    }
  });
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** Reopens the file with a plain connection: what the next start of the platform finds. */
function reopen(file: string): { integrity: unknown; count: number; sum: number } {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    return {
      integrity: sqlite.pragma('integrity_check', { simple: true }),
      ...(sqlite.prepare('SELECT count(*) AS count, sum(id) AS sum FROM rows').get() as {
        count: number;
        sum: number;
      }),
    };
  } finally {
    sqlite.close();
  }
}

const sumTo = (n: number) => (n * (n - 1)) / 2;

describe('WAL checkpoints of an embedded SQLite database', () => {
  it('are not run by the main connection, which only writes the WAL at a commit', async () => {
    const { database } = open();
    try {
      expect(database.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      expect(database.checkpointer?.state).toBe('running');
    } finally {
      await database.close();
    }
  });

  it('are run by the worker after a large commit: the WAL is checkpointed and restarted with nothing done on the main connection', async () => {
    // The timer is set far off: only the commit may start the checkpoint.
    const { database, file } = open({
      sqliteCheckpointPolicy: { intervalMs: 60_000, restartAboveBytes: 4 * MiB },
    });
    try {
      await database.db.schema
        .createTable('rows')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('payload', 'text')
        .execute();
      await insertRows(database, 0, 50_000);
      const afterCommit = walBytes(file);
      expect(afterCommit).toBeGreaterThan(16 * MiB);
      // The event loop is free meanwhile: the main thread only waits here, for the worker's round to be told.
      const checkpointer = database.checkpointer!;
      expect(await until(() => checkpointer.rounds > 0, 15_000)).toBe(true);
      // Everything is copied, and the WAL is started again (a round asked for now finds it so).
      const round = await checkpointer.checkpointNow();
      expect(round).toMatchObject({ busy: 0, checkpointed: round.log, restarted: true });
      expect(database.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      // Everything committed is in the database file itself: a copy of it without the WAL has it all.
      const copy = `${file}.copy`;
      copyFileSync(file, copy);
      expect(reopen(copy)).toEqual({ integrity: 'ok', count: 50_000, sum: sumTo(50_000) });
    } finally {
      await database.close();
    }
  }, 60_000);

  it('restart a large WAL without cutting the file under the write lock: the writer cuts it back at its commits, a step at a time, and never waits past its busy timeout', async () => {
    const policy = { intervalMs: 20, afterBytes: MiB, restartAboveBytes: 4 * MiB, cutBytes: 4 * MiB };
    const { database, file } = open({ sqliteCheckpointPolicy: policy });
    const checkpointer = database.checkpointer!;
    try {
      database.sqlite!.exec('CREATE TABLE rows (id integer primary key, payload text)');
      await insertRows(database, 0, 60_000);
      const afterImport = walBytes(file);
      expect(afterImport).toBeGreaterThan(20 * MiB);
      // A round holds the write lock only for a moment: the WAL file is left as it is, however large. Before,
      // a TRUNCATE cut it to nothing under the lock, for as long as the kernel took to drop its cached pages
      // (420 ms for 300 MiB on a busy machine: a writer waiting 250 ms failed).
      expect(await checkpointer.checkpointNow()).toMatchObject({ restarted: true, walBytes: afterImport });
      expect(walBytes(file)).toBe(afterImport);
      // The server writes on, with the platform's busy timeout, while rounds run every 20 ms: each commit
      // after a restart cuts the file by at most `cutBytes`, on the committing connection, which waits for no
      // lock to do it.
      const sizes = [afterImport];
      const failures: string[] = [];
      for (let id = 60_000; walBytes(file) > policy.restartAboveBytes && id < 62_000; id++) {
        try {
          await insertRows(database, id, 1);
        } catch (error) {
          failures.push((error as { code?: string }).code ?? String(error));
        }
        sizes.push(walBytes(file));
        await sleep(5);
      }
      expect(failures).toEqual([]);
      expect(sizes.at(-1)).toBeLessThanOrEqual(policy.restartAboveBytes);
      const cuts = sizes.slice(1).map((size, i) => sizes[i]! - size);
      expect(Math.max(...cuts)).toBeLessThanOrEqual(policy.cutBytes);
      expect(cuts.filter((cut) => cut > 0).length).toBeGreaterThanOrEqual(4);
    } finally {
      await database.close();
    }
    expect(existsSync(`${file}-wal`)).toBe(false);
  }, 60_000);

  it('keep the WAL bounded under a steady load of small commits while readers read', async () => {
    const { database, file } = open({
      sqliteCheckpointPolicy: { intervalMs: 50, afterBytes: MiB, restartAboveBytes: 2 * MiB },
    });
    try {
      await database.db.schema
        .createTable('rows')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('payload', 'text')
        .execute();
      let largest = 0;
      // 400 commits of 64 KiB: 25 MiB through the WAL, ten times its bound.
      for (let commit = 0; commit < 400; commit++) {
        await insertRows(database, commit * 16, 16, 4000);
        await database.reader
          .selectFrom('rows')
          .select((eb) => eb.fn.countAll().as('n'))
          .execute();
        largest = Math.max(largest, walBytes(file));
        if (commit % 10 === 0) await sleep(5);
      }
      expect(largest).toBeLessThan(8 * MiB);
      expect(reopen(file)).toMatchObject({ integrity: 'ok', count: 6400 });
    } finally {
      await database.close();
    }
  }, 60_000);

  it('leave the database checkpointed and whole at close: no WAL, integrity ok, every committed row there', async () => {
    const { database, file } = open();
    const checkpointer = database.checkpointer!;
    await database.db.schema
      .createTable('rows')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('payload', 'text')
      .execute();
    await insertRows(database, 0, 30_000);
    for (let i = 30_000; i < 30_100; i++)
      await database.db.insertInto('rows').values({ id: i, payload: 'p' }).execute();
    await database.close();
    // The worker's connection was the last one: it checkpointed and removed the WAL, and its thread ended.
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(checkpointer.state).toBe('closed');
    await expect(checkpointer.checkpointNow()).rejects.toThrow(/closed/);
    expect(reopen(file)).toEqual({ integrity: 'ok', count: 30_100, sum: sumTo(30_100) });
  }, 60_000);

  it('never keep another connection from writing, even while a reader holds the WAL (a CLI closing beside a server)', async () => {
    const { database: server, file } = open();
    const cli = openDatabase(`sqlite:${file}`);
    const longRead = new SQLite(file, { readonly: true });
    const failures: string[] = [];
    let stored = 0;
    try {
      server.sqlite!.exec('CREATE TABLE rows (id integer primary key, payload text)');
      await insertRows(server, 0, 10_000);
      // A reader (an export, another process) keeps its snapshot while the CLI writes and closes.
      longRead.exec('BEGIN');
      longRead.prepare('SELECT count(*) FROM rows').get();
      await insertRows(cli, 10_000, 10_000);
      const closing = cli.close();
      // The server writes all along, with its short busy timeout: a checkpoint holding the write lock while
      // it waits for the reader would fail these with SQLITE_BUSY (and hold the server's event loop).
      for (const end = performance.now() + 1500; performance.now() < end; await sleep(10))
        try {
          server.sqlite!.prepare('INSERT INTO rows VALUES (?, ?)').run(20_000 + stored, 'server');
          stored += 1;
        } catch (error) {
          failures.push((error as { code?: string }).code ?? String(error));
        }
      await closing;
      expect(failures).toEqual([]);
      longRead.exec('COMMIT');
    } finally {
      longRead.close();
      await server.close();
    }
    expect(reopen(file)).toEqual({ integrity: 'ok', count: 20_000 + stored, sum: sumTo(20_000 + stored) });
  }, 60_000);

  it('report a failed worker, checkpoint on the main connection again, and lose nothing', async () => {
    // A checkpointer whose checkpoint fails as on a failing disk, the way the platform's worker reports one.
    const failing = new URL(
      `data:text/javascript,${encodeURIComponent(`
        import { parentPort } from 'node:worker_threads';
        parentPort.on('message', (message) => {
          if (message.type !== 'commit') return;
          parentPort.postMessage({ type: 'failed', code: 'SQLITE_IOERR_FSYNC', message: 'disk I/O error' });
          throw new Error('disk I/O error');
        });`)}`,
    );
    const warnings: string[] = [];
    const { database, file } = open({
      sqliteCheckpointPolicy: { script: failing },
      onWarning: (message) => warnings.push(message),
    });
    try {
      await database.db.schema
        .createTable('rows')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('payload', 'text')
        .execute();
      await insertRows(database, 0, 20_000);
      expect(await until(() => database.checkpointer!.state === 'failed', 10_000)).toBe(true);
      expect(warnings).toEqual([
        expect.stringContaining(
          `SQLite checkpoints of ${file} in the background stopped (SQLITE_IOERR_FSYNC: disk I/O error)`,
        ),
      ]);
      // SQLite's own checkpoints are back on the main connection: the WAL stays bounded without the worker.
      expect(database.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      await insertRows(database, 20_000, 20_000);
    } finally {
      await database.close();
    }
    expect(reopen(file)).toEqual({ integrity: 'ok', count: 40_000, sum: sumTo(40_000) });
  }, 60_000);

  it('never keep a process alive: one that ends without closing its database exits', () => {
    // A script (a bench, a one-off tool) that opens the database and forgets to close it. Before, the
    // checkpointer's message listener refed the thread, and such a process never exited (a CI bench hung).
    const script = join(dir, 'forgets-to-close.mts');
    const connection = fileURLToPath(new URL('./connection.ts', import.meta.url));
    writeFileSync(
      script,
      [
        `import { openDatabase } from ${JSON.stringify(connection)};`,
        `const database = openDatabase(${JSON.stringify(`sqlite:${join(dir, 'forgotten.db')}`)});`,
        `await database.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();`,
        `console.log('worker', database.checkpointer?.state);`,
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stdout.trim()).toBe('worker running');
    expect(run.signal).toBeNull(); // not killed by the timeout
    expect(run.status).toBe(0);
  }, 40_000);

  it('stay with the connection when asked to (as SQLite does by default) and for a database in memory', async () => {
    const { database, file } = open({ sqliteCheckpoints: 'connection' });
    const memory = openDatabase('sqlite::memory:');
    try {
      expect(database.checkpointer).toBeUndefined();
      expect(database.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(memory.checkpointer).toBeUndefined();
      database.sqlite!.exec(
        'CREATE TABLE rows (id integer primary key, payload text); INSERT INTO rows VALUES (0, 1)',
      );
    } finally {
      await database.close();
      await memory.close();
    }
    // The read connection, never used, is closed too: the main connection was the last and removed the WAL.
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(reopen(file)).toEqual({ integrity: 'ok', count: 1, sum: 0 });
  });
});
