/**
 * Starting the server on a configuration mistake: each is refused (or reported at start) naming the
 * variable to change and the cause, instead of running on something the operator did not mean.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shuzhi/core';
import { createTestDatabase, testDialects } from '@shuzhi/db/testing';
import { startServer } from './server.js';
import { serverTestConfig } from './testing.js';

const quiet = { handleSignals: false, print: () => undefined };

async function refusal(start: Promise<unknown>): Promise<AppError> {
  const error: unknown = await start.then(
    () => new Error('the server started'),
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw error;
  return error;
}

describe('starting on a configuration mistake', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shuzhi-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses --db sqlite: with no path instead of serving from memory, naming SHUZHI_DB', async () => {
    const error = await refusal(startServer(serverTestConfig(dir, { db: 'sqlite:' }), quiet));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/SHUZHI_DB \(or --db\): sqlite: needs a file path/);
    expect(error.issues).toEqual([expect.objectContaining({ field: 'SHUZHI_DB' })]);
  });

  it('names SHUZHI_HOST when the address cannot be listened on; a good address then serves', async () => {
    const config = serverTestConfig(dir, { host: 'not-a-host.invalid' });
    const error = await refusal(startServer(config, quiet));
    expect(error.message).toMatch(/^SHUZHI_HOST: cannot listen on "not-a-host\.invalid": no such host name/);
    expect(error.issues[0]?.field).toBe('SHUZHI_HOST');
    const server = await startServer({ ...config, host: '127.0.0.1' }, quiet);
    await server.stop();
  });

  it('names PORT when the port is taken', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const error = await refusal(startServer(serverTestConfig(dir, { port }), quiet));
      expect(error.message).toContain(`PORT (or --port): cannot listen on port ${port}`);
      expect(error.message).toContain('already in use');
    } finally {
      taken.close();
    }
  });
});

describe('starting without a built web app', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shuzhi-web-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says so at start and on every page, with the command that builds it; the API keeps working', async () => {
    const missing = join(dir, 'no-such-dist');
    const lines: string[] = [];
    const server = await startServer(serverTestConfig(dir, { webDist: missing }), {
      handleSignals: false,
      print: (line) => lines.push(line),
    });
    try {
      const notice = lines.find((l) => l.startsWith('Web app not built'));
      expect(notice).toContain(missing);
      expect(notice).toContain('npm run build -w @shuzhi/web');
      const base = server.url.replace('localhost', '127.0.0.1');
      for (const path of ['/', '/login', '/persons/p_1?tab=timeline']) {
        const page = await fetch(`${base}${path}`);
        expect(page.status).toBe(503);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(page.headers.get('cache-control')).toBe('no-store');
        const body = await page.text();
        expect(body).toContain('the web app is not built');
        expect(body).toContain('npm run build -w @shuzhi/web');
        // The page is public: the server's folders are named in its log only.
        expect(body).not.toContain(dir);
      }
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const unknownApi = await fetch(`${base}/api/v1/no-such-thing`);
      expect(unknownApi.status).toBe(404);
      expect(unknownApi.headers.get('content-type')).toContain('application/problem+json');
      expect((await fetch(`${base}/api/v1/openapi.json`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("takes the sources of the web app (apps/web: Vite's page, blank in a browser) for no build", async () => {
    const sources = join(dir, 'web-sources');
    mkdirSync(sources, { recursive: true });
    writeFileSync(
      join(sources, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/src/main.tsx"></script>',
    );
    const lines: string[] = [];
    const server = await startServer(serverTestConfig(dir, { webDist: sources }), {
      handleSignals: false,
      print: (line) => lines.push(line),
    });
    try {
      expect(lines.find((l) => l.startsWith('Web app not built'))).toContain(
        `${sources} holds the web app's sources, not a build`,
      );
      const page = await fetch(`${server.url.replace('localhost', '127.0.0.1')}/`);
      expect(page.status).toBe(503);
      expect(await page.text()).not.toContain('/src/main.tsx');
    } finally {
      await server.stop();
    }
  });

  it('serves the build and says nothing when it is there', async () => {
    const dist = join(dir, 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Shuzhi</title><div id="root"></div>');
    const lines: string[] = [];
    const server = await startServer(serverTestConfig(dir, { webDist: dist }), {
      handleSignals: false,
      print: (line) => lines.push(line),
    });
    try {
      expect(lines.some((l) => l.includes('Web app not built'))).toBe(false);
      const page = await fetch(`${server.url.replace('localhost', '127.0.0.1')}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      await server.stop();
    }
  });
});

describe('starting on a PostgreSQL that cannot be used', () => {
  const hasPostgres = testDialects().includes('postgres');
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-pgconf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const start = (db: string) => refusal(startServer(serverTestConfig(dir, { db }), quiet));

  it('names the database, the host and "connection refused" when nothing listens', async () => {
    const error = await start('postgres://shuzhi:s3cret-pw@127.0.0.1:1/citydb');
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/^cannot connect to database citydb on host 127\.0\.0\.1:1 /);
    expect(error.message).toContain('postgres://shuzhi:***@127.0.0.1:1/citydb');
    expect(error.message).toContain('connection refused');
    expect(error.message).not.toContain('s3cret-pw');
    expect(error.message).not.toContain('migration unknown');
    expect(error.issues[0]?.field).toBe('SHUZHI_DB');
  });

  it.skipIf(!hasPostgres)('says the authentication failed, without the password', async () => {
    const real = await createTestDatabase('postgres');
    const wrong = new URL(real.url);
    wrong.password = 'not-the-password';
    const error = await start(wrong.toString()).finally(() => real.dispose());
    expect(error.message).toContain(`on host ${wrong.hostname}:${wrong.port}`);
    expect(error.message).toContain('authentication failed');
    expect(error.message).not.toContain('not-the-password');
  });

  it.skipIf(!hasPostgres)('says the database does not exist', async () => {
    const real = await createTestDatabase('postgres');
    await real.dispose();
    const url = new URL(real.url);
    url.pathname = '/no_such_city_db';
    const error = await start(url.toString());
    expect(error.message).toMatch(/^cannot connect to database no_such_city_db on host /);
    expect(error.message).toContain('unknown database');
  });
});
