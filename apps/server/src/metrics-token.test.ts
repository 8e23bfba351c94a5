import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, type TestApp } from './testing.js';

describeEachDatabase('/metrics behind SHUZHI_METRICS_TOKEN', (getDatabase) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(getDatabase(), { metricsToken: 'scrape-secret-2026' });
  });
  afterAll(async () => t.close());

  it('answers the scraper that presents the token, and no one else', async () => {
    const scrape = (authorization?: string) =>
      t.app.inject({ url: '/metrics', ...(authorization ? { headers: { authorization } } : {}) });
    for (const refused of [
      await scrape(),
      await scrape('Bearer wrong'),
      await scrape('scrape-secret-2026'),
    ]) {
      expect(refused.statusCode).toBe(401);
      expect(refused.body).not.toContain('shuzhi_');
    }
    const answered = await scrape('Bearer scrape-secret-2026');
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toContain('shuzhi_import_jobs');
    // Health checks stay open for the load balancer.
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
  });
});
