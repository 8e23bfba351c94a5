/**
 * The services' own refusals over HTTP in the reader's language: a data source, API key or user not found or
 * no access, a conflict (a name taken, a source disabled already, a key revoked already) and a trace of nobody
 * known or of a person without a case carry their reason code and parameters, with the Chinese beside the
 * English (`reasonZh`). Before, the services threw them in English alone and only the CLI named them by code.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FixedClock, type FieldIssue, type Purpose } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { systemContext } from '@shuzhi/identity';
import { createTestApp, signIn, type SignedIn, type TestApp } from './testing.js';

const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };

interface Refusal {
  request: InjectOptions & { url: string };
  status: number;
  issue: FieldIssue & { reasonZh: string };
}

describeEachDatabase('the services’ refusals in the reader’s language', (getDatabase) => {
  let t: TestApp;
  let admin: SignedIn;
  let epi: SignedIn;
  let source: { id: string; apiKey: string };
  let keyId: string;

  const as = (who: SignedIn, request: InjectOptions & { url: string }): InjectOptions => ({
    ...request,
    headers: { ...who.headers, ...zh },
  });
  /** Answers the request as a Chinese reader and checks its one issue: code, parameters and Chinese. */
  const expectRefused = async (who: SignedIn, { request, status, issue }: Refusal) => {
    const response = await t.app.inject(as(who, request));
    const where = `${request.method ?? 'GET'} ${request.url}`;
    expect(response.statusCode, `${where}: ${response.body}`).toBe(status);
    const problem = response.json() as { detail: string; issues: (FieldIssue & { reasonZh?: string })[] };
    expect(problem.issues, where).toEqual([issue]);
    // The message is the coded reason alone, so no English detail is left untranslated beside it.
    expect(problem.detail, where).toBe(issue.reason);
  };

  beforeAll(async () => {
    t = await createTestApp(getDatabase(), {}, { clock: new FixedClock('2026-03-07T02:00:00Z') });
    await t.platform.tracing.start();
    admin = await signIn(t.app, 'admin');
    epi = await signIn(t.app, 'epi');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: { id: 'zz-lab', name: '甲检验所 Lab A', type: 'lab', areaCode: '430202' },
    });
    expect(created.statusCode).toBe(201);
    source = created.json() as { id: string; apiKey: string };
    keyId = (await t.platform.identity.auth.apiKeysOf({ kind: 'source', id: source.id }))[0]!.id;
    // A person with presence and no case: tracing knows the id, but has no case to take the window from.
    const ctx = systemContext('test', 'data_submission' as Purpose, t.platform.clock);
    const checkins = [
      'person_id,venue_id,check_in,check_out,zone',
      'walker-1,V-1,2026-03-04T10:00:00+08:00,2026-03-04T11:00:00+08:00,',
    ];
    const report = await t.platform.hub.imports.run(ctx, {
      kind: 'checkins',
      fileName: 'checkins',
      text: `${checkins.join('\n')}\n`,
    });
    expect(report.status, JSON.stringify(report.errors)).toBe('accepted');
    await t.platform.hub.feed.settle();
  });
  afterAll(async () => t.close());

  it('codes the sources service’s refusals: not found or no access, and conflicts', async () => {
    const revoke = { method: 'POST' as const, url: `/api/v1/sources/zz-lab/keys/${keyId}/revoke` };
    expect((await t.app.inject(as(admin, revoke))).statusCode).toBe(200);
    const disable = { method: 'POST' as const, url: '/api/v1/sources/zz-lab/disable' };
    expect(
      (await t.app.inject(as(admin, { ...disable, payload: { reason: 'contract ended' } }))).statusCode,
    ).toBe(200);
    const refusals: Refusal[] = [
      {
        request: { url: '/api/v1/sources/src_nope/keys' },
        status: 404,
        issue: {
          reason: 'source src_nope not found or no access',
          code: 'source-not-found',
          params: { source: 'src_nope' },
          reasonZh: '数据源 src_nope 不存在，或您无权访问',
        },
      },
      {
        request: { method: 'POST', url: '/api/v1/sources/zz-lab/keys/key_nope/rotate' },
        status: 404,
        issue: {
          reason: 'API key key_nope of source zz-lab not found or no access',
          code: 'api-key-not-found',
          params: { key: 'key_nope', source: 'zz-lab' },
          reasonZh: '数据源 zz-lab 的 API 密钥 key_nope 不存在，或您无权访问',
        },
      },
      {
        request: revoke,
        status: 409,
        issue: {
          reason: `API key ${keyId} of source zz-lab is already revoked`,
          code: 'api-key-already-revoked',
          params: { key: keyId, source: 'zz-lab' },
          reasonZh: `数据源 zz-lab 的 API 密钥 ${keyId} 已被吊销`,
        },
      },
      {
        request: { ...disable, payload: { reason: 'contract ended' } },
        status: 409,
        issue: {
          reason: 'source zz-lab is already disabled',
          code: 'source-already-disabled',
          params: { source: 'zz-lab' },
          reasonZh: '数据源 zz-lab 已经停用',
        },
      },
      {
        request: {
          method: 'POST',
          url: '/api/v1/sources',
          payload: { id: 'zz-lab-2', name: '甲检验所 Lab A', type: 'lab' },
        },
        status: 409,
        issue: {
          record: '甲检验所 Lab A',
          field: 'name',
          reason: 'a source named "甲检验所 Lab A" already exists',
          code: 'source-name-taken',
          params: { name: '甲检验所 Lab A' },
          reasonZh: '已有名为“甲检验所 Lab A”的数据源',
        },
      },
      {
        request: {
          method: 'POST',
          url: '/api/v1/sources',
          payload: { id: 'zz-lab', name: 'Lab B', type: 'lab' },
        },
        status: 409,
        issue: {
          record: 'Lab B',
          field: 'id',
          reason: 'a source with id "zz-lab" already exists',
          code: 'source-id-taken',
          params: { source: 'zz-lab' },
          reasonZh: '已有编号为“zz-lab”的数据源',
        },
      },
    ];
    for (const refusal of refusals) await expectRefused(admin, refusal);
    const enable = { method: 'POST' as const, url: '/api/v1/sources/zz-lab/enable' };
    expect((await t.app.inject(as(admin, enable))).statusCode).toBe(200);
    await expectRefused(admin, {
      request: enable,
      status: 409,
      issue: {
        reason: 'source zz-lab is not disabled',
        code: 'source-not-disabled',
        params: { source: 'zz-lab' },
        reasonZh: '数据源 zz-lab 未停用',
      },
    });
  });

  it('codes the users service’s refusals: a user not found or no access, a username taken', async () => {
    await expectRefused(admin, {
      request: { method: 'POST', url: '/api/v1/users/usr_nope/source', payload: { sourceId: 'zz-lab' } },
      status: 404,
      issue: {
        reason: 'user usr_nope not found or no access',
        code: 'user-not-found',
        params: { user: 'usr_nope' },
        reasonZh: '用户 usr_nope 不存在，或您无权访问',
      },
    });
    await expectRefused(admin, {
      request: {
        method: 'POST',
        url: '/api/v1/users',
        payload: { username: 'epi', displayName: 'Epi', role: 'analyst', password: 'a long test passphrase' },
      },
      status: 409,
      issue: {
        record: 'epi',
        field: 'username',
        reason: 'user epi already exists',
        code: 'username-taken',
        params: { user: 'epi' },
        reasonZh: '用户名 epi 已被占用',
      },
    });
  });

  it('codes the trace service’s refusals: nobody known by the id, a person without a case', async () => {
    await expectRefused(epi, {
      request: { url: '/api/v1/tracing/trace?case=nobody-knows-me' },
      status: 404,
      issue: {
        reason: 'no person is known as nobody-knows-me',
        code: 'trace-person-unknown',
        params: { person: 'nobody-knows-me' },
        reasonZh: '没有人员以 nobody-knows-me 为标识',
      },
    });
    await expectRefused(epi, {
      request: { url: '/api/v1/tracing/trace?case=walker-1' },
      status: 404,
      issue: {
        record: 'walker-1',
        field: 'case',
        reason: 'walker-1 has no case record; give the window with --from and --to',
        code: 'trace-no-case',
        params: { person: 'walker-1' },
        reasonZh: 'walker-1 没有病例记录；请用 --from 和 --to 指定时间窗',
      },
    });
  });
});
