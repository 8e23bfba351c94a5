/**
 * A FHIR body that is no JSON is refused by its reason code, so a client that asks for Chinese reads why in
 * Chinese (`details.text`), and one that sent NDJSON to `$import` as JSON is told the type to use.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signInBearer, type TestApp } from './testing.js';

const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };
const ndjson = '{"resourceType":"Patient"}\n{"resourceType":"Patient"}\n';

interface OutcomeIssue {
  diagnostics: string;
  details?: { text: string };
}

describeEachDatabase('a FHIR body that is no JSON, in the reader’s language', (getDatabase) => {
  let t: TestApp;
  let lab: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    lab = await signInBearer(t.app, 'lab');
  });
  afterAll(async () => t.close());

  const post = (url: string, language: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...lab, ...language, 'content-type': 'application/fhir+json' },
      payload: ndjson,
    });
  const issuesOf = (body: string) =>
    (JSON.parse(body) as { issue: OutcomeIssue[] }).issue.map((i) => [i.diagnostics, i.details?.text]);

  it('is refused with why, in English and in Chinese', async () => {
    const inEnglish = await post('/fhir/r4/Patient', {});
    expect(inEnglish.statusCode, inEnglish.body).toBe(400);
    const [[diagnostics, none]] = issuesOf(inEnglish.body) as [[string, undefined]];
    expect(none).toBeUndefined();
    const detail = diagnostics.replace(/^the body is not JSON: /, '');
    expect(detail).not.toBe(diagnostics);
    const inChinese = await post('/fhir/r4/Patient', zh);
    expect(inChinese.statusCode).toBe(400);
    expect(issuesOf(inChinese.body)).toEqual([[diagnostics, `请求体不是 JSON：${detail}`]]);
    const bulk = await post('/fhir/r4/$import?wait=true', zh);
    expect(bulk.statusCode).toBe(400);
    expect(issuesOf(bulk.body)).toEqual([
      [
        `the body is not JSON: ${detail}; send NDJSON as application/fhir+ndjson, one resource per line`,
        `请求体不是 JSON：${detail}；NDJSON 请以 application/fhir+ndjson 发送，每行一个资源`,
      ],
    ]);
  });
});
