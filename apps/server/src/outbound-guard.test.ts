import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, type TestApp } from './testing.js';

/** The field issue a private or local webhook URL is refused with, whichever form it was typed into. */
const privateUrl = (record: string) => ({
  status: 400,
  code: 'invalid_input',
  issues: [{ record, field: 'url', reason: 'private or local address' }],
});

describeEachDatabase('webhooks set over HTTP reach public addresses only (the default)', (getDatabase) => {
  let t: TestApp;
  let consumerKey: string;
  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    const admin = await signIn(t.app, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: { name: '市疾控 City CDC', type: 'cdc', areaCode: '4302' },
    });
    const { id, apiKey } = created.json() as { id: string; apiKey: string };
    consumerKey = apiKey;
    const agreement = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sharing/agreements',
      headers: admin.headers,
      payload: {
        consumerSourceId: id,
        title: '病例推送 Case notifications',
        datasets: ['feed', 'cases'],
        purpose: 'surveillance',
        legalBasis: '《传染病防治法》第三十三条',
        expiresAt: '2099-01-01T00:00:00Z',
      },
    });
    expect(agreement.statusCode).toBe(201);
  });
  afterAll(async () => t.close());

  it('refuses a change-feed webhook at the cloud metadata address or on localhost, naming the field', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://localhost:8080/hook']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/feed/webhooks',
        headers: { authorization: `Bearer ${consumerKey}`, 'x-purpose-of-use': 'surveillance' },
        payload: { url },
      });
      expect(response.json()).toMatchObject(privateUrl('webhook'));
    }
  });

  it('refuses an alert webhook on a private network address, naming the field', async () => {
    const epi = await signIn(t.app, 'epi');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/alerts/subscriptions',
      headers: epi.headers,
      payload: { channel: 'webhook', url: 'http://10.0.0.8/alerts', minLevel: 'blue' },
    });
    expect(response.json()).toMatchObject(privateUrl('subscription'));
  });
});
