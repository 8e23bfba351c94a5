import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@shuzhi/db';
import { describeDatabaseError } from './database-errors.js';
import { runCli } from './testing.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('database errors as an operator reads them', () => {
  it('names the database and the likely cause of a SQLite error', () => {
    const text = describeDatabaseError(
      withCode('database is locked', 'SQLITE_BUSY'),
      'sqlite:/srv/shuzhi.db',
    );
    expect(text).toContain('database sqlite:/srv/shuzhi.db: database is locked');
    expect(text).toContain('write lock');
    expect(
      describeDatabaseError(withCode('database or disk is full', 'SQLITE_FULL'), 'sqlite:x.db'),
    ).toContain('the disk is full');
  });

  it('says what usually aborts a transaction when SQLite has rolled it back by itself', () => {
    const text = describeDatabaseError(
      new Error('cannot rollback - no transaction is active'),
      'sqlite:/srv/shuzhi.db',
    );
    expect(text).toContain('nothing of it was stored');
    expect(text).toContain('disk is full');
  });

  it('never prints a PostgreSQL password, and leaves other errors alone', () => {
    const text = describeDatabaseError(
      withCode('password authentication failed', 'SQLITE_AUTH'),
      'postgres://shuzhi:s3cret@db.internal/shuzhi',
    );
    expect(text).toContain('postgres://shuzhi:***@db.internal/shuzhi');
    expect(text).not.toContain('s3cret');
    expect(describeDatabaseError(new Error('something else'), 'sqlite:x.db')).toBeUndefined();
    expect(describeDatabaseError('not an error', 'sqlite:x.db')).toBeUndefined();
  });

  it('puts a file-system error on the path it names, not on the database', () => {
    const text = describeDatabaseError(
      withCode("ENOTDIR: not a directory, mkdir '/etc/hostname/fhir'", 'ENOTDIR'),
      'sqlite:/srv/shuzhi.db',
    );
    expect(text).toBe(
      "ENOTDIR: not a directory, mkdir '/etc/hostname/fhir' — a part of the path is a file, not a folder",
    );
  });
});

describe('shuzhi on a database it cannot use', () => {
  it('names a database path that is a folder, with exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shuzhi-cli-folder-'));
    const result = await runCli(['--db', `sqlite:${dir}`, 'migrate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`database sqlite:${dir}: unable to open database file`);
    expect(result.stderr).toContain('is a file (not a folder)');
  });

  it('explains a write lock held by another process for longer than the wait', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'shuzhi-cli-busy-')), 'shuzhi.db');
    expect((await runCli(['--db', `sqlite:${file}`, 'migrate'])).code).toBe(0);
    // Another process in the middle of a long import: it holds SQLite's one write lock.
    const holder = openDatabase(`sqlite:${file}`);
    holder.sqlite!.exec('begin immediate');
    try {
      const result = await runCli([
        '--db',
        `sqlite:${file}`,
        'sources',
        'add',
        '--name',
        'Lab',
        '--type',
        'lab',
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`database sqlite:${file}: database is locked`);
      expect(result.stderr).toContain('a large import?');
    } finally {
      holder.sqlite!.exec('rollback');
      await holder.close();
    }
  }, 60_000);
});
