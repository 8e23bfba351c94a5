/** Test helpers: a platform and app over a test database, with captured logs and signed-in clients. */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Clock, type Config } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import { buildApp, type App } from './app.js';
import { createPlatform, type Platform } from './platform.js';
import { DEMO_PASSWORD, seedDemoAccounts } from './seed/demo-accounts.js';

/**
 * The configuration of a real server in a test: an embedded database file in `dir`, a free port on loopback,
 * no logs, no demo city (a test that wants one says so in `overrides`).
 */
export function serverTestConfig(dir: string, overrides: Partial<Config> = {}): Config {
  return loadConfig(
    {},
    {
      db: `sqlite:${join(dir, 'db.sqlite')}`,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      demoPeople: 0,
      ...overrides,
    },
  );
}

export interface TestApp {
  platform: Platform;
  app: FastifyInstance;
  built: App;
  logs: string[];
  close(): Promise<void>;
}

export async function createTestApp(
  database: Database,
  overrides: Partial<Config> = {},
  options: { clock?: Clock; loadSampleIntervalMs?: number; importSpoolDirectory?: string } = {},
): Promise<TestApp> {
  const config = loadConfig({}, { logLevel: 'info', ...overrides });
  const platform = await createPlatform(config, {
    database,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.importSpoolDirectory ? { importSpoolDirectory: options.importSpoolDirectory } : {}),
  });
  await seedDemoAccounts(platform.identity, platform.hub);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const built = await buildApp(platform, {
    logStream,
    serveWeb: false,
    ...(options.loadSampleIntervalMs ? { loadSampleIntervalMs: options.loadSampleIntervalMs } : {}),
  });
  return {
    platform,
    app: built.app,
    built,
    logs,
    async close() {
      await built.app.close();
      await platform.close();
    },
  };
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
}

/** Signs in a demo account with a cookie session; `headers` carry the cookie and the CSRF token. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<SignedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = sessionCookieOf(response);
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** Signs in for an API client: returns the bearer authorization header. */
export async function signInBearer(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Record<string, string>> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, mode: 'bearer' },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.statusCode}`);
  return { authorization: `Bearer ${(response.json() as { token: string }).token}` };
}

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const raw = response.headers['set-cookie'];
  const first = (Array.isArray(raw) ? raw : [raw]).find(
    (c) => typeof c === 'string' && c.startsWith('sz_session='),
  );
  if (!first) throw new Error('no session cookie set');
  return first.split(';')[0]!;
}
