/**
 * Test helpers: every repository test runs on both databases. `describeEachDatabase` runs a suite once on
 * a fresh SQLite file and once on a fresh database in the PostgreSQL started by the global setup.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type Database, type DialectName } from '../connection.js';
import { migrateToLatest, type MigrationMap } from '../migrator.js';

export interface TestDatabaseOptions {
  migrations?: MigrationMap;
}

/** The dialects this run can test: SQLite always, PostgreSQL unless explicitly skipped. */
export function testDialects(): DialectName[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Opens a brand-new, migrated database of the given dialect; `dispose` removes it. */
export async function createTestDatabase(
  dialect: DialectName,
  options: TestDatabaseOptions = {},
): Promise<{ database: Database; url: string; dispose: () => Promise<void> }> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shuzhi-test-'));
    url = `sqlite:${join(dir, 'test.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const adminUrl = inject('postgresUrl');
    const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await withAdmin(adminUrl, (c) => c.query(`create database ${name}`));
    url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
    cleanup = () =>
      withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(
        () => undefined,
      );
  }
  const database = openDatabase(url, { sqliteSynchronous: 'normal' });
  if (options.migrations) await migrateToLatest(database, options.migrations);
  return {
    database,
    url,
    dispose: async () => {
      await database.close();
      await cleanup();
    },
  };
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Declares `describe(title [sqlite])` and `describe(title [postgres])`, each with its own fresh database.
 * The callback receives a getter because the database only exists once `beforeAll` has run.
 */
export function describeEachDatabase(
  title: string,
  body: (get: () => Database, dialect: DialectName) => void,
  options: TestDatabaseOptions = {},
): void {
  for (const dialect of testDialects()) {
    describe(`${title} [${dialect}]`, () => {
      let handle: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
      beforeAll(async () => {
        handle = await createTestDatabase(dialect, options);
      });
      afterAll(async () => {
        await handle?.dispose();
      });
      body(() => {
        if (!handle) throw new Error('test database not ready');
        return handle.database;
      }, dialect);
    });
  }
}
