/**
 * Every issue of an OperationOutcome the FHIR service, the Bundle planner and the validators build carries the
 * reason code it was made from (kept beside the outcome, never in the FHIR JSON), and a client that asks for
 * Chinese gets `details.text` by that code, whatever its English says.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Clock } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { AccessContext } from '@shuzhi/identity';
import {
  reasonOfIssue,
  reasonTexts,
  type Json,
  type OperationOutcome,
  type ReasonCode,
} from '../core/index.js';
import { dataHubFixture } from '../records/testing.js';
import { hubTestMigrations, sourceContext } from '../testing.js';
import { fhirRoutes } from './fhir.routes.js';
import type { FhirAnswer, FhirService } from './fhir.service.js';

/** A city epidemiologist who reads records but sees no identifier in clear. */
function maskedStaffContext(clock: Clock): AccessContext {
  return {
    principal: { kind: 'user', id: 'usr-epi', role: 'epidemiologist', displayName: 'epi', areaCode: null },
    purpose: 'case_investigation',
    clock,
    disclosed: new Set(),
  };
}

const residentId = '430202199003074571';

function patient(id: string | undefined, extra: Json = {}): Json {
  return {
    resourceType: 'Patient',
    ...(id === undefined ? {} : { id }),
    identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: residentId }],
    name: [{ text: '王芳' }],
    gender: 'female',
    ...extra,
  };
}

function observation(subject: string): Json {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
    subject: { reference: subject },
    effectiveDateTime: '2026-02-28T08:10:00+08:00',
    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] },
  };
}

const post = (type: string, resource: unknown, request: Json = {}) => ({
  resource,
  request: { method: 'POST', url: type, ...request },
});

/** Bundle entries each refused or warned about for a reason of its own. */
const badEntries: unknown[] = [
  'not an entry',
  { fullUrl: '', ...post('Patient', patient(undefined)) },
  { fullUrl: 'urn:uuid:not-a-uuid', ...post('Patient', patient(undefined)) },
  { fullUrl: 'urn:uuid:5b0d1c1e-0000-4000-8000-00000000000a', ...post('Patient', patient(undefined)) },
  { fullUrl: 'urn:uuid:5b0d1c1e-0000-4000-8000-00000000000a', ...post('Patient', patient(undefined)) },
  { resource: patient(undefined) },
  { request: { method: 'PATCH', url: 'Patient/a' } },
  { request: { method: 'FETCH', url: 'Patient' } },
  { request: { method: 'POST' } },
  { request: { method: 'GET', url: 'Spaceship/1' } },
  post('Patient/given-id', patient(undefined)),
  { request: { method: 'GET', url: 'Patient/a/b/c' } },
  { request: { method: 'GET', url: 'Patient/not_an:id' } },
  { resource: patient('x'), request: { method: 'PUT', url: 'Patient' } },
  { request: { method: 'DELETE', url: 'Patient' } },
  { request: { method: 'POST', url: 'Patient' } },
  post('Patient', observation('Patient/x')),
  { resource: patient('one'), request: { method: 'PUT', url: 'Patient/other' } },
  { resource: patient('one'), request: { method: 'PUT', url: 'Patient/one', ifNoneExist: 'name=x' } },
  post('Patient', patient(undefined), { ifNoneExist: 5 }),
  post('Patient', patient(undefined), { ifNoneExist: 'colour=green' }),
  { resource: patient('one'), request: { method: 'PUT', url: 'Patient/one', ifMatch: '3' } },
  { request: { method: 'GET', url: 'Patient?birthdate=yesterday' } },
  { request: { method: 'DELETE', url: 'Patient/one' } },
  { request: { method: 'GET', url: 'Patient/one' } },
  post('Patient', { resourceType: 'Patient', gender: 'robot' }),
  post('Patient', patient(undefined, { hairColour: 'brown' })),
  post('Patient', {
    ...patient(undefined),
    identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: '43020219900307457X' }],
  }),
  post('Observation', {
    ...observation('Patient/twin-1'),
    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '1234567' }] },
  }),
  post('Observation', observation('urn:uuid:5b0d1c1e-0000-4000-8000-00000000000a')),
  post('Observation', observation('Patient/nobody-sent-this')),
];

/** Each outcome of an answer: the answer itself, or each Bundle entry's `response.outcome`. */
function outcomesOf(answer: FhirAnswer): OperationOutcome[] {
  const body = answer.body as {
    resourceType?: string;
    entry?: { response?: { outcome?: OperationOutcome } }[];
  };
  if (body.resourceType === 'OperationOutcome') return [body as unknown as OperationOutcome];
  return (body.entry ?? []).flatMap((e) => (e.response?.outcome ? [e.response.outcome] : []));
}

describeEachDatabase(
  'FHIR outcomes by reason code',
  (getDatabase) => {
    describe('every issue the FHIR service, the Bundle planner and the validators build', () => {
      it('carries a reason code, over Bundle entries, searches, reads, If-Match and conditional creates', async () => {
        const { hub, clock, ctx: system } = dataHubFixture(getDatabase());
        const fhir: FhirService = hub.data.fhir;
        const lab = sourceContext('coding-lab', clock);
        const epi = maskedStaffContext(clock);
        // Two of the lab's own patients with one resident ID: a conditional create on it is ambiguous.
        for (const id of ['twin-1', 'twin-2'])
          expect((await fhir.update(lab, { type: 'Patient', id, body: patient(id) })).status).toBe(201);
        const query = (text: string) => new URLSearchParams(text);
        const base = 'http://hub.test/fhir/r4';
        const cases: [string, () => Promise<FhirAnswer>][] = [
          ['a body that is no Bundle', () => fhir.bundle(lab, 'text')],
          ['a Bundle of another resourceType', () => fhir.bundle(lab, { resourceType: 'Patient' })],
          ['a collection Bundle', () => fhir.bundle(lab, { resourceType: 'Bundle', type: 'collection' })],
          [
            'entries not a list',
            () => fhir.bundle(lab, { resourceType: 'Bundle', type: 'batch', entry: {} }),
          ],
          [
            'a batch of bad entries',
            () => fhir.bundle(lab, { resourceType: 'Bundle', type: 'batch', entry: badEntries }),
          ],
          [
            'a transaction referring to no entry',
            () =>
              fhir.bundle(lab, {
                resourceType: 'Bundle',
                type: 'transaction',
                entry: [post('Observation', observation('urn:uuid:5b0d1c1e-0000-4000-8000-0000000000ff'))],
              }),
          ],
          [
            'a transaction with a record refused by the store',
            () =>
              fhir.bundle(lab, {
                resourceType: 'Bundle',
                type: 'transaction',
                entry: [
                  post('Patient', patient(undefined)),
                  post('Observation', observation('Patient/ghost')),
                ],
              }),
          ],
          ['a search of an unknown type', () => fhir.searchType(system, 'Spaceship', query(''), base)],
          ['an unknown search parameter', () => fhir.searchType(system, 'Patient', query('colour=x'), base)],
          ['a search date', () => fhir.searchType(system, 'Observation', query('date=soon'), base)],
          ['a search modifier', () => fhir.searchType(system, 'Patient', query('name:fuzzy=x'), base)],
          ['a search value missing', () => fhir.searchType(system, 'Patient', query('name='), base)],
          ['_count', () => fhir.searchType(system, 'Patient', query('_count=many'), base)],
          ['_offset', () => fhir.searchType(system, 'Patient', query('_offset=-1'), base)],
          ['a subject format', () => fhir.searchType(system, 'Observation', query('subject=a/b/c'), base)],
          [
            'an identifier search by a source',
            () =>
              fhir.searchType(
                lab,
                'Patient',
                query(`identifier=urn:shuzhi:id:cn-resident|${residentId}`),
                base,
              ),
          ],
          [
            'an identifier search by masked staff',
            () => fhir.searchType(epi, 'Patient', query(`identifier=${residentId}`), base),
          ],
          ['a read of nothing', () => fhir.read(system, 'Patient', 'nobody')],
          ['a vread of no version', () => fhir.vread(lab, 'Patient', 'twin-1', 9)],
          ['a history of nothing', () => fhir.history(system, 'Patient', 'nobody', base)],
          [
            'an update of another id',
            () => fhir.update(lab, { type: 'Patient', id: 'a', body: patient('b') }),
          ],
          [
            'an If-Match that is no ETag',
            () =>
              fhir.update(lab, { type: 'Patient', id: 'twin-1', body: patient('twin-1') }, { ifMatch: '1' }),
          ],
          [
            'a stale If-Match',
            () =>
              fhir.update(
                lab,
                { type: 'Patient', id: 'twin-1', body: patient('twin-1') },
                { ifMatch: 'W/"7"' },
              ),
          ],
          ['a body as text', () => fhir.create(lab, 'Patient', JSON.stringify(patient(undefined)))],
          ['a body of another type', () => fhir.create(lab, 'Patient', observation('Patient/x'))],
          ['an invalid resource', () => fhir.create(lab, 'Observation', { resourceType: 'Observation' })],
          [
            'an If-None-Exist that is no search',
            () => fhir.create(lab, 'Patient', patient(undefined), { ifNoneExist: 'colour=green' }),
          ],
          [
            'an ambiguous If-None-Exist',
            () =>
              fhir.create(lab, 'Patient', patient(undefined), {
                ifNoneExist: `identifier=urn:shuzhi:id:cn-resident|${residentId}`,
              }),
          ],
          [
            'an outcome asked for with a warning',
            () =>
              fhir.create(lab, 'Patient', patient(undefined, { hairColour: 'brown' }), {
                returnOutcome: true,
              }),
          ],
        ];
        const uncoded: [string, string | undefined][] = [];
        const issuesPerCase: [string, number][] = [];
        const codes = new Set<string>();
        for (const [name, ask] of cases) {
          const issues = outcomesOf(await ask()).flatMap((o) => o.issue);
          issuesPerCase.push([name, issues.length]);
          for (const issue of issues) {
            const reason = reasonOfIssue(issue);
            if (reason === undefined) uncoded.push([name, issue.diagnostics]);
            else codes.add(reason.code);
          }
        }
        // Each case was answered with an outcome (a case answered without one would check nothing).
        expect(issuesPerCase.filter(([, count]) => count === 0)).toEqual([]);
        expect(uncoded).toEqual([]);
        // The walk reaches the reasons it is meant to: the planner's, the service's and the store's.
        expect([...codes].sort()).toEqual(
          expect.arrayContaining([
            'bundle-entry-object',
            'bundle-full-url-repeated',
            'bundle-if-match',
            'bundle-read-by-source',
            'bundle-delete',
            'bundle-reference-unresolved',
            'element-unknown',
            'identifier-kept-invalid',
            'snomed-result-unknown',
            'search-masked-own-records',
            'search-masked',
            'if-none-exist-ambiguous',
            'if-match-weak-etag',
            'if-match-stale',
            'not-processed',
            'write-done',
          ]),
        );
      });
    });

    describe('a client that asks for Chinese', () => {
      let app: FastifyInstance;
      const english = reasonTexts as Record<ReasonCode, string>;
      const saved = new Map<ReasonCode, string>();
      /** Words a code's English differently for one test, as an edit of the table would. */
      const reword = (code: ReasonCode, text: string) => {
        if (!saved.has(code)) saved.set(code, english[code]);
        english[code] = text;
      };

      beforeAll(async () => {
        const { hub, ctx } = dataHubFixture(getDatabase());
        app = Fastify();
        app.setValidatorCompiler(validatorCompiler);
        app.setSerializerCompiler(serializerCompiler);
        app.decorateRequest('ctx', null as unknown as AccessContext);
        app.addHook('onRequest', async (request) => {
          request.ctx = ctx;
        });
        await app.register(fhirRoutes, {
          fhir: hub.data.fhir,
          imports: hub.imports,
          softwareVersion: 'test',
        });
      });
      afterEach(() => {
        for (const [code, text] of saved) english[code] = text;
        saved.clear();
      });
      afterAll(async () => app.close());

      const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };
      const issuesOf = (body: string) =>
        (JSON.parse(body) as { issue: Record<string, unknown>[] }).issue.map((i) => [
          i.diagnostics,
          (i.details as { text?: string } | undefined)?.text,
        ]);

      it('gets the Chinese by the reason code even when the English in the table changed', async () => {
        reword('id-in-url', 'the id has to be {{id}} as in the address');
        reword('not-known-here', 'nothing called {{what}} here');
        reword('if-match-weak-etag', 'If-Match takes W/"n"');
        reword('search-offset', '_offset: a whole number not above {{max}}');
        reword('bundle-delete', 'deleting is not done here');
        const update = await app.inject({
          method: 'PUT',
          url: '/fhir/r4/Patient/a',
          headers: { ...zh, 'content-type': 'application/fhir+json' },
          payload: patient('b'),
        });
        expect(issuesOf(update.body)).toEqual([
          ['the id has to be a as in the address', '必须是 a，即 URL 中的 id'],
        ]);
        const read = await app.inject({ url: '/fhir/r4/Patient/nobody', headers: zh });
        expect(issuesOf(read.body)).toEqual([
          ['nothing called Patient/nobody here', 'Patient/nobody 不存在，或您无权查看'],
        ]);
        const ifMatch = await app.inject({
          method: 'PUT',
          url: '/fhir/r4/Patient/a',
          headers: { ...zh, 'content-type': 'application/fhir+json', 'if-match': '"1"' },
          payload: patient('a'),
        });
        expect(issuesOf(ifMatch.body)).toEqual([
          ['If-Match takes W/"n"', 'If-Match 必须是弱 ETag：W/"版本号"'],
        ]);
        const offset = await app.inject({ url: '/fhir/r4/Patient?_offset=x', headers: zh });
        expect(issuesOf(offset.body)).toEqual([
          [
            `_offset: a whole number not above ${Number.MAX_SAFE_INTEGER}`,
            `_offset 必须是不超过 ${Number.MAX_SAFE_INTEGER} 的整数`,
          ],
        ]);
        const bundle = await app.inject({
          method: 'POST',
          url: '/fhir/r4',
          headers: { ...zh, 'content-type': 'application/fhir+json' },
          payload: {
            resourceType: 'Bundle',
            type: 'batch',
            entry: [{ request: { method: 'DELETE', url: 'Patient/a' } }],
          },
        });
        const entry = (JSON.parse(bundle.body) as { entry: { response: { outcome: unknown } }[] }).entry[0]!;
        expect(issuesOf(JSON.stringify(entry.response.outcome))).toEqual([
          ['deleting is not done here', '不支持删除：请发送更正后的版本'],
        ]);
      });

      it('is sent valid R4: an issue holds only severity, code, diagnostics, details and expression', async () => {
        const answers = await Promise.all([
          app.inject({ url: '/fhir/r4/Patient/nobody', headers: zh }),
          app.inject({ url: '/fhir/r4/Patient?colour=green', headers: zh }),
          app.inject({ url: '/fhir/r4/Patient/nobody' }),
        ]);
        const keys = new Set(
          answers.flatMap((a) =>
            (JSON.parse(a.body) as { issue: Record<string, unknown>[] }).issue.flatMap((i) => Object.keys(i)),
          ),
        );
        expect([...keys].sort()).toEqual(['code', 'details', 'diagnostics', 'expression', 'severity']);
        const details = answers.flatMap((a) =>
          (JSON.parse(a.body) as { issue: { details?: Record<string, unknown> }[] }).issue.flatMap((i) =>
            i.details ? Object.keys(i.details) : [],
          ),
        );
        expect(new Set(details)).toEqual(new Set(['text']));
      });
    });
  },
  { migrations: hubTestMigrations },
);
