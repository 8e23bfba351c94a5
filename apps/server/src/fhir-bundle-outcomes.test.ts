/**
 * What a source reads first when its transaction Bundle is refused: the entry refused for itself, then the
 * entries left unprocessed because of it, in entry order; and in Chinese for a client that asks.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, signInBearer, type TestApp } from './testing.js';

interface Issue {
  expression: string[];
  diagnostics: string;
  details?: { text: string };
}

const patient = {
  resourceType: 'Patient',
  id: 'p-0001',
  identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: '430202199001011241' }],
  name: [{ text: '王芳' }],
  gender: 'female',
  birthDate: '1990-01-01',
};
const result = {
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
  subject: { reference: 'urn:uuid:8d3c1f7e-0000-4000-8000-000000000001' },
  effectiveDateTime: '2026-02-27T08:00:00+08:00',
  valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260373001' }] },
};
const diagnosis = {
  resourceType: 'Condition',
  id: 'c-0001',
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'U07.1' }] },
  subject: { reference: 'Patient/p-0001' },
  recordedDate: '2026-02-27',
};

describeEachDatabase('FHIR Bundle refusals as a source reads them', (getDatabase) => {
  let t: TestApp;
  let lab: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    const admin = await signIn(t.app, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: { name: '株洲检验所 Test lab', type: 'lab', areaCode: '4302' },
    });
    const { apiKey } = created.json() as { apiKey: string };
    lab = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/fhir+json' };
  });
  afterAll(async () => t.close());

  it('names the entry refused for itself first, then the unprocessed ones in entry order, in Chinese too', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4',
      headers: { ...lab, 'accept-language': 'zh-CN' },
      payload: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: 'urn:uuid:8d3c1f7e-0000-4000-8000-000000000001',
            resource: patient,
            request: { method: 'PUT', url: 'Patient/p-0001' },
          },
          { resource: result, request: { method: 'POST', url: 'Observation' } },
          { resource: diagnosis, request: { method: 'PUT', url: 'Condition/c-0001' } },
        ],
      },
    });
    expect(response.statusCode).toBe(403);
    const issues = (response.json() as { issue: Issue[] }).issue;
    // Before, the store's order (the POST first) put "not processed" first and the reason last.
    expect(issues.map((i) => i.expression[0])).toEqual([
      'Bundle.entry[2].resource.resourceType',
      'Bundle.entry[0].resource',
      'Bundle.entry[1].resource',
    ]);
    expect(issues[0]!.diagnostics).toMatch(/^a lab data source does not submit Condition records/);
    expect(issues[0]!.details?.text).toMatch(/^检测机构类数据源不报送 Condition 记录/);
  });

  it('says in Chinese why a batch’s entries may not refer to each other', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4',
      headers: { ...lab, 'accept-language': 'zh-CN,zh;q=0.9' },
      payload: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          {
            fullUrl: 'urn:uuid:8d3c1f7e-0000-4000-8000-000000000001',
            resource: patient,
            request: { method: 'PUT', url: 'Patient/p-0001' },
          },
          { resource: result, request: { method: 'POST', url: 'Observation' } },
        ],
      },
    });
    const entries = (
      response.json() as { entry: { response: { status: string; outcome?: { issue: Issue[] } } }[] }
    ).entry;
    expect(entries[1]!.response.status).toMatch(/^400/);
    expect(entries[1]!.response.outcome!.issue[0]!.details?.text).toBe(
      'batch 类型 Bundle 的条目之间不能相互引用；请改用 transaction',
    );
  });

  it('says in Chinese that a record is not known, that the id differs from the URL’s, and that a key is refused', async () => {
    const zh = { 'accept-language': 'zh-CN' };
    const texts = async (request: InjectOptions) => {
      const response = await t.app.inject(request);
      return (response.json() as { issue: Issue[] }).issue.map((i) => i.details?.text);
    };
    // Before, the id mismatch matched the `pattern` reason ("格式应为：p-0001, the id in the URL").
    expect(
      await texts({
        method: 'PUT',
        url: '/fhir/r4/Patient/p-0001',
        headers: { ...lab, ...zh },
        payload: { ...patient, id: 'p-0002' },
      }),
    ).toEqual(['必须是 p-0001，即 URL 中的 id']);
    const epi = await signInBearer(t.app, 'epi');
    expect(await texts({ url: '/fhir/r4/Patient/nobody', headers: { ...epi, ...zh } })).toEqual([
      'Patient/nobody 不存在，或您无权查看',
    ]);
    expect(
      await texts({
        url: '/fhir/r4/Patient/nobody',
        headers: { ...zh, authorization: 'Bearer szk_no-such-key' },
      }),
    ).toEqual(['令牌无效、已过期或已吊销']);
  });
});
