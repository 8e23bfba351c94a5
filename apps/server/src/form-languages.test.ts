/**
 * A form's refused fields in both languages (DESIGN: validation messages in both languages, naming the
 * field): every issue of an invalid agreement, user or source, whether the route's schema or the service
 * refused it, carries its reason code and its Chinese (`reasonZh`) beside the English, which stays as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { problemOf, type Problem } from './errors.js';
import { createTestApp, signIn, type SignedIn, type TestApp } from './testing.js';

const han = /\p{Script=Han}/u;

/** Each issue's field with its English and Chinese, after checking that every issue has both. */
function reasonsOf(problem: Problem): Record<string, { reason: string; reasonZh: string }> {
  expect(problem.issues.length).toBeGreaterThan(0);
  for (const issue of problem.issues) {
    expect(issue.code, `${issue.field}: ${issue.reason}`).toBeDefined();
    expect(issue.reasonZh, `${issue.field}: ${issue.reason}`).toMatch(han);
  }
  return Object.fromEntries(
    problem.issues.map((i) => [i.field ?? '', { reason: i.reason, reasonZh: i.reasonZh! }]),
  );
}

describeEachDatabase('a form’s refused fields in both languages', (getDatabase) => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    admin = await signIn(t.app, 'admin');
  });
  afterAll(async () => t.close());

  const post = async (url: string, payload: object) => {
    const response = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload });
    return { status: response.statusCode, problem: response.json() as Problem };
  };

  it('gives each field of an agreement submitted empty in Chinese beside its English', async () => {
    // What the web's form sends when nothing is filled in: empty strings, its default datasets.
    const { status, problem } = await post('/api/v1/sharing/agreements', {
      consumerSourceId: '',
      title: '',
      datasets: ['feed', 'cases'],
      fields: [],
      purpose: 'case_investigation',
      legalBasis: '',
      expiresAt: '',
    });
    expect(status).toBe(400);
    expect(reasonsOf(problem)).toEqual({
      consumerSourceId: { reason: 'required', reasonZh: '必填' },
      title: { reason: 'required', reasonZh: '必填' },
      legalBasis: {
        reason: 'state the legal basis (at least 5 characters)',
        reasonZh: '请说明法律依据（至少 5 个字符）',
      },
      expiresAt: {
        reason: 'Invalid ISO datetime',
        reasonZh: '必须是 ISO 8601 日期时间，例如 2022-03-05T08:30:00+08:00',
      },
    });
  });

  it('gives an agreement’s unserved dataset, platform purpose and missing fields in Chinese', async () => {
    const { status, problem } = await post('/api/v1/sharing/agreements', {
      datasets: [],
      purpose: 'audit',
      expiresAt: '2099-01-01T00:00:00+08:00',
      validFrom: '2099-02-01T00:00:00+08:00',
    });
    expect(status).toBe(400);
    const reasons = reasonsOf(problem);
    expect(reasons['consumerSourceId']?.reasonZh).toBe('必填');
    expect(reasons['datasets']?.reasonZh).toBe('至少选择一个数据集');
    expect(reasons['purpose']?.reasonZh).toMatch(/^audit 是平台自身的用途，不能据此共享数据/);
  });

  it('gives the sharing service’s own refusals in Chinese: an unknown consumer, an expiry passed', async () => {
    const agreement = {
      consumerSourceId: 'src_nowhere',
      title: 'Case data for the county CDC',
      datasets: ['cases'],
      purpose: 'case_investigation',
      legalBasis: 'PRC Law on the Prevention and Control of Infectious Diseases, art. 12',
      expiresAt: '2099-01-01T00:00:00+08:00',
    };
    const unknown = await post('/api/v1/sharing/agreements', agreement);
    expect(unknown.status).toBe(400);
    expect(reasonsOf(unknown.problem)['consumerSourceId']?.reasonZh).toBe('未知数据源');
    const source = await post('/api/v1/sources', { name: 'County CDC', type: 'cdc', consumerOnly: true });
    const { id } = source.problem as unknown as { id: string };
    const past = await post('/api/v1/sharing/agreements', {
      ...agreement,
      consumerSourceId: id,
      expiresAt: '2001-01-01T00:00:00+08:00',
    });
    expect(past.status).toBe(400);
    expect(reasonsOf(past.problem)['expiresAt']?.reasonZh).toMatch(/^必须是将来的时间（晚于 /);
  });

  it('gives each field of an invalid user in Chinese', async () => {
    const { status, problem } = await post('/api/v1/users', {
      username: 'A!',
      displayName: '',
      role: 'data_source',
      areaCode: 'x',
      password: 'short',
    });
    expect(status).toBe(400);
    expect(reasonsOf(problem)).toMatchObject({
      displayName: { reason: 'required', reasonZh: '必填' },
      areaCode: { reasonZh: '应为 GB/T 2260 行政区划代码（2–12 位数字）' },
      password: { reason: 'at least 10 characters', reasonZh: '至少 10 个字符' },
    });
    // The username breaks two checks: both are listed under it, the later one kept by field here.
    expect(problem.issues.filter((i) => i.field === 'username').map((i) => i.reasonZh)).toEqual([
      '至少 3 个字符',
      '只能用小写字母、数字、点、连字符和下划线',
    ]);
  });

  it('gives a data_source account without a source, and a name taken, in Chinese', async () => {
    const user = {
      username: 'lab-clerk',
      displayName: 'Lab clerk',
      role: 'data_source',
      password: 'long enough 1',
    };
    const unbound = await post('/api/v1/users', user);
    expect(unbound.status).toBe(400);
    expect(reasonsOf(unbound.problem)['sourceId']?.reasonZh).toBe(
      '数据源账号须以一个已登记的数据源身份报送：必填',
    );
    const taken = await post('/api/v1/users', { ...user, username: 'admin', role: 'epidemiologist' });
    expect(taken.status).toBe(409);
    expect(reasonsOf(taken.problem)['username']).toEqual({
      reason: 'user admin already exists',
      reasonZh: '用户名 admin 已被占用',
    });
  });

  it('gives each field of an invalid source in Chinese', async () => {
    const { status, problem } = await post('/api/v1/sources', {
      id: '-',
      name: '',
      type: 'school',
      areaCode: 'x',
      expectedIntervalHours: 0,
    });
    expect(status).toBe(400);
    expect(reasonsOf(problem)).toMatchObject({
      id: { reason: 'letters, digits, dash and underscore (2–64)' },
      name: { reason: 'required', reasonZh: '必填' },
      type: { reasonZh: expect.stringMatching(/^必须是以下之一：hospital, lab, /) as unknown },
      areaCode: { reasonZh: '应为 GB/T 2260 行政区划代码' },
      expectedIntervalHours: { reasonZh: '不得小于 1' },
    });
  });

  describe('from the services, as the CLI calls them', () => {
    const problemOfRefusal = async (call: () => Promise<unknown>) => {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      return problemOf(error as AppError, 'test');
    };

    it('codes every issue of a source and a user the schema refuses', async () => {
      const source = await problemOfRefusal(() =>
        t.platform.hub.sources.addSource({ name: ' ', type: 'lab', expectedIntervalHours: 1.5 }),
      );
      expect(reasonsOf(source)).toMatchObject({
        name: { reasonZh: '必填' },
        expectedIntervalHours: { reasonZh: '必须是整数' },
      });
      const user = await problemOfRefusal(() =>
        t.platform.identity.users.createUser({
          username: 'epi2',
          displayName: 'Epi',
          role: 'analyst',
          sourceId: 'src_x',
          password: 'long enough 1',
        }),
      );
      expect(reasonsOf(user)['sourceId']?.reasonZh).toBe(
        '只有数据源（data_source）账号才绑定数据源，角色 analyst 不绑定',
      );
    });
  });
});
