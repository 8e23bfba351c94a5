import { afterEach, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, type TestApp } from './testing.js';

function busyWait(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // block the event loop, as a burst of CPU-heavy requests would
  }
}

describeEachDatabase('load shedding', (getDatabase) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('answers 503 with Retry-After under memory pressure, but keeps health checks up', async () => {
    t = await createTestApp(
      getDatabase(),
      { maxHeapUsedBytes: 1, maxEventLoopDelayMs: 0 },
      { loadSampleIntervalMs: 50 },
    );
    await new Promise((r) => setTimeout(r, 120));
    const shed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'x' },
    });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('5');
    expect(shed.json()).toMatchObject({ code: 'overloaded', status: 503 });
    // A write to a guarded route is shed before the gatekeeper runs: a clean 503, nothing to audit.
    const guarded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=indicators',
      headers: { 'content-type': 'text/csv' },
      payload: 'area,indicator,date,count\n',
    });
    expect(guarded.statusCode).toBe(503);
    expect(guarded.json()).toMatchObject({ code: 'overloaded' });
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
    expect((await t.app.inject('/metrics')).body).toMatch(/shuzhi_requests_shed_total [1-9]/);
  });

  it('sheds while the event loop lags and serves again once it recovers', async () => {
    t = await createTestApp(getDatabase(), { maxEventLoopDelayMs: 50 }, { loadSampleIntervalMs: 50 });
    const app = t.app;
    const lag = () => app.memoryUsage().eventLoopDelay;
    await new Promise((r) => setTimeout(r, 150));
    expect(lag()).toBeLessThan(50);
    // A burst of CPU-bound work blocks the loop; the next sample sees the lag.
    while (lag() <= 50) {
      busyWait(300);
      await new Promise((r) => setTimeout(r, 1));
    }
    const shed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'x' },
    });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('5');
    while (lag() > 50) await new Promise((r) => setTimeout(r, 20));
    const served = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'shuzhi-demo-2026' },
    });
    expect(served.statusCode).toBe(200);
  });

  it('refuses requests beyond the in-flight limit instead of queueing them', async () => {
    t = await createTestApp(getDatabase(), { maxRequestsInFlight: 2, maxEventLoopDelayMs: 0 });
    const app = t.app;
    const login = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'shuzhi-demo-2026' },
      });
    const responses = await Promise.all(Array.from({ length: 8 }, login));
    const codes = responses.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(2);
    expect(codes.filter((c) => c === 503).length).toBeGreaterThanOrEqual(1);
    for (const r of responses.filter((x) => x.statusCode === 503))
      expect(r.headers['retry-after']).toBeDefined();
    // Nothing stays counted: afterwards a single request goes through.
    expect((await login()).statusCode).toBe(200);
  });
});
