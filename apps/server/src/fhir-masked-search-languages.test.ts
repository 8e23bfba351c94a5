/**
 * A FHIR search by an identifier the caller sees masked is refused by its reason code, in the reader's
 * language: a data source is told the gatekeeper's reason and the system of its own record numbers, under
 * which it may still search (search-masked-own-records, with the system as a parameter).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, type TestApp } from './testing.js';

const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };
const en = { 'accept-language': 'en-US,en;q=0.9' };

interface OutcomeIssue {
  code: string;
  diagnostics: string;
  details?: { text: string };
  expression?: string[];
}

describeEachDatabase('a FHIR search by a masked identifier, in the reader’s language', (getDatabase) => {
  let t: TestApp;
  let sourceId: string;
  let read: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    const admin = await signIn(t.app, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: { name: '株洲市中心医院 Central hospital', type: 'hospital', areaCode: '4302' },
    });
    expect(created.statusCode).toBe(201);
    const source = created.json() as { id: string; apiKey: string };
    sourceId = source.id;
    // An agreement for persons and results that shows names but masks identifiers.
    const agreement = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sharing/agreements',
      headers: admin.headers,
      payload: {
        consumerSourceId: source.id,
        title: 'Names, no identifiers',
        datasets: ['persons', 'observations'],
        fields: ['name'],
        purpose: 'case_investigation',
        legalBasis: '《传染病防治法》第三十三条',
        expiresAt: '2099-12-31T00:00:00Z',
      },
    });
    expect(agreement.statusCode).toBe(201);
    read = { authorization: `Bearer ${source.apiKey}`, 'x-purpose-of-use': 'case_investigation' };
  });
  afterAll(async () => t.close());

  const search = (query: string, language: Record<string, string>) =>
    t.app.inject({ url: `/fhir/r4/Patient?${query}`, headers: { ...read, ...language } });

  it('is refused with the reason and the source’s own system, in English and in Chinese', async () => {
    const own = `urn:shuzhi:source:${sourceId}`;
    const english = `searching by identifier needs the identifiers field in clear, which your role or data-sharing agreement does not grant; your own records can be searched under ${own}`;
    const inEnglish = await search('identifier=urn:shuzhi:id:cn-resident|430202199003074571', en);
    expect(inEnglish.statusCode, inEnglish.body).toBe(403);
    expect((inEnglish.json() as { issue: OutcomeIssue[] }).issue).toEqual([
      { severity: 'error', code: 'forbidden', diagnostics: english, expression: ['identifier'] },
    ]);
    const inChinese = await search('identifier=urn:shuzhi:id:cn-resident|430202199003074571', zh);
    expect(inChinese.statusCode).toBe(403);
    expect((inChinese.json() as { issue: OutcomeIssue[] }).issue).toEqual([
      {
        severity: 'error',
        code: 'forbidden',
        diagnostics: english,
        details: {
          text: `按 identifier 检索需要明文可见 identifiers 字段，您的角色或数据共享协议未授予；本数据源自己的记录可按 ${own} 检索`,
        },
        expression: ['identifier'],
      },
    ]);
  });

  it('names the parameter searched: a result searched by its subject’s identifier', async () => {
    const own = `urn:shuzhi:source:${sourceId}`;
    const inChinese = await t.app.inject({
      url: '/fhir/r4/Observation?subject:identifier=urn:shuzhi:id:cn-resident|430202199003074571',
      headers: { ...read, ...zh },
    });
    expect(inChinese.statusCode, inChinese.body).toBe(403);
    expect(
      (inChinese.json() as { issue: OutcomeIssue[] }).issue.map((i) => [i.diagnostics, i.details?.text]),
    ).toEqual([
      [
        `searching by subject:identifier needs the identifiers field in clear, which your role or data-sharing agreement does not grant; your own records can be searched under ${own}`,
        `按 subject:identifier 检索需要明文可见 identifiers 字段，您的角色或数据共享协议未授予；本数据源自己的记录可按 ${own} 检索`,
      ],
    ]);
  });

  it('lets the source search its own records under its own system', async () => {
    const own = await search(`identifier=urn:shuzhi:source:${sourceId}|MRN-1`, zh);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ resourceType: 'Bundle', total: 0 });
  });
});
