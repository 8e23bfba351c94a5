import { mkdtempSync, rmSync } from 'node:fs';
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
