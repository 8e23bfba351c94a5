/**
 * The ids a data source gives its FHIR records live in its own namespace: two institutions that copy the
 * template's `Patient/p-0001` get two records, each reads, updates and references its own, and nothing tells
 * either that the other holds the same id. Staff and consumers name both by platform-wide ids.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, signInBearer, type TestApp } from './testing.js';

const fhirJson = { 'content-type': 'application/fhir+json' };

function templatePatient(name: string, residentId: string) {
  return {
    resourceType: 'Patient',
    id: 'p-0001',
    identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: residentId }],
    name: [{ use: 'official', text: name }],
    gender: 'female',
    birthDate: residentId.slice(6, 10) + '-' + residentId.slice(10, 12) + '-' + residentId.slice(12, 14),
  };
}

function observation(id: string, subject: { reference: string } | { identifier: object }) {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
    subject,
    effectiveDateTime: '2026-02-27T08:00:00+08:00',
    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] },
  };
}

interface Source {
  id: string;
  /** Writes with the source's API key. */
  write: Record<string, string>;
  /** Reads under a sharing agreement for persons and observations. */
  read: Record<string, string>;
}

describeEachDatabase('FHIR ids in each source’s own namespace', (getDatabase) => {
  let t: TestApp;
  let first: Source;
  let second: Source;
  let epi: Record<string, string>;

  async function addSource(name: string): Promise<Source> {
    const admin = await signIn(t.app, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: { name, type: 'hospital', areaCode: '4302' },
    });
    const { id, apiKey } = created.json() as { id: string; apiKey: string };
    const agreement = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sharing/agreements',
      headers: admin.headers,
      payload: {
        consumerSourceId: id,
        title: 'Own and shared records',
        datasets: ['persons', 'observations'],
        fields: ['identifiers', 'name'],
        purpose: 'case_investigation',
        legalBasis: '《传染病防治法》第三十三条',
        expiresAt: '2099-12-31T00:00:00Z',
      },
    });
    expect(agreement.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${apiKey}` };
    return {
      id,
      write: { ...bearer, ...fhirJson },
      read: { ...bearer, 'x-purpose-of-use': 'case_investigation' },
    };
  }

  const put = (source: Source, path: string, body: object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'PUT',
      url: `/fhir/r4/${path}`,
      headers: { ...source.write, ...headers },
      payload: body,
    });

  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    first = await addSource('株洲市中心医院 Central hospital');
    second = await addSource('荷塘区人民医院 Hetang hospital');
    epi = await signInBearer(t.app, 'epi');
  });
  afterAll(async () => t.close());

  it('stores the same id from two sources as two records, each source answered under its own id', async () => {
    const a = await put(first, 'Patient/p-0001', templatePatient('王芳', '430202199001011241'));
    expect(a.statusCode).toBe(201);
    const b = await put(second, 'Patient/p-0001', templatePatient('赵敏', '430203198505052321'));
    // Not 409 "belongs to another data source", which told the second source that the first holds it.
    expect(b.statusCode).toBe(201);
    expect(b.headers.location).toBe('Patient/p-0001/_history/1');
    expect(b.json()).toMatchObject({ id: 'p-0001', meta: { versionId: '1' } });
    for (const [source, name] of [
      [first, '王芳'],
      [second, '赵敏'],
    ] as const) {
      const read = await t.app.inject({ url: '/fhir/r4/Patient/p-0001', headers: source.read });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ id: 'p-0001', name: [{ text: name }] });
    }
  });

  it('updates, versions and re-sends within the source’s own namespace', async () => {
    const unchanged = await put(second, 'Patient/p-0001', templatePatient('赵敏', '430203198505052321'));
    expect(unchanged.statusCode).toBe(200);
    expect(unchanged.headers.etag).toBe('W/"1"');
    const stale = await put(second, 'Patient/p-0001', templatePatient('赵敏', '430203198505052321'), {
      'if-match': 'W/"2"',
    });
    expect(stale.statusCode).toBe(412);
    const corrected = { ...templatePatient('赵敏', '430203198505052321'), gender: 'female', active: true };
    const updated = await put(second, 'Patient/p-0001', corrected, { 'if-match': 'W/"1"' });
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.location).toBe('Patient/p-0001/_history/2');
    const history = await t.app.inject({ url: '/fhir/r4/Patient/p-0001/_history', headers: second.read });
    expect(history.json()).toMatchObject({ total: 2 });
    const vread = await t.app.inject({ url: '/fhir/r4/Patient/p-0001/_history/1', headers: second.read });
    expect(vread.json()).toMatchObject({ id: 'p-0001', meta: { versionId: '1' } });
    const firstOwn = await t.app.inject({ url: '/fhir/r4/Patient/p-0001', headers: first.read });
    expect(firstOwn.json()).toMatchObject({ meta: { versionId: '1' }, name: [{ text: '王芳' }] });
  });

  it('resolves a reference to Patient/p-0001 to the submitting source’s own patient', async () => {
    const written = await put(
      second,
      'Observation/o-0001',
      observation('o-0001', { reference: 'Patient/p-0001' }),
    );
    expect(written.statusCode).toBe(201);
    expect(written.json()).toMatchObject({ id: 'o-0001', subject: { reference: 'Patient/p-0001' } });
    const own = await t.app.inject({
      url: '/fhir/r4/Observation?subject=Patient/p-0001',
      headers: second.read,
    });
    expect(own.json()).toMatchObject({ total: 1, entry: [{ resource: { id: 'o-0001' } }] });
    const firstSees = await t.app.inject({
      url: '/fhir/r4/Observation?subject=Patient/p-0001',
      headers: first.read,
    });
    expect(firstSees.json()).toMatchObject({ total: 0 });
  });

  it('names both patients to staff by distinct platform ids, with the source’s references made to them', async () => {
    const platformIdOf = async (residentId: string) => {
      const search = await t.app.inject({
        url: `/fhir/r4/Patient?identifier=urn:shuzhi:id:cn-resident|${residentId}`,
        headers: epi,
      });
      return (search.json() as { entry: { resource: { id: string } }[] }).entry[0]!.resource;
    };
    const secondPatient = await platformIdOf('430203198505052321');
    const firstPatient = await platformIdOf('430202199001011241');
    // Neither keeps the id its source sent (ADR 0002): not even the first to send it.
    expect(secondPatient.id).not.toBe('p-0001');
    expect(firstPatient.id).not.toBe('p-0001');
    expect(firstPatient.id).not.toBe(secondPatient.id);
    expect((await t.app.inject({ url: '/fhir/r4/Patient/p-0001', headers: epi })).statusCode).toBe(404);
    const byId = await t.app.inject({ url: `/fhir/r4/Patient/${secondPatient.id}`, headers: epi });
    expect(byId.json()).toMatchObject({ id: secondPatient.id, name: [{ text: '赵敏' }] });

    const results = await t.app.inject({
      url: `/fhir/r4/Observation?subject=Patient/${secondPatient.id}`,
      headers: epi,
    });
    const result = (results.json() as { entry: { resource: { id: string; subject: object } }[] }).entry[0]!;
    expect(result.resource.subject).toEqual({ reference: `Patient/${secondPatient.id}` });
    // The other source, reading under its agreement, sees the second's records as staff do.
    const shared = await t.app.inject({ url: `/fhir/r4/Patient/${secondPatient.id}`, headers: first.read });
    expect(shared.json()).toMatchObject({ id: secondPatient.id });

    const feed = await t.app.inject({ url: '/api/v1/feed?after=0&limit=1000', headers: epi });
    const linked = (feed.json() as { events: { topic: string; entityId: string; sourceId: string }[] }).events
      .filter((e) => e.topic === 'hub.person.linked')
      .map((e) => `${e.sourceId}:${e.entityId}`);
    expect(linked).toEqual(
      expect.arrayContaining([`${first.id}:${firstPatient.id}`, `${second.id}:${secondPatient.id}`]),
    );
  });

  it('reads back to each source its own records under its own ids, never a platform id that tells of a collision', async () => {
    const readBack = (source: Source, path: string) =>
      t.app.inject({
        url: `/api/v1/submissions/${path}`,
        headers: { authorization: source.write.authorization! },
      });
    const listed = await readBack(second, 'persons');
    expect(listed.statusCode, listed.body).toBe(200);
    expect((listed.json() as { items: { id: string }[] }).items.map((p) => p.id)).toEqual(['p-0001']);
    const timeline = await readBack(second, 'persons/p-0001/timeline');
    expect(timeline.statusCode, timeline.body).toBe(200);
    expect(timeline.json()).toMatchObject({ personId: 'p-0001', person: { name: '赵敏' } });
    expect((timeline.json() as { entries: { id: string }[] }).entries.map((e) => e.id)).toEqual(['o-0001']);
    // The platform id staff know the second source's patient by is not a name the source knows it by.
    const search = await t.app.inject({
      url: '/fhir/r4/Patient?identifier=urn:shuzhi:id:cn-resident|430203198505052321',
      headers: epi,
    });
    const platformId = (search.json() as { entry: { resource: { id: string } }[] }).entry[0]!.resource.id;
    expect((await readBack(second, `persons/${platformId}/timeline`)).statusCode).toBe(404);
    // The first source reads its own p-0001, not the second's.
    const firsts = await readBack(first, 'persons/p-0001/timeline');
    expect(firsts.json()).toMatchObject({ person: { name: '王芳' } });
  });

  it('refuses a reference to another source’s patient exactly as one to a patient nobody sent', async () => {
    await put(first, 'Patient/only-first', templatePatient('钱伟', '430204197812120015'));
    const answers = [];
    for (const target of ['only-first', 'nobody-at-all']) {
      const response = await put(
        second,
        `Observation/probe-${target}`,
        observation(`probe-${target}`, { reference: `Patient/${target}` }),
      );
      answers.push({
        status: response.statusCode,
        diagnostics: (response.json() as { issue: { diagnostics: string }[] }).issue[0]!.diagnostics.replace(
          target,
          'X',
        ),
      });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({
      status: 422,
      diagnostics: expect.stringContaining("this data source's"),
    });
  });

  it('refuses a subject named in another source’s record system, whether or not that record exists', async () => {
    const outcomes = [];
    for (const value of ['p-0001', 'NO-SUCH-NUMBER']) {
      const response = await put(
        second,
        `Observation/by-key-${value}`,
        observation(`by-key-${value}`, {
          identifier: { system: `urn:shuzhi:source:${first.id}`, value },
        }),
      );
      outcomes.push({ status: response.statusCode, issue: (response.json() as { issue: object[] }).issue });
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]!.status).toBe(400);
    expect(outcomes[0]!.issue[0]).toMatchObject({
      expression: ['Observation.subject.identifier.system'],
    });
    // Its own system still names its own patient.
    const own = await put(
      second,
      'Observation/by-own-key',
      observation('by-own-key', {
        identifier: { system: `urn:shuzhi:source:${second.id}`, value: 'p-0001' },
      }),
    );
    expect(own.statusCode).toBe(201);
  });

  it('finds a conditional create’s match among the source’s own records by the ids it gave them', async () => {
    // The second source's p-0001 and o-0001 have platform ids of their own (the first source sent both ids
    // first): a conditional create that looked them up by platform id found nothing and stored duplicates.
    const bundle = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4',
      headers: second.write,
      payload: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: ['_id=o-0001', 'subject=Patient/p-0001'].map((ifNoneExist) => ({
          resource: observation('ignored', { reference: 'Patient/p-0001' }),
          request: { method: 'POST', url: 'Observation', ifNoneExist },
        })),
      },
    });
    expect(bundle.statusCode, bundle.body).toBe(200);
    const responses = (bundle.json() as { entry: { response: { status: string; location?: string } }[] })
      .entry;
    expect(responses[0]!.response).toMatchObject({
      status: '200 OK',
      location: 'Observation/o-0001/_history/1',
    });
    // Two of its own results name its p-0001 (o-0001 and by-own-key): ambiguous, not a third.
    expect(responses[1]!.response.status).toMatch(/^412/);

    const { id: _ignored, ...newPatient } = templatePatient('赵敏', '430203198505052321');
    const rest = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4/Patient',
      headers: {
        ...second.write,
        'if-none-exist': 'identifier=urn:shuzhi:id:cn-resident|430203198505052321',
      },
      payload: newPatient,
    });
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.headers.location).toBe('Patient/p-0001/_history/2');
    expect(rest.json()).toMatchObject({ id: 'p-0001' });
    const byId = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4/Observation',
      headers: { ...second.write, 'if-none-exist': '_id=o-0001' },
      payload: observation('ignored', { reference: 'Patient/p-0001' }),
    });
    expect(byId.statusCode, byId.body).toBe(200);
    expect(byId.headers.location).toBe('Observation/o-0001/_history/1');
    const own = await t.app.inject({
      url: '/fhir/r4/Observation?subject=Patient/p-0001',
      headers: second.read,
    });
    expect(own.json()).toMatchObject({ total: 2 });
  });

  it('answers a REST If-None-Exist that matches nothing of the source’s own by creating, and a bad one with 400', async () => {
    // The first source holds a patient with this ID; the second's conditional create looks only at its own.
    const { id: _ignored, ...newPatient } = templatePatient('王芳', '430202199001011241');
    const created = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4/Patient',
      headers: {
        ...second.write,
        'if-none-exist': 'identifier=urn:shuzhi:id:cn-resident|430202199001011241',
      },
      payload: newPatient,
    });
    expect(created.statusCode, created.body).toBe(201);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4/Patient',
      headers: { ...second.write, 'if-none-exist': 'birthdate=yesterday' },
      payload: newPatient,
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { issue: { expression: string[] }[] }).issue[0]!.expression[0]).toMatch(
      /^If-None-Exist/,
    );
  });

  it('refuses a Patient carrying another source’s record id, which filed it as that source’s record', async () => {
    // Accepted before: `shuzhi linkage export` then listed the first source's p-0001 under a second person.
    const impostor = {
      ...templatePatient('冒名', '430204197812120015'),
      id: 'p-impostor',
      identifier: [{ system: `urn:shuzhi:source:${first.id}`, value: 'p-0001' }],
    };
    const refused = await put(second, 'Patient/p-impostor', impostor);
    expect(refused.statusCode, refused.body).toBe(400);
    expect((refused.json() as { issue: object[] }).issue[0]).toMatchObject({
      expression: ['Patient.identifier.system'],
      diagnostics: expect.stringContaining("is another data source's record system"),
    });
    const own = await put(second, 'Patient/p-impostor', {
      ...impostor,
      identifier: [{ system: `urn:shuzhi:source:${second.id}`, value: 'p-impostor' }],
    });
    expect(own.statusCode, own.body).toBe(201);
  });

  it('answers the writer with its record as it sent it, and masks it for other readers', async () => {
    const sent = templatePatient('孙丽', '430203198812120048');
    const written = await put(first, 'Patient/p-echo', { ...sent, id: 'p-echo' });
    expect(written.statusCode, written.body).toBe(201);
    // Before, `430203********0048`, `孙*` and `1988-**-**` (not a FHIR date) came back to the sender.
    expect(written.json()).toMatchObject({
      id: 'p-echo',
      identifier: sent.identifier,
      name: sent.name,
      birthDate: '1988-12-12',
    });
    const { id: _ignored, ...again } = sent;
    const matched = await t.app.inject({
      method: 'POST',
      url: '/fhir/r4/Patient',
      headers: { ...first.write, 'if-none-exist': 'identifier=urn:shuzhi:id:cn-resident|430203198812120048' },
      payload: again,
    });
    expect(matched.statusCode, matched.body).toBe(200);
    expect(matched.json()).toMatchObject({ id: 'p-echo', birthDate: '1988-12-12' });
    // The other source reads it under its agreement, which does not grant birth dates.
    const search = await t.app.inject({
      url: '/fhir/r4/Patient?identifier=urn:shuzhi:id:cn-resident|430203198812120048',
      headers: second.read,
    });
    expect(search.json()).toMatchObject({ total: 1, entry: [{ resource: { birthDate: '1988-**-**' } }] });
  });
  it('never lets a source’s own id name another source’s record to it (ADR 0002)', async () => {
    // The first source sends its patient p-0002 and a result for it, and is the first to use both ids.
    expect(
      (await put(first, 'Patient/p-0002', { ...templatePatient('李娜', '43020219920202222X'), id: 'p-0002' }))
        .statusCode,
    ).toBe(201);
    const sent = await put(
      first,
      'Observation/o-0002',
      observation('o-0002', { reference: 'Patient/p-0002' }),
    );
    expect(sent.statusCode, sent.body).toBe(201);
    // The second source has a p-0002 of its own, and reads the first's results under its agreement.
    expect(
      (
        await put(second, 'Patient/p-0002', {
          ...templatePatient('周婷', '43020319930303332X'),
          id: 'p-0002',
        })
      ).statusCode,
    ).toBe(201);
    const shared = await t.app.inject({
      url: '/fhir/r4/Observation?code=http://loinc.org|94500-6&_count=100',
      headers: second.read,
    });
    const results = (
      shared.json() as { entry: { resource: { id: string; subject: { reference: string } } }[] }
    ).entry;
    const theFirsts = results.filter((e) => e.resource.id !== 'o-0001' && !e.resource.id.startsWith('by-'));
    const subjects = theFirsts.map((e) => e.resource.subject.reference);
    expect(subjects.length).toBeGreaterThan(0);
    // Before, the first's result read `subject: Patient/p-0002`, and the second's GET Patient/p-0002 gave its own.
    expect(subjects).not.toContain('Patient/p-0002');
    expect(theFirsts.map((e) => e.resource.id)).not.toContain('o-0002');
    for (const subject of subjects) {
      const patient = await t.app.inject({ url: `/fhir/r4/${subject}`, headers: second.read });
      expect(patient.statusCode).toBe(200);
      expect((patient.json() as { name?: { text?: string }[] }).name?.[0]?.text).not.toBe('周婷');
    }
    const own = await t.app.inject({ url: '/fhir/r4/Patient/p-0002', headers: second.read });
    expect(own.json()).toMatchObject({ id: 'p-0002', name: [{ text: '周婷' }] });
  });

  it('refuses a source’s new record under an id of the form the platform generates', async () => {
    // The first source's patient 李娜, as the second reads it under its agreement.
    const shared = await t.app.inject({
      url: '/fhir/r4/Patient?identifier=urn:shuzhi:id:cn-resident|43020219920202222X',
      headers: second.read,
    });
    const othersId = (shared.json() as { entry: { resource: { id: string } }[] }).entry[0]!.resource.id;
    expect(othersId).toMatch(/^pat-[0-9a-z]{20}$/);
    const refused = await put(second, `Patient/${othersId}`, {
      ...templatePatient('周婷', '43020319930303332X'),
      id: othersId,
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect((refused.json() as { issue: object[] }).issue[0]).toMatchObject({
      expression: ['Patient.id'],
      diagnostics: expect.stringContaining('has the form of an id the platform generates'),
    });
    const zh = await put(
      second,
      `Patient/${othersId}`,
      { ...templatePatient('周婷', '43020319930303332X'), id: othersId },
      {
        'accept-language': 'zh-CN',
      },
    );
    expect(JSON.stringify(zh.json())).toContain('平台生成的 id');
  });

  it('ignores the id in a REST create’s body: each POST creates a resource under an id of the platform’s making', async () => {
    const body = { ...templatePatient('吴敏', '430204197812120015'), id: 'p-posted' };
    const ids = [];
    for (const name of ['吴敏', '吴敏敏']) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/fhir/r4/Patient',
        headers: first.write,
        payload: { ...body, name: [{ use: 'official', text: name }] },
      });
      expect(created.statusCode, created.body).toBe(201);
      ids.push((created.json() as { id: string }).id);
    }
    expect(ids[0]).not.toBe('p-posted');
    expect(ids[0]).not.toBe(ids[1]);
    expect((await t.app.inject({ url: '/fhir/r4/Patient/p-posted', headers: first.read })).statusCode).toBe(
      404,
    );
  });
});
