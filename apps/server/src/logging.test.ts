import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, type TestApp } from './testing.js';

const RESIDENT_ID = '430202199003074571';
const PHONE = '13812345678';

describeEachDatabase('logs never contain personal data', (getDatabase) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(getDatabase(), { logLevel: 'trace' });
  });
  afterAll(async () => t.close());

  it('keeps identifiers, phone numbers, tokens and passwords out of every log line', async () => {
    const admin = await signIn(t.app, 'admin');
    await t.app.inject({ url: `/api/v1/users?q=${RESIDENT_ID}&phone=${PHONE}`, headers: admin.headers });
    await t.app.inject({ url: `/api/v1/persons/${RESIDENT_ID}`, headers: admin.headers });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: {
        username: RESIDENT_ID,
        displayName: `张三 ${PHONE}`,
        role: 'citizen',
        password: 'secret-password-1',
      },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'a-wrong-secret-pw' },
    });
    const text = t.logs.join('');
    expect(t.logs.length).toBeGreaterThan(5);
    expect(text).toContain('"path":"/api/v1/users"');
    for (const secret of [
      RESIDENT_ID,
      PHONE,
      'secret-password-1',
      'a-wrong-secret-pw',
      '张三',
      admin.csrfToken,
      admin.cookie.split('=')[1]!,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[id-number]');
  });
});
