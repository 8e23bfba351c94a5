import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connection.js';

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
