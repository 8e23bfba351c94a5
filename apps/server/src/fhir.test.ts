import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { platformIdOf } from '@shuzhi/hub/testing';
import { createTestApp, signIn, signInBearer, type TestApp } from './testing.js';

const fhirJson = { 'content-type': 'application/fhir+json' };

const patient = {
  resourceType: 'Patient',
  identifier: [
    { system: 'urn:shuzhi:id:cn-resident', value: '430203197211302183' },
    // The lab's own record system, urn:shuzhi:source:{its source id}, set once the lab is registered: a
    // Patient naming another source's system is refused.
    { system: 'urn:shuzhi:source:(the lab)', value: 'MRN-1' },
  ],
  name: [{ use: 'official', family: '李', given: ['娜'] }],
  gender: 'female',
  birthDate: '1972-11-30',
  telecom: [{ system: 'phone', value: '13907331234' }],
  address: [
    {
      text: '荷塘区新华路1号',
      extension: [{ url: 'urn:shuzhi:fhir:StructureDefinition/area-code', valueCode: '430202' }],
    },
  ],
};

function observation(subject: string, result: 'positive' | 'negative', at: string) {
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
    effectiveDateTime: at,
    issued: at.replace('T08', 'T20'),
    valueCodeableConcept: {
      coding: [{ system: 'http://snomed.info/sct', code: result === 'positive' ? '10828004' : '260385009' }],
    },
  };
}

describeEachDatabase('FHIR R4 API', (getDatabase) => {
  let t: TestApp;
  let lab: Record<string, string>;
  let labSystem: string;
  let epi: Record<string, string>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    admin = await signIn(t.app, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: { name: '株洲市中心医院检验科 Central lab', type: 'lab', areaCode: '4302' },
    });
    const registered = created.json() as { id: string; apiKey: string };
    lab = { authorization: `Bearer ${registered.apiKey}`, ...fhirJson };
    labSystem = `urn:shuzhi:source:${registered.id}`;
    patient.identifier[1]!.system = labSystem;
    epi = await signInBearer(t.app, 'epi');
  });
  afterAll(async () => t.close());

  it('publishes a CapabilityStatement to anyone', async () => {
    const response = await t.app.inject({ url: '/fhir/r4/metadata' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/fhir+json');
    const statement = response.json();
    expect(statement).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
    expect(statement.rest[0].resource.map((r: { type: string }) => r.type)).toContain('Observation');
  });

  it('explains a rejection in Chinese too (details.text) to a client that asks for it, English in diagnostics', async () => {
    const invalid = { resourceType: 'Observation', status: 'final', subject: { reference: 'Patient/x' } };
    const asked = async (language?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/fhir/r4/Observation',
        headers: { ...lab, ...(language ? { 'accept-language': language } : {}) },
        payload: invalid,
      });
    const zh = await asked('zh-CN,zh;q=0.9,en;q=0.5');
    expect(zh.statusCode).toBeGreaterThanOrEqual(400);
    const issue = (zh.json() as { issue: { diagnostics: string; details?: { text: string } }[] }).issue[0]!;
    expect(issue.diagnostics).toMatch(/code is required/);
    expect(issue.details?.text).toMatch(/\p{Script=Han}/u);
    // A batch answers entry by entry: each entry's outcome too.
    const batch = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4',
      headers: { ...lab, 'accept-language': 'zh-CN' },
      payload: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ resource: invalid, request: { method: 'POST', url: 'Observation' } }],
      },
    });
    const entryOutcome = (
      batch.json() as { entry: { response: { outcome: { issue: { details?: { text: string } }[] } } }[] }
    ).entry[0]!.response.outcome;
    expect(entryOutcome.issue[0]!.details?.text).toMatch(/\p{Script=Han}/u);
    for (const language of [undefined, 'en-US,en;q=0.9,zh;q=0.5']) {
      const en = await asked(language);
      expect(en.statusCode).toBe(zh.statusCode);
      expect((en.json() as { issue: { details?: unknown }[] }).issue[0]!.details).toBeUndefined();
    }
  });

  it('stores a transaction Bundle whole, links its patient, and answers entry by entry', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:11111111-2222-4333-8444-555555555555',
          resource: patient,
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: observation(
            'urn:uuid:11111111-2222-4333-8444-555555555555',
            'negative',
            '2026-02-27T08:00:00+08:00',
          ),
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    };
    const response = await t.app.inject({ method: 'POST', url: '/fhir/r4', headers: lab, payload: bundle });
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer.type).toBe('transaction-response');
    expect(answer.entry.map((e: { response: { status: string } }) => e.response.status)).toEqual([
      '201 Created',
      '201 Created',
    ]);
    const patientId = answer.entry[0].response.location.split('/')[1];
    const observationId = answer.entry[1].response.location.split('/')[1];
    const read = await t.app.inject({ url: `/fhir/r4/Observation/${observationId}`, headers: epi });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      subject: { reference: `Patient/${patientId}` },
      meta: { versionId: '1' },
    });
    expect(read.headers.etag).toBe('W/"1"');

    const search = await t.app.inject({
      url: `/fhir/r4/Observation?subject=Patient/${patientId}&code=http://loinc.org|94500-6&date=ge2026-02-27`,
      headers: epi,
    });
    expect(search.json()).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    const none = await t.app.inject({
      url: `/fhir/r4/Observation?subject=Patient/${patientId}&date=lt2026-02-27`,
      headers: epi,
    });
    expect(none.json().total).toBe(0);
    const byIdentifier = await t.app.inject({
      url: '/fhir/r4/Patient?identifier=urn:shuzhi:id:cn-resident|430203197211302183',
      headers: epi,
    });
    expect(byIdentifier.json().entry[0].resource.id).toBe(patientId);
  });

  it('refuses a transaction with one bad entry, naming entry, element and reason, and stores nothing', async () => {
    const before = await t.app.inject({ url: '/fhir/r4/Observation?_count=0', headers: epi });
    const bad = observation('Patient/unknown', 'positive', '2026-02-28T08:00:00+08:00');
    const response = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4',
      headers: lab,
      payload: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            resource: observation('Patient/unknown', 'negative', '2026-02-28T08:00:00+08:00'),
            request: { method: 'POST', url: 'Observation' },
          },
          {
            resource: { ...bad, code: { coding: [{ system: 'http://loinc.org' }] } },
            request: { method: 'POST', url: 'Observation' },
          },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    const outcome = response.json();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0].expression[0]).toMatch(/^Bundle\.entry\[1\]\.resource\.code/);
    const after = await t.app.inject({ url: '/fhir/r4/Observation?_count=0', headers: epi });
    expect(after.json().total).toBe(before.json().total);
  });

  it('processes a batch entry by entry', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4',
      headers: lab,
      payload: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          {
            resource: {
              ...patient,
              identifier: [{ system: labSystem, value: 'MRN-2' }],
              name: [{ text: '王强' }],
            },
            request: { method: 'POST', url: 'Patient' },
          },
          {
            resource: observation('Patient/nobody', 'negative', '2026-02-28T08:00:00+08:00'),
            request: { method: 'POST', url: 'Observation' },
          },
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer.type).toBe('batch-response');
    expect(answer.entry[0].response.status).toBe('201 Created');
    expect(answer.entry[1].response.status).toMatch(/^422/);
    expect(answer.entry[1].response.outcome.issue[0].diagnostics).toContain('Patient/nobody');
  });

  it('versions an update, keeps the history, and ignores a resend of the same content', async () => {
    const put = (body: object) =>
      t.app.inject({
        method: 'PUT',
        url: '/fhir/r4/Patient/lab-p-77',
        headers: lab,
        payload: { id: 'lab-p-77', ...body },
      });
    const base = {
      resourceType: 'Patient',
      name: [{ text: '赵敏' }],
      gender: 'female',
      birthDate: '1990-01-01',
      address: patient.address,
    };
    expect((await put(base)).statusCode).toBe(201);
    const again = await put(base);
    expect(again.statusCode).toBe(200);
    expect(again.headers.etag).toBe('W/"1"');
    const corrected = await put({ ...base, birthDate: '1990-01-10' });
    expect(corrected.headers.etag).toBe('W/"2"');
    // Staff name the lab's lab-p-77 by its platform id (ADR 0002).
    const id = await platformIdOf(
      t.platform.database,
      labSystem.slice('urn:shuzhi:source:'.length),
      'Patient',
      'lab-p-77',
    );
    const history = await t.app.inject({ url: `/fhir/r4/Patient/${id}/_history`, headers: epi });
    expect(
      history.json().entry.map((e: { resource: { birthDate: string } }) => e.resource.birthDate),
    ).toEqual(['1990-01-10', '1990-01-01']);
    const first = await t.app.inject({ url: `/fhir/r4/Patient/${id}/_history/1`, headers: epi });
    expect(first.json().meta.versionId).toBe('1');
    const stale = await t.app.inject({
      method: 'PUT',
      url: '/fhir/r4/Patient/lab-p-77',
      headers: { ...lab, 'if-match': 'W/"1"' },
      payload: { id: 'lab-p-77', ...base },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('pages a search with next links', async () => {
    const page = await t.app.inject({ url: '/fhir/r4/Patient?_count=1', headers: epi });
    const bundle = page.json();
    expect(bundle.entry).toHaveLength(1);
    const next = bundle.link.find((l: { relation: string }) => l.relation === 'next');
    expect(next.url).toContain('_offset=1');
    const second = await t.app.inject({
      url: new URL(next.url).pathname + new URL(next.url).search,
      headers: epi,
    });
    expect(second.json().entry[0].resource.id).not.toBe(bundle.entry[0].resource.id);
  });

  it('rejects an unknown search parameter and a read without permission', async () => {
    const unknown = await t.app.inject({ url: '/fhir/r4/Observation?colour=red', headers: epi });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issue[0].diagnostics).toContain('unknown search parameter');
    const analyst = await signInBearer(t.app, 'analyst');
    expect((await t.app.inject({ url: '/fhir/r4/Patient', headers: analyst })).statusCode).toBe(403);
  });

  it('masks identifiers and names for a consumer whose agreement does not grant them', async () => {
    const consumer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: { name: '省疾控 Provincial CDC', type: 'cdc', areaCode: '43' },
    });
    const { id, apiKey } = consumer.json() as { id: string; apiKey: string };
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/sharing/agreements',
      headers: admin.headers,
      payload: {
        consumerSourceId: id,
        title: 'Patients for surveillance',
        datasets: ['persons'],
        fields: [],
        purpose: 'surveillance',
        legalBasis: '《传染病防治法》第三十三条',
        expiresAt: '2099-12-31T00:00:00Z',
      },
    });
    const consumerHeaders = { authorization: `Bearer ${apiKey}`, 'x-purpose-of-use': 'surveillance' };
    // Searching by an ID number would tell whether that person is here, masked or not.
    for (const url of [
      '/fhir/r4/Patient?identifier=urn:shuzhi:id:cn-resident|430203197211302183',
      '/fhir/r4/Patient?identifier=430203197211302183',
    ]) {
      const refused = await t.app.inject({ url, headers: consumerHeaders });
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().issue[0]).toMatchObject({ code: 'forbidden' });
      expect(refused.json().issue[0].expression[0]).toMatch(/identifier/);
    }
    const response = await t.app.inject({ url: '/fhir/r4/Patient?_count=1000', headers: consumerHeaders });
    expect(response.statusCode).toBe(200);
    const resource = (
      response.json() as { entry: { resource: { identifier?: { system: string; value: string }[] } }[] }
    ).entry
      .map((e) => e.resource)
      .find((r) =>
        (r.identifier ?? []).some((i) => i.value.startsWith('430203') && i.value.endsWith('2183')),
      )! as {
      identifier: { system: string; value: string }[];
      name: { text?: string; family?: string; given?: string[] }[];
      telecom: { value: string }[];
    };
    expect(resource.identifier[0]!.value).toBe('430203********2183');
    // Every identifier, not only the national ones: a source's record number identifies the person too.
    expect(resource.identifier[1]).toMatchObject({ system: labSystem, value: '*****' });
    // The family name's first character as in a masked text, and nothing of the given name.
    expect(resource.name[0]!.family).toBe('李');
    expect(resource.name[0]!.given).toEqual(['*']);
    expect(resource.telecom[0]!.value).toBe('139****1234');
    const observations = await t.app.inject({
      url: '/fhir/r4/Observation',
      headers: { authorization: `Bearer ${apiKey}`, 'x-purpose-of-use': 'surveillance' },
    });
    expect(observations.statusCode).toBe(403);
  });

  it('starts a $import answered 202 only once the answer is out (on SQLite the import then holds the database)', async () => {
    const imports = t.platform.hub.imports;
    const startUpload = imports.startUpload.bind(imports);
    const requests: { startAfter?: Promise<unknown> }[] = [];
    const spy = vi.spyOn(imports, 'startUpload').mockImplementation((ctx, request, body) => {
      requests.push(request);
      return startUpload(ctx, request, body);
    });
    try {
      const answer = await t.app.inject({
        method: 'POST',
        url: '/fhir/r4/$import',
        headers: { ...lab, 'content-type': 'application/fhir+ndjson' },
        payload: JSON.stringify({ resourceType: 'Patient', id: 'answer-p1', gender: 'male' }),
      });
      expect(answer.statusCode).toBe(202);
      // The job was told to wait for the answer, and the answer has gone, so it may run now.
      expect(requests[0]?.startAfter, 'the import was allowed to begin before the 202').toBeDefined();
      await expect(requests[0]!.startAfter).resolves.toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });

  it('imports NDJSON in bulk and reports every refused line', async () => {
    const lines = [
      JSON.stringify({ resourceType: 'Patient', id: 'bulk-p1', name: [{ text: '孙红' }], gender: 'female' }),
      JSON.stringify({
        ...observation('Patient/bulk-p1', 'negative', '2026-02-28T08:00:00+08:00'),
        id: 'bulk-o1',
      }),
      '{"resourceType":"Observation",',
    ].join('\n');
    const response = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4/$import?wait=true&partial=true',
      headers: { ...lab, 'content-type': 'application/fhir+ndjson' },
      payload: lines,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-location']).toMatch(/^\/api\/v1\/imports\/imp_/);
    const outcome = response.json();
    expect(outcome.issue[0].diagnostics).toContain('partial: 2 accepted');
    expect(outcome.issue[1]).toMatchObject({ severity: 'error', expression: ['line 3'] });
  });
});
