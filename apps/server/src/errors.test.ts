import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@shuzhi/db';
import { createTestDatabase } from '@shuzhi/db/testing';
import { AppError } from '@shuzhi/core';
import { fhirOutcomeOf, problemOf, toAppError } from './errors.js';
import { allMigrations } from './migrations.js';
import { createTestApp, type TestApp } from './testing.js';

describe('a SQLite database whose write lock another process holds', () => {
  let test: TestApp;
  let holder: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const created = await createTestDatabase('sqlite', { migrations: allMigrations });
    dispose = created.dispose;
    test = await createTestApp(created.database);
    // Another process (`shuzhi import` of a large file) in the middle of its transaction.
    holder = openDatabase(created.url);
  });
  afterAll(async () => {
    await holder.close();
    await test.close();
    await dispose();
  });

  it('answers a write 503 unavailable with Retry-After within a second or so, not 500 after ten', async () => {
    holder.sqlite!.exec('begin immediate');
    try {
      const started = performance.now();
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'shuzhi-demo-2026' },
      });
      const tookMs = performance.now() - started;
      expect(response.statusCode, response.body).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toMatchObject({
        code: 'unavailable',
        detail: expect.stringContaining('database is busy'),
        issues: [{ record: 'database', reason: 'another process holds its write lock' }],
      });
      expect(tookMs).toBeLessThan(3000);
    } finally {
      holder.sqlite!.exec('rollback');
    }
  }, 30_000);

  it('maps the driver error itself, whichever extended busy code it carries', () => {
    holder.sqlite!.exec('begin immediate');
    try {
      let thrown: unknown;
      try {
        test.platform.database.sqlite!.exec('create table probe_busy (x integer)');
      } catch (error) {
        thrown = error;
      }
      expect(toAppError(thrown)).toMatchObject({ code: 'unavailable', retryAfterSeconds: 5 });
    } finally {
      holder.sqlite!.exec('rollback');
    }
    expect(toAppError(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' })).code).toBe(
      'internal',
    );
  });
});

describe('an error whose reasons have codes', () => {
  const refusal = new AppError('forbidden', 'refused', {
    issues: [
      // A text that is not the code's English template: only the code can give its Chinese.
      {
        field: 'source.active',
        reason: 'lab-1: refused',
        code: 'source-disabled',
        params: { source: 'lab-1' },
      },
      { record: 3, field: 'Observation.status', reason: 'no code here' },
      { field: 'x', reason: 'an unknown code', code: 'no-such-code' },
    ],
  });

  it('gives each coded issue its Chinese beside the English in a problem, by the code', () => {
    expect(problemOf(refusal, 'req-1').issues).toEqual([
      { ...refusal.issues[0], reasonZh: expect.stringMatching(/^数据源 lab-1 已停用：/) },
      refusal.issues[1],
      refusal.issues[2],
    ]);
  });

  it('gives a FHIR client that asks for Chinese details.text by the code, and English diagnostics', () => {
    const outcome = fhirOutcomeOf(refusal, 'zh-CN');
    expect(outcome.issue.map((i) => [i.diagnostics, i.details?.text])).toEqual([
      ['lab-1: refused', expect.stringMatching(/^数据源 lab-1 已停用：/)],
      ['entry 3: no code here', undefined],
      ['an unknown code', undefined],
    ]);
    expect(fhirOutcomeOf(refusal, 'en').issue.some((i) => i.details)).toBe(false);
    const inEntry = new AppError('forbidden', 'refused', {
      issues: [{ record: 2, reason: 'x', code: 'token-refused' }],
    });
    expect(fhirOutcomeOf(inEntry, 'zh').issue[0]!.details).toEqual({
      text: '条目 2：令牌无效、已过期或已吊销',
    });
  });
});
