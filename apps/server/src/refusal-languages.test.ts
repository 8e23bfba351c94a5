/**
 * The gatekeeper's refusals and FHIR search errors in the reader's language, by their reason codes: the
 * problem+json issue carries the code, its parameters and the Chinese beside the English; a FHIR client that
 * asks for Chinese (`Accept-Language: zh-CN`) gets `details.text` in Chinese, and `diagnostics` stays English.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, signInBearer, type TestApp } from './testing.js';

interface OutcomeIssue {
  diagnostics: string;
  details?: { text: string };
}

const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };
const han = /\p{Script=Han}/u;

describeEachDatabase('refusals in the reader’s language', (getDatabase) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let disabled: { id: string; apiKey: string };
  let consumer: { id: string; apiKey: string };

  const register = async (payload: Record<string, unknown>) => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload,
    });
    expect(created.statusCode).toBe(201);
    return created.json() as { id: string; apiKey: string };
  };
  const outcome = async (request: InjectOptions) => {
    const response = await t.app.inject(request);
    return { status: response.statusCode, issues: (response.json() as { issue: OutcomeIssue[] }).issue };
  };

  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    admin = await signIn(t.app, 'admin');
    disabled = await register({ name: '停用的检验所 Disabled lab', type: 'lab', areaCode: '430202' });
    const off = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sources/${disabled.id}/disable`,
      headers: admin.headers,
      payload: { reason: 'contract ended' },
    });
    expect(off.statusCode).toBe(200);
    consumer = await register({
      name: '分析平台 Analytics',
      type: 'cdc',
      areaCode: '4302',
      consumerOnly: true,
    });
  });
  afterAll(async () => t.close());

  it('codes a refused key, in English with its Chinese beside it on the API and by request on FHIR', async () => {
    const bearer = { authorization: 'Bearer szk_no-such-key' };
    const api = await t.app.inject({ url: '/api/v1/submissions/persons', headers: bearer });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toMatchObject({
      detail: 'unknown, expired or revoked token',
      issues: [
        {
          reason: 'unknown, expired or revoked token',
          code: 'token-refused',
          reasonZh: '令牌无效、已过期或已吊销',
        },
      ],
    });
    expect(await outcome({ url: '/fhir/r4/Patient', headers: { ...bearer, ...zh } })).toEqual({
      status: 401,
      issues: [
        expect.objectContaining({
          diagnostics: 'unknown, expired or revoked token',
          details: { text: '令牌无效、已过期或已吊销' },
        }),
      ],
    });
    const english = await outcome({ url: '/fhir/r4/Patient', headers: bearer });
    expect(english.issues[0]).not.toHaveProperty('details');
  });

  it('codes a disabled source’s refusal with the source, one language per text', async () => {
    const key = { authorization: `Bearer ${disabled.apiKey}` };
    const api = await t.app.inject({ url: '/api/v1/submissions/persons', headers: key });
    expect(api.statusCode).toBe(403);
    const problem = api.json() as { detail: string; issues: Record<string, unknown>[] };
    expect(problem.detail).toMatch(new RegExp(`^data source ${disabled.id} is disabled: `));
    expect(problem.detail).not.toMatch(han);
    expect(problem.issues).toEqual([
      {
        field: 'source.active',
        reason: problem.detail,
        code: 'source-disabled',
        params: { source: disabled.id },
        reasonZh: `数据源 ${disabled.id} 已停用：重新启用前，其密钥和账号不能报送、回查或读取共享数据`,
      },
    ]);
    const fhir = await outcome({ url: '/fhir/r4/Patient', headers: { ...key, ...zh } });
    expect(fhir.status).toBe(403);
    expect(fhir.issues[0]!.diagnostics).toBe(problem.detail);
    expect(fhir.issues[0]!.details?.text).toBe(problem.issues[0]!['reasonZh']);
  });

  it('codes a consumer-only source’s refusal to submit', async () => {
    const key = { authorization: `Bearer ${consumer.apiKey}`, 'content-type': 'application/fhir+json' };
    const patient = { resourceType: 'Patient', name: [{ family: '李', given: ['娜'] }] };
    const fhir = await outcome({
      method: 'POST',
      url: '/fhir/r4/Patient',
      headers: { ...key, ...zh },
      payload: patient,
    });
    expect(fhir.status).toBe(403);
    expect(fhir.issues).toEqual([
      expect.objectContaining({
        diagnostics: expect.stringMatching(
          new RegExp(
            `^data source ${consumer.id} is registered as a consumer only: [^\\p{Script=Han}]+$`,
            'u',
          ),
        ),
        details: { text: `数据源 ${consumer.id} 登记为仅使用方：只能按共享协议读取数据，不能报送` },
      }),
    ]);
  });

  it('gives a FHIR search’s refusals in Chinese to a client that asks', async () => {
    const epi = await signInBearer(t.app, 'epi');
    const search = await outcome({
      url: '/fhir/r4/Observation?colour=red&date=2022-13&_count=ten',
      headers: { ...epi, ...zh },
    });
    expect(search.status).toBe(400);
    expect(search.issues.map((i) => i.details?.text)).toEqual([
      expect.stringMatching(/^Observation 没有这个检索参数；支持的参数：/),
      expect.stringMatching(/^2022-13 不是日期：/),
      '_count 必须是整数',
    ]);
    expect(search.issues[2]!.diagnostics).toBe('_count must be a whole number');
  });
});
