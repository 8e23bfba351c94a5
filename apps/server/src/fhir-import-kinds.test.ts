/**
 * FHIR `$import` by a data source whose type sends no FHIR (a venue, a hotel): refused up front with 403 and
 * an OperationOutcome naming the type and the kinds it may submit (in Chinese too, on request), with no import
 * job left behind — as `POST /api/v1/imports?kind=fhir` refuses it. A source that sends FHIR is taken.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, type TestApp } from './testing.js';

interface OutcomeIssue {
  severity: string;
  code: string;
  diagnostics: string;
  details?: { text: string };
}

const patient = JSON.stringify({
  resourceType: 'Patient',
  id: 'fik-p1',
  name: [{ text: '王芳' }],
  gender: 'female',
});

describeEachDatabase('FHIR $import by source type', (getDatabase) => {
  let t: TestApp;
  let venue: { id: string; apiKey: string };
  let lab: { id: string; apiKey: string };

  const register = async (payload: Record<string, unknown>) => {
    const admin = await signIn(t.app, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload,
    });
    expect(created.statusCode).toBe(201);
    return created.json() as { id: string; apiKey: string };
  };
  const bulkImport = (apiKey: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/fhir/r4/$import?wait=true',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/fhir+ndjson', ...headers },
      payload: `${patient}\n`,
    });
  const jobsOf = async (sourceId: string) =>
    getDatabase().db.selectFrom('import_jobs').select('id').where('source_id', '=', sourceId).execute();

  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    venue = await register({ name: '万达广场 Wanda Plaza', type: 'venue', areaCode: '430202' });
    lab = await register({ name: '荷塘检验所 Hetang lab', type: 'lab', areaCode: '430202' });
  });
  afterAll(async () => t.close());

  it('refuses a venue with 403 naming its type and its kinds, and keeps no import job', async () => {
    const refused = await bulkImport(venue.apiKey);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/fhir+json');
    expect(refused.json()).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'forbidden',
          diagnostics: 'import kind fhir is not submitted by a venue source (it may submit checkins, venues)',
        },
      ],
    });
    expect(await jobsOf(venue.id)).toEqual([]);
    // Nor does the venue see one in its list of imports.
    const listed = await t.app.inject({
      url: '/api/v1/imports',
      headers: { authorization: `Bearer ${venue.apiKey}` },
    });
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as { items: unknown[] }).items).toEqual([]);
  });

  it('says it in Chinese to a client that asks for Chinese, the English staying in diagnostics', async () => {
    const refused = await bulkImport(venue.apiKey, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(refused.statusCode).toBe(403);
    const [issue] = (refused.json() as { issue: OutcomeIssue[] }).issue;
    expect(issue?.diagnostics).toContain('a venue source');
    expect(issue?.details?.text).toBe('公共场所类数据源不提交 fhir 类导入（它可提交：checkins, venues）');
  });

  it('refuses before reading the body: a venue’s body that is not even JSON gets the same 403', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4/$import',
      headers: { authorization: `Bearer ${venue.apiKey}`, 'content-type': 'application/fhir+json' },
      payload: '{"resourceType": "Bundle", ',
    });
    expect(refused.statusCode).toBe(403);
    expect((refused.json() as { issue: OutcomeIssue[] }).issue[0]?.diagnostics).toContain('a venue source');
    expect(await jobsOf(venue.id)).toEqual([]);
  });

  it('refuses it the same way on the imports API', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?kind=fhir&wait=true',
      headers: { authorization: `Bearer ${venue.apiKey}`, 'content-type': 'application/fhir+ndjson' },
      payload: `${patient}\n`,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      issues: [
        {
          record: 'fhir',
          field: 'kind',
          reason: expect.stringContaining('a venue source'),
          code: 'import-kind-source-type',
          params: { kind: 'fhir', type: 'venue', kinds: 'checkins, venues' },
          reasonZh: '公共场所类数据源不提交 fhir 类导入（它可提交：checkins, venues）',
        },
      ],
    });
    expect(await jobsOf(venue.id)).toEqual([]);
  });

  it('takes the file of a source that sends FHIR', async () => {
    const taken = await bulkImport(lab.apiKey);
    expect(taken.statusCode).toBe(200);
    expect((taken.json() as { issue: OutcomeIssue[] }).issue[0]?.diagnostics).toContain('1 accepted');
    expect(await jobsOf(lab.id)).toHaveLength(1);
  });
});
