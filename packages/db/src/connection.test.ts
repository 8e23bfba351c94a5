import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connection.js';
import { isDatabaseBusy, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-busy.js';

describe('an embedded SQLite database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-connection-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pragmas = async (options?: Parameters<typeof openDatabase>[1]) => {
    const database = openDatabase(`sqlite:${join(dir, `${Math.random()}.db`)}`, options);
    try {
      return {
        synchronous: database.sqlite!.pragma('synchronous', { simple: true }),
        journal: database.sqlite!.pragma('journal_mode', { simple: true }),
        foreignKeys: database.sqlite!.pragma('foreign_keys', { simple: true }),
        cacheKib: database.sqlite!.pragma('cache_size', { simple: true }),
      };
    } finally {
      await database.close();
    }
  };

  it('syncs every commit by default, so an acknowledged write survives a power cut', async () => {
    // PRAGMA synchronous: 1 = NORMAL, 2 = FULL.
    expect(await pragmas()).toMatchObject({ synchronous: 2, journal: 'wal', foreignKeys: 1 });
  });

  it('keeps a 256 MiB page cache unless told otherwise (SQLite alone keeps 2 MiB)', async () => {
    // A negative cache_size is in KiB.
    expect((await pragmas()).cacheKib).toBe(-256 * 1024);
    expect((await pragmas({ sqliteCacheMb: 16 })).cacheKib).toBe(-16 * 1024);
  });

  it('syncs at checkpoints only when asked for normal durability', async () => {
    expect((await pragmas({ sqliteSynchronous: 'normal' })).synchronous).toBe(1);
  });

  it('refuses sqlite: with no path instead of opening a throw-away database; memory is asked for by name', async () => {
    expect(() => openDatabase('sqlite:')).toThrow(/sqlite: has no file path \(--db or SHUZHI_DB\)/);
    expect(() => openDatabase('sqlite:  ')).toThrow(/no file path/);
    const memory = openDatabase('sqlite::memory:');
    expect(memory.description).toBe('sqlite::memory:');
    await memory.close();
  });

  it('fails a transaction SQLite rolled back by itself (disk full) with SQLite’s error, not a failed ROLLBACK', async () => {
    const database = openDatabase(`sqlite:${join(dir, `${Math.random()}.db`)}`);
    try {
      database.sqlite!.exec('create table filler (x text)');
      // As on a full disk: SQLite cannot grow the file, answers SQLITE_FULL and rolls the transaction back.
      const pages = Number(database.sqlite!.pragma('page_count', { simple: true }));
      database.sqlite!.pragma(`max_page_count = ${pages + 2}`);
      const failure = await database.db
        .transaction()
        .execute(async (trx) => {
          for (let i = 0; i < 1000; i++)
            await trx
              .insertInto('filler')
              .values({ x: 'x'.repeat(2000) })
              .execute();
        })
        .then(
          () => undefined,
          (error: unknown) => error as { code?: string; message: string },
        );
      expect(failure).toMatchObject({ code: 'SQLITE_FULL', message: 'database or disk is full' });
      expect(database.sqlite!.inTransaction).toBe(false);
      // The connection is usable again, and nothing of the transaction was kept.
      database.sqlite!.pragma('max_page_count = 1073741823');
      expect(await database.db.selectFrom('filler').selectAll().execute()).toEqual([]);
      // A rollback the caller asks for while the transaction is still open still happens.
      await database.db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('filler').values({ x: 'kept?' }).execute();
          throw new Error('changed my mind');
        })
        .catch(() => undefined);
      expect(await database.db.selectFrom('filler').selectAll().execute()).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

describe('the embedded database file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-file-mode-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

  it('is created readable by its owner only, with its folder and its -wal and -shm files', async () => {
    const file = join(dir, 'new', 'shuzhi.db');
    const database = openDatabase(`sqlite:${file}`);
    try {
      database.sqlite!.exec('create table t (x integer); insert into t values (1)');
      expect(modeOf(file)).toBe('600');
      expect(modeOf(`${file}-wal`)).toBe('600');
      expect(modeOf(`${file}-shm`)).toBe('600');
      expect(modeOf(join(dir, 'new'))).toBe('700');
    } finally {
      await database.close();
    }
  });

  it("leaves an existing file's mode alone, and warns once when other users can read it", async () => {
    const file = join(dir, 'existing.db');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const warnings: string[] = [];
    for (let i = 0; i < 2; i++)
      await openDatabase(`sqlite:${file}`, { onWarning: (m) => warnings.push(m) }).close();
    expect(modeOf(file)).toBe('644');
    expect(warnings).toEqual([expect.stringContaining(`database file ${file} can be read by other users`)]);
    expect(warnings[0]).toContain('mode 0644');
  });

  it('says nothing about an existing file only its owner can read', async () => {
    const file = join(dir, 'private.db');
    writeFileSync(file, '');
    chmodSync(file, 0o600);
    const warnings: string[] = [];
    await openDatabase(`sqlite:${file}`, { onWarning: (m) => warnings.push(m) }).close();
    expect(warnings).toEqual([]);
  });
});

describe('a SQLite write lock held by another process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-busy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails a write as busy within a fraction of a second, not after seconds of a frozen event loop', async () => {
    const file = join(dir, 'locked.db');
    const holder = openDatabase(`sqlite:${file}`);
    const writer = openDatabase(`sqlite:${file}`);
    try {
      holder.sqlite!.exec('create table t (x integer)');
      // Another process in the middle of a long import holds SQLite's one write lock.
      holder.sqlite!.exec('begin immediate');
      const started = performance.now();
      let failure: unknown;
      try {
        writer.sqlite!.exec('insert into t values (1)');
      } catch (error) {
        failure = error;
      }
      // better-sqlite3 waits synchronously: this is how long the writer's event loop was held.
      const heldMs = performance.now() - started;
      expect(isDatabaseBusy(failure), String(failure)).toBe(true);
      expect(heldMs).toBeGreaterThanOrEqual(SQLITE_BUSY_TIMEOUT_MS * 0.9);
      expect(heldMs).toBeLessThan(1000);
    } finally {
      holder.sqlite!.exec('rollback');
      await holder.close();
      await writer.close();
    }
  }, 30_000);

  it('tells the lock family apart from other errors', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE'])
      expect(isDatabaseBusy(Object.assign(new Error('database is locked'), { code })), code).toBe(true);
    for (const error of [Object.assign(new Error('x'), { code: 'SQLITE_FULL' }), new Error('busy'), null])
      expect(isDatabaseBusy(error)).toBe(false);
  });
});

describe('reading while a long transaction holds the SQLite connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-reader-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers from the last commit at once instead of waiting for the transaction to end', async () => {
    const database = openDatabase(`sqlite:${join(dir, 'read.db')}`);
    let release: () => void = () => undefined;
    const released = new Promise<void>((r) => (release = r));
    try {
      await database.db.schema.createTable('jobs').addColumn('id', 'text').execute();
      await database.db.insertInto('jobs').values({ id: 'committed' }).execute();
      // A large import: its transaction holds the one read-write connection until it ends.
      const importing = database.db.transaction().execute(async (trx) => {
        await trx.insertInto('jobs').values({ id: 'uncommitted' }).execute();
        await released;
      });
      const read = database.reader.selectFrom('jobs').select('id').execute();
      const answer = await Promise.race([
        read,
        new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), 1000)),
      ]);
      expect(answer).toEqual([{ id: 'committed' }]);
      release();
      await importing;
      expect(await database.reader.selectFrom('jobs').select('id').orderBy('id').execute()).toEqual([
        { id: 'committed' },
        { id: 'uncommitted' },
      ]);
    } finally {
      release();
      await database.close();
    }
  });
});
