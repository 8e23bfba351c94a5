/**
 * The gatekeeper's refusals of a caller, and identity's refusal to bind an account to a source, in the reader's
 * language by their reason codes: no credentials, no agreement for the dataset and purpose (with and without a
 * declared purpose), a role without the permission, a purpose that is unknown or the role may not declare, a
 * search or sort by a field the caller sees masked, a cookie session's write without its CSRF token, an account
 * unbound or bound to a source that cannot take it.
 * The problem+json detail is the English reason alone (what the web's problemMessage needs to show `reasonZh`
 * instead), its issue carries the code, parameters and Chinese; a FHIR client that asks for Chinese gets
 * `details.text`, one that does not gets none.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, signInBearer, type SignedIn, type TestApp } from './testing.js';

interface Refusal {
  status: number;
  code: string;
  params?: Record<string, string>;
  field?: string;
  record?: string;
  english: string;
  chinese: string;
}

interface OutcomeIssue {
  diagnostics: string;
  details?: { text: string };
}

const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };
const en = { 'accept-language': 'en-US,en;q=0.9' };
const han = /\p{Script=Han}/u;
const purposeList =
  'case_investigation, contact_tracing, surveillance, health_code, quarantine_management, community_management, port_health, data_submission, data_quality, self_service, audit, administration';

describeEachDatabase('the gatekeeper’s refusals in the reader’s language', (getDatabase) => {
  let t: TestApp;
  let admin: SignedIn;
  let consumer: { id: string; apiKey: string };
  let citizen: Record<string, string>;
  let epi: Record<string, string>;
  let unbound: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    admin = await signIn(t.app, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: { name: '分析平台 Analytics', type: 'cdc', areaCode: '4302', consumerOnly: true },
    });
    expect(created.statusCode).toBe(201);
    consumer = created.json() as { id: string; apiKey: string };
    citizen = await signInBearer(t.app, 'citizen');
    epi = await signInBearer(t.app, 'epi');
    // An account of the data_source role bound to no source: created before accounts had one, which no API
    // makes now; it signs in with the citizen's password.
    const { db } = getDatabase();
    const template = await db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'citizen')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('users')
      .values({
        ...template,
        id: 'usr_unbound',
        username: 'clerk-unbound',
        role: 'data_source',
        source_id: null,
      })
      .execute();
    unbound = await signInBearer(t.app, 'clerk-unbound');
  });
  afterAll(async () => t.close());

  /** Asks as an English reader (problem+json), then as a Chinese and an English FHIR client when `fhir`. */
  const expectRefusal = async (request: InjectOptions, fhir: InjectOptions | null, expected: Refusal) => {
    const headers = (request.headers ?? {}) as Record<string, string>;
    const api = await t.app.inject({ ...request, headers: { ...headers, ...en } });
    expect(api.statusCode, api.body).toBe(expected.status);
    const problem = api.json() as { detail: string; issues: Record<string, unknown>[] };
    expect(problem.detail).toBe(expected.english);
    expect(problem.detail).not.toMatch(han);
    expect(problem.issues).toEqual([
      {
        ...(expected.record === undefined ? {} : { record: expected.record }),
        ...(expected.field === undefined ? {} : { field: expected.field }),
        reason: expected.english,
        code: expected.code,
        ...(expected.params === undefined ? {} : { params: expected.params }),
        reasonZh: expected.chinese,
      },
    ]);
    if (fhir === null) return;
    const fhirHeaders = (fhir.headers ?? {}) as Record<string, string>;
    const inChinese = await t.app.inject({ ...fhir, headers: { ...fhirHeaders, ...zh } });
    expect(inChinese.statusCode).toBe(expected.status);
    const zhIssues = (inChinese.json() as { issue: OutcomeIssue[] }).issue;
    expect(zhIssues.map((i) => [i.diagnostics, i.details?.text])).toEqual([
      [expected.english, expected.chinese],
    ]);
    const inEnglish = await t.app.inject({ ...fhir, headers: { ...fhirHeaders, ...en } });
    expect(inEnglish.statusCode).toBe(expected.status);
    expect((inEnglish.json() as { issue: OutcomeIssue[] }).issue).toEqual([
      expect.not.objectContaining({ details: expect.anything() }),
    ]);
  };

  it('asks a caller without credentials to sign in or present a key', async () => {
    await expectRefusal(
      { url: '/api/v1/users' },
      { url: '/fhir/r4/Patient' },
      {
        status: 401,
        code: 'sign-in-required',
        english: 'sign in or present an API key',
        chinese: '请先登录，或出示 API 密钥',
      },
    );
  });

  describe('a consumer without a data-sharing agreement', () => {
    const asConsumer = (extra: Record<string, string> = {}) => ({
      authorization: `Bearer ${consumer.apiKey}`,
      ...extra,
    });

    it('is told to declare its purpose when it sent none', async () => {
      await expectRefusal(
        { url: '/api/v1/persons', headers: asConsumer() },
        { url: '/fhir/r4/Patient', headers: asConsumer() },
        {
          status: 403,
          code: 'agreement-none-no-purpose',
          params: { dataset: 'persons', purpose: 'data_submission', header: 'x-purpose-of-use' },
          english:
            'no active data-sharing agreement covers dataset persons for purpose data_submission (no x-purpose-of-use header: declare the purpose your agreement names)',
          chinese:
            '没有有效的数据共享协议为用途“数据报送（data_submission）”授权数据集 persons（请求未带 x-purpose-of-use 请求头：请声明共享协议所列的用途）',
        },
      );
    });

    it('is told which dataset and purpose no agreement covers', async () => {
      const surveillance = asConsumer({ 'x-purpose-of-use': 'surveillance' });
      await expectRefusal(
        { url: '/api/v1/persons', headers: surveillance },
        { url: '/fhir/r4/Patient', headers: surveillance },
        {
          status: 403,
          code: 'agreement-none',
          params: { dataset: 'persons', purpose: 'surveillance' },
          english: 'no active data-sharing agreement covers dataset persons for purpose surveillance',
          chinese: '没有有效的数据共享协议为用途“监测分析（surveillance）”授权数据集 persons',
        },
      );
    });
  });

  it('names the role and the permission it lacks', async () => {
    await expectRefusal(
      { url: '/api/v1/persons', headers: citizen },
      { url: '/fhir/r4/Patient', headers: citizen },
      {
        status: 403,
        code: 'role-permission',
        params: { role: 'citizen', permission: 'persons:read' },
        english: 'role citizen may not persons:read',
        chinese: '角色 citizen 没有 persons:read 权限',
      },
    );
    await expectRefusal({ url: '/api/v1/users', headers: citizen }, null, {
      status: 403,
      code: 'role-permission',
      params: { role: 'citizen', permission: 'users:read' },
      english: 'role citizen may not users:read',
      chinese: '角色 citizen 没有 users:read 权限',
    });
  });

  it('refuses a purpose of use it does not know, listing those it does', async () => {
    const header = { ...epi, 'x-purpose-of-use': 'curiosity' };
    await expectRefusal(
      { url: '/api/v1/persons', headers: header },
      { url: '/fhir/r4/Patient', headers: header },
      {
        status: 400,
        code: 'purpose-unknown',
        field: 'x-purpose-of-use',
        params: { header: 'x-purpose-of-use', purposes: purposeList },
        english: `unknown purpose of use in the x-purpose-of-use header; one of ${purposeList}`,
        chinese: `x-purpose-of-use 请求头中的使用目的无法识别；可用：${purposeList}`,
      },
    );
  });

  it('refuses a purpose the role may not declare', async () => {
    const header = { ...epi, 'x-purpose-of-use': 'administration' };
    await expectRefusal(
      { url: '/api/v1/persons', headers: header },
      { url: '/fhir/r4/Patient', headers: header },
      {
        status: 403,
        code: 'purpose-undeclarable',
        field: 'x-purpose-of-use',
        params: { role: 'epidemiologist', purpose: 'administration' },
        english: 'role epidemiologist may not act for purpose administration',
        chinese: '角色 epidemiologist 不能以用途“系统管理（administration）”访问',
      },
    );
  });

  it('refuses a search or sort by a field the role sees masked', async () => {
    // A grid worker reads persons with their ID numbers and birth dates masked.
    const grid = await signInBearer(t.app, 'grid');
    await expectRefusal({ url: '/api/v1/persons?identifier=430202199003074571', headers: grid }, null, {
      status: 403,
      code: 'search-masked',
      field: 'identifier',
      params: { param: 'identifier', field: 'identifiers' },
      english:
        'searching by identifier needs the identifiers field in clear, which your role or data-sharing agreement does not grant',
      chinese: '按 identifier 检索需要明文可见 identifiers 字段，您的角色或数据共享协议未授予',
    });
    await expectRefusal({ url: '/api/v1/persons?sort=birthDate', headers: grid }, null, {
      status: 403,
      code: 'sort-masked',
      field: 'sort',
      params: { sort: 'birthDate', field: 'birth_date' },
      english:
        'sorting by birthDate needs the birth_date field in clear, which your role or data-sharing agreement does not grant',
      chinese: '按 birthDate 排序需要明文可见 birth_date 字段，您的角色或数据共享协议未授予',
    });
  });

  it('refuses a cookie session’s write without its CSRF token', async () => {
    await expectRefusal(
      {
        method: 'POST',
        url: '/api/v1/sources',
        headers: { cookie: admin.cookie },
        payload: { name: 'Lab', type: 'lab', areaCode: '430202' },
      },
      null,
      {
        status: 403,
        code: 'csrf-token',
        field: 'x-csrf-token',
        params: { header: 'x-csrf-token' },
        english: 'missing or wrong x-csrf-token header for a cookie session',
        chinese: '缺少 x-csrf-token 请求头或其值不对：登录会话（Cookie）的写操作必须带上它',
      },
    );
  });

  it('refuses a data_source account bound to no source what it would submit', async () => {
    const patient = { resourceType: 'Patient', name: [{ family: '李', given: ['娜'] }] };
    const fhir = {
      method: 'POST' as const,
      url: '/fhir/r4/Patient',
      headers: { ...unbound, 'content-type': 'application/fhir+json' },
      payload: patient,
    };
    await expectRefusal({ url: '/api/v1/submissions/persons', headers: unbound }, fhir, {
      status: 403,
      code: 'account-unbound',
      field: 'sourceId',
      english:
        'this data_source account is not bound to a data source; an administrator binds it with `shuzhi users set-source USERNAME SOURCE_ID` or POST /api/v1/users/{id}/source',
      chinese:
        '此数据提供方账号未绑定数据源；请管理员用 `shuzhi users set-source 用户名 数据源ID` 或 POST /api/v1/users/{id}/source 绑定',
    });
  });

  describe('binding an account to a source', () => {
    const account = (sourceId: string) => ({
      method: 'POST' as const,
      url: '/api/v1/users',
      headers: admin.headers,
      payload: {
        username: 'reader-clerk',
        displayName: 'reader clerk',
        role: 'data_source',
        areaCode: null,
        personId: null,
        sourceId,
        password: 'a long test passphrase',
      },
    });

    it('refuses a consumer-only source, which submits nothing', async () => {
      await expectRefusal(account(consumer.id), null, {
        status: 400,
        code: 'account-source-consumer-only',
        record: 'reader-clerk',
        field: 'sourceId',
        params: { source: consumer.id },
        english: `data source ${consumer.id} is a consumer only: it submits nothing, so no account submits as it`,
        chinese: `数据源 ${consumer.id} 登记为仅使用方：它不报送数据，因此不能有账号以它的名义报送`,
      });
    });

    it('refuses a source nobody registered', async () => {
      await expectRefusal(account('src-nowhere'), null, {
        status: 400,
        code: 'account-source-unknown',
        record: 'reader-clerk',
        field: 'sourceId',
        params: { source: 'src-nowhere' },
        english: 'no data source src-nowhere is registered (shuzhi sources add)',
        chinese: '没有登记数据源 src-nowhere（用 shuzhi sources add 登记）',
      });
    });
  });
});
