import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from './server.js';
import { serverTestConfig } from './testing.js';

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then refuses new connections', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shuzhi-shutdown-'));
    const config = serverTestConfig(dir);
    const server = await startServer(config, {
      seedDemo: true,
      handleSignals: false,
      print: () => undefined,
    });
    const base = server.url.replace('localhost', '127.0.0.1');
    // A login takes tens of milliseconds (scrypt): it is in flight when shutdown begins.
    const inFlight = fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'shuzhi-demo-2026' }),
    });
    while (server.app.metrics.inFlight === 0) await new Promise((r) => setTimeout(r, 1));
    const stopped = server.stop();
    const response = await inFlight;
    expect(response.status).toBe(200);
    await stopped;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    // The login's audit entry was written before the database closed.
    rmSync(dir, { recursive: true, force: true });
  });
});
