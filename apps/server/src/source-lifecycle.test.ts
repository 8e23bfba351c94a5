/**
 * A data source's lifecycle over HTTP, as the platform serves it: a consumer-only source reads under its
 * agreements and submits nothing; a disabled source's keys and accounts do nothing until it is enabled, its
 * webhooks pause, and its records stay visible to staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, signInBearer, type TestApp } from './testing.js';

const fhirJson = { 'content-type': 'application/fhir+json' };

const patient = {
  resourceType: 'Patient',
  identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: '430203197211302183' }],
  name: [{ use: 'official', family: '李', given: ['娜'] }],
  gender: 'female',
  birthDate: '1972-11-30',
  address: [
    {
      text: '荷塘区新华路1号',
      extension: [{ url: 'urn:shuzhi:fhir:StructureDefinition/area-code', valueCode: '430202' }],
    },
  ],
};

function observation(subject: string) {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
        ],
      },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
    subject: { reference: subject },
    effectiveDateTime: '2026-02-27T08:00:00+08:00',
    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] },
  };
}

const bundle = (patientUuid: string) => ({
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    { fullUrl: `urn:uuid:${patientUuid}`, resource: patient, request: { method: 'POST', url: 'Patient' } },
    { resource: observation(`urn:uuid:${patientUuid}`), request: { method: 'POST', url: 'Observation' } },
  ],
});

const labCsv =
  'patient_id,id_number,name,sex,birth_date,phone,area_code,specimen_id,test,collected_at,result\n' +
  'P-9,430203197211302183,李娜,female,1972-11-30,,430202,S-9,pcr,2026-02-27T08:00:00+08:00,negative\n';

describeEachDatabase('the lifecycle of a data source', (getDatabase) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let epi: Record<string, string>;

  const register = async (payload: Record<string, unknown>) => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload,
    });
    expect(created.statusCode).toBe(201);
    return created.json() as { id: string; apiKey: string; source: Record<string, unknown> };
  };
  const grantFeedAndResults = async (consumerSourceId: string) => {
    const agreement = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sharing/agreements',
      headers: admin.headers,
      payload: {
        consumerSourceId,
        title: '检验结果共享 Results for surveillance',
        datasets: ['feed', 'observations', 'persons'],
        fields: [],
        purpose: 'surveillance',
        legalBasis: '《传染病防治法》第三十三条',
        expiresAt: '2099-01-01T00:00:00Z',
      },
    });
    expect(agreement.statusCode).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp(getDatabase(), { allowPrivateOutbound: true });
    admin = await signIn(t.app, 'admin');
    epi = await signInBearer(t.app, 'epi');
  });
  afterAll(async () => t.close());

  describe('a consumer-only source', () => {
    let consumer: { id: string; apiKey: string; source: Record<string, unknown> };
    let observationId: string;
    const asConsumer = (extra: Record<string, string> = {}) => ({
      authorization: `Bearer ${consumer.apiKey}`,
      'x-purpose-of-use': 'surveillance',
      ...extra,
    });

    beforeAll(async () => {
      consumer = await register({
        name: '市大数据局分析平台 City analytics platform',
        type: 'cdc',
        areaCode: '4302',
        consumerOnly: true,
      });
      await grantFeedAndResults(consumer.id);
      const lab = await register({ name: '荷塘区检验所 Hetang lab', type: 'lab', areaCode: '430202' });
      const posted = await t.app.inject({
        method: 'POST',
        url: '/fhir/r4',
        headers: { authorization: `Bearer ${lab.apiKey}`, ...fhirJson },
        payload: bundle('11111111-2222-4333-8444-555555555501'),
      });
      expect(posted.statusCode).toBe(200);
      observationId = (
        posted.json() as { entry: { response: { location: string } }[] }
      ).entry[1]!.response.location.split('/')[1]!;
    });

    it('is registered as a consumer only', () => {
      expect(consumer.source).toMatchObject({ consumerOnly: true, active: true, disabledAt: null });
    });

    it('is refused on every write path with a reason naming it, as an OperationOutcome on FHIR', async () => {
      const writes = [
        {
          method: 'POST',
          url: '/fhir/r4',
          headers: fhirJson,
          payload: bundle('11111111-2222-4333-8444-555555555502'),
        },
        { method: 'POST', url: '/fhir/r4/Patient', headers: fhirJson, payload: patient },
        { method: 'PUT', url: '/fhir/r4/Patient/p-1', headers: fhirJson, payload: { ...patient, id: 'p-1' } },
        {
          method: 'POST',
          url: '/fhir/r4/$import',
          headers: { 'content-type': 'application/fhir+ndjson' },
          payload: `${JSON.stringify(patient)}\n`,
        },
        {
          method: 'POST',
          url: '/api/v1/imports?kind=lab-results&fileName=r.csv',
          headers: { 'content-type': 'text/csv' },
          payload: labCsv,
        },
      ] as const;
      for (const write of writes) {
        const response = await t.app.inject({
          method: write.method,
          url: write.url,
          // In Chinese too for a reader that asks: by the refusal's code (source-consumer-only).
          headers: asConsumer({ ...write.headers, 'accept-language': 'zh-CN' }),
          payload: write.payload,
        });
        expect(response.statusCode, `${write.method} ${write.url}`).toBe(403);
        const text = response.body;
        expect(text, `${write.method} ${write.url}`).toContain(consumer.id);
        expect(text).toContain('consumer only');
        expect(text).toContain('仅使用方');
        if (write.url.startsWith('/fhir/'))
          expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome' });
      }
      // Nothing of what it sent was stored.
      const patients = await t.app.inject({ url: '/fhir/r4/Patient?_count=0', headers: epi });
      expect(patients.json().total).toBe(1);
    });

    it('has nothing to read back, and is told why', async () => {
      const response = await t.app.inject({ url: '/api/v1/submissions/persons', headers: asConsumer() });
      expect(response.statusCode).toBe(403);
      expect(response.json().issues[0]).toMatchObject({
        field: 'source.consumerOnly',
        reason: expect.stringContaining(`data source ${consumer.id} is registered as a consumer only`),
      });
    });

    it('takes no data-source account: one would act as a source that submits nothing', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: {
          username: 'reader-clerk',
          displayName: 'reader clerk',
          role: 'data_source',
          areaCode: null,
          personId: null,
          sourceId: consumer.id,
          password: 'a long test passphrase',
        },
      });
      expect(created.statusCode).toBe(400);
      expect(created.json().issues[0]).toMatchObject({
        field: 'sourceId',
        reason: expect.stringContaining('consumer only'),
      });
      const labUser = (await t.platform.identity.users.findByUsername('lab'))!;
      const bound = await t.app.inject({
        method: 'POST',
        url: `/api/v1/users/${labUser.id}/source`,
        headers: admin.headers,
        payload: { sourceId: consumer.id },
      });
      expect(bound.statusCode).toBe(400);
      expect(bound.json().issues[0].field).toBe('sourceId');
    });

    it('keeps reading what its agreement grants: the feed, FHIR reads, webhooks', async () => {
      expect((await t.app.inject({ url: '/api/v1/feed', headers: asConsumer() })).statusCode).toBe(200);
      const read = await t.app.inject({
        url: `/fhir/r4/Observation/${observationId}`,
        headers: asConsumer(),
      });
      expect(read.statusCode).toBe(200);
      const webhook = await t.app.inject({
        method: 'POST',
        url: '/api/v1/feed/webhooks',
        headers: asConsumer(),
        payload: { url: 'http://127.0.0.1:9/hook' },
      });
      expect(webhook.statusCode).toBe(201);
    });
  });

  describe('disabling and enabling a source', () => {
    let lab: { id: string; apiKey: string };
    let consumer: { id: string; apiKey: string };
    let webhookId: string;
    let observationId: string;
    const asLab = (extra: Record<string, string> = {}) => ({
      authorization: `Bearer ${lab.apiKey}`,
      ...extra,
    });
    const asConsumer = () => ({
      authorization: `Bearer ${consumer.apiKey}`,
      'x-purpose-of-use': 'surveillance',
    });
    const post = (url: string, payload?: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url, headers: admin.headers, ...(payload ? { payload } : {}) });

    beforeAll(async () => {
      lab = await register({ name: '芦淞区检验所 Lusong lab', type: 'lab', areaCode: '430203' });
      consumer = await register({ name: '邻市疾控 Neighbouring city CDC', type: 'cdc', consumerOnly: true });
      await grantFeedAndResults(consumer.id);
      const posted = await t.app.inject({
        method: 'POST',
        url: '/fhir/r4',
        headers: asLab(fhirJson),
        payload: bundle('11111111-2222-4333-8444-555555555503'),
      });
      expect(posted.statusCode).toBe(200);
      observationId = (
        posted.json() as { entry: { response: { location: string } }[] }
      ).entry[1]!.response.location.split('/')[1]!;
      const webhook = await t.app.inject({
        method: 'POST',
        url: '/api/v1/feed/webhooks',
        headers: asConsumer(),
        payload: { url: 'http://127.0.0.1:9/hook' },
      });
      expect(webhook.statusCode).toBe(201);
      webhookId = (webhook.json() as { id: string }).id;
    });

    it('needs a reason, and an administrator', async () => {
      const noReason = await post(`/api/v1/sources/${lab.id}/disable`, { reason: ' ' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().issues[0].field).toBe('reason');
      const asEpi = await t.app.inject({
        method: 'POST',
        url: `/api/v1/sources/${lab.id}/disable`,
        headers: epi,
        payload: { reason: 'contract ended' },
      });
      expect(asEpi.statusCode).toBe(403);
      expect(
        (await post('/api/v1/sources/no-such-source/disable', { reason: 'contract ended' })).statusCode,
      ).toBe(404);
    });

    it('refuses its keys on every write and on read-back, with the reason', async () => {
      const disabled = await post(`/api/v1/sources/${lab.id}/disable`, { reason: '合同到期 contract ended' });
      expect(disabled.statusCode).toBe(200);
      expect(disabled.json()).toMatchObject({
        active: false,
        disabledReason: '合同到期 contract ended',
        disabledAt: expect.any(String),
      });
      const bundleWrite = await t.app.inject({
        method: 'POST',
        url: '/fhir/r4',
        headers: asLab(fhirJson),
        payload: bundle('11111111-2222-4333-8444-555555555504'),
      });
      expect(bundleWrite.statusCode).toBe(403);
      expect(bundleWrite.json()).toMatchObject({ resourceType: 'OperationOutcome' });
      expect(bundleWrite.json().issue[0].diagnostics).toMatch(
        new RegExp(`^data source ${lab.id} is disabled`),
      );
      const csv = await t.app.inject({
        method: 'POST',
        url: '/api/v1/imports?kind=lab-results&fileName=r.csv',
        headers: asLab({ 'content-type': 'text/csv' }),
        payload: labCsv,
      });
      expect(csv.statusCode).toBe(403);
      const readBack = await t.app.inject({ url: '/api/v1/submissions/persons', headers: asLab() });
      expect(readBack.statusCode).toBe(403);
      expect(readBack.json().issues[0]).toMatchObject({
        field: 'source.active',
        reason: expect.stringContaining(`data source ${lab.id} is disabled`),
      });
      // One language per text: the English detail, the Chinese by the reason's code beside it.
      expect(readBack.json().detail).not.toMatch(/\p{Script=Han}/u);
      expect(readBack.json().issues[0]).toMatchObject({
        code: 'source-disabled',
        params: { source: lab.id },
        reasonZh: expect.stringContaining('已停用'),
      });
    });

    it('refuses a user account bound to it', async () => {
      const labUser = await signIn(t.app, 'lab');
      const own = await t.app.inject({ url: '/api/v1/submissions/persons', headers: labUser.headers });
      expect(own.statusCode).toBe(200);
      expect(
        (await post('/api/v1/sources/demo-lab/disable', { reason: 'audit of the laboratory' })).statusCode,
      ).toBe(200);
      const refused = await t.app.inject({ url: '/api/v1/submissions/persons', headers: labUser.headers });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().issues[0]).toMatchObject({
        field: 'source.active',
        reason: expect.stringContaining('data source demo-lab is disabled'),
      });
      // The account still signs in and sees its session, so the clerk can read why.
      expect((await t.app.inject({ url: '/api/v1/auth/me', headers: labUser.headers })).statusCode).toBe(200);
      expect((await post('/api/v1/sources/demo-lab/enable')).statusCode).toBe(200);
      expect(
        (await t.app.inject({ url: '/api/v1/submissions/persons', headers: labUser.headers })).statusCode,
      ).toBe(200);
    });

    it('keeps its records visible to staff', async () => {
      const read = await t.app.inject({ url: `/fhir/r4/Observation/${observationId}`, headers: epi });
      expect(read.statusCode).toBe(200);
    });

    it('stops a disabled consumer reading, and pauses its webhooks', async () => {
      expect(
        (await post(`/api/v1/sources/${consumer.id}/disable`, { reason: 'agreement under review' }))
          .statusCode,
      ).toBe(200);
      const feed = await t.app.inject({ url: '/api/v1/feed', headers: asConsumer() });
      expect(feed.statusCode).toBe(403);
      expect(feed.json().detail).toContain('disabled');
      await t.platform.hub.webhooks.runOnce();
      const hooks = await t.app.inject({
        url: `/api/v1/sharing/consumers/${consumer.id}/webhooks`,
        headers: admin.headers,
      });
      expect(hooks.json().items).toEqual([
        expect.objectContaining({ id: webhookId, status: 'paused', pausedCause: 'source_disabled' }),
      ]);
    });

    it('is audited with its reason', async () => {
      const auditor = await signIn(t.app, 'auditor');
      const entries = await t.app.inject({
        url: `/api/v1/audit?resourceType=source&resourceId=${lab.id}`,
        headers: auditor.headers,
      });
      expect(entries.statusCode).toBe(200);
      expect(entries.json().items).toContainEqual(
        expect.objectContaining({
          action: 'POST /api/v1/sources/:id/disable',
          outcome: 'success',
          detail: expect.objectContaining({ reason: '合同到期 contract ended' }),
        }),
      );
    });

    it('refuses to disable twice, and restores everything on enabling but paused webhooks', async () => {
      expect((await post(`/api/v1/sources/${lab.id}/disable`, { reason: 'again' })).statusCode).toBe(409);
      const enabled = await post(`/api/v1/sources/${lab.id}/enable`);
      expect(enabled.statusCode).toBe(200);
      expect(enabled.json()).toMatchObject({ active: true, disabledAt: null, disabledReason: null });
      expect((await post(`/api/v1/sources/${lab.id}/enable`)).statusCode).toBe(409);
      const write = await t.app.inject({
        method: 'POST',
        url: '/fhir/r4',
        headers: asLab(fhirJson),
        payload: bundle('11111111-2222-4333-8444-555555555505'),
      });
      expect(write.statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/v1/submissions/persons', headers: asLab() })).statusCode).toBe(
        200,
      );

      expect((await post(`/api/v1/sources/${consumer.id}/enable`)).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/v1/feed', headers: asConsumer() })).statusCode).toBe(200);
      await t.platform.hub.webhooks.runOnce();
      const still = await t.app.inject({ url: '/api/v1/feed/webhooks', headers: asConsumer() });
      expect(still.json().items[0]).toMatchObject({ status: 'paused', pausedCause: 'source_disabled' });
      const resumed = await t.app.inject({
        method: 'POST',
        url: `/api/v1/feed/webhooks/${webhookId}/resume`,
        headers: asConsumer(),
      });
      expect(resumed.statusCode).toBe(200);
      expect(resumed.json()).toMatchObject({ status: 'active', pausedCause: null });
    });
  });
});
