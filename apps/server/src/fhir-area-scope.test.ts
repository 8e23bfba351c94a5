/**
 * Which records an area-scoped reader finds through FHIR: those of its area, and those with no area when its
 * scope is city-wide, as persons and change-feed events are filed (mpi/person-area.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { platformIdOf } from '@shuzhi/hub/testing';
import { createTestApp, signIn, signInBearer, type TestApp } from './testing.js';

describeEachDatabase('FHIR reads of records with no area', (getDatabase) => {
  let t: TestApp;
  /** What staff name the source's `Observation/na-o1` and `Patient/na-p1` by (ADR 0002). */
  let observationId: string;
  let patientId: string;

  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    const admin = await signIn(t.app, 'admin');
    // A source registered without an area (as `shuzhi sources add` does), sending a patient with no address.
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: { name: '无属地医院 Hospital without area', type: 'hospital' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id: sourceId, apiKey } = created.json() as { id: string; apiKey: string };
    const write = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/fhir+json' };
    const patient = await t.app.inject({
      method: 'PUT',
      url: '/fhir/r4/Patient/na-p1',
      headers: write,
      payload: {
        resourceType: 'Patient',
        id: 'na-p1',
        identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: '430202199001011241' }],
        name: [{ text: '王芳' }],
        gender: 'female',
        birthDate: '1990-01-01',
      },
    });
    expect(patient.statusCode, patient.body).toBe(201);
    const result = await t.app.inject({
      method: 'PUT',
      url: '/fhir/r4/Observation/na-o1',
      headers: write,
      payload: {
        resourceType: 'Observation',
        id: 'na-o1',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
        subject: { reference: 'Patient/na-p1' },
        effectiveDateTime: '2026-02-27T08:00:00+08:00',
        valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260373001' }] },
      },
    });
    expect(result.statusCode, result.body).toBe(201);
    observationId = await platformIdOf(t.platform.database, sourceId, 'Observation', 'na-o1');
    patientId = await platformIdOf(t.platform.database, sourceId, 'Patient', 'na-p1');
  });
  afterAll(async () => t.close());

  it('shows them to city-wide staff, who are sent their cases on the change feed', async () => {
    const epi = await signInBearer(t.app, 'epi');
    const read = await t.app.inject({ url: `/fhir/r4/Observation/${observationId}`, headers: epi });
    expect(read.statusCode, read.body).toBe(200);
    const history = await t.app.inject({
      url: `/fhir/r4/Observation/${observationId}/_history/1`,
      headers: epi,
    });
    expect(history.statusCode).toBe(200);
    const search = await t.app.inject({
      url: `/fhir/r4/Observation?subject=Patient/${patientId}`,
      headers: epi,
    });
    expect(search.json()).toMatchObject({ total: 1, entry: [{ resource: { id: observationId } }] });
    const feed = await t.app.inject({ url: '/api/v1/feed?after=0&limit=1000', headers: epi });
    const confirmed = (feed.json() as { events: { topic: string; areaCode: string | null }[] }).events.filter(
      (e) => e.topic === 'hub.case.confirmed',
    );
    expect(confirmed).toEqual([expect.objectContaining({ areaCode: null })]);
  });

  it('hides them from a district’s staff (a grid worker of Hetang)', async () => {
    const grid = await signInBearer(t.app, 'grid');
    const read = await t.app.inject({ url: `/fhir/r4/Observation/${observationId}`, headers: grid });
    expect(read.statusCode).toBe(404);
    const search = await t.app.inject({
      url: `/fhir/r4/Observation?subject=Patient/${patientId}`,
      headers: grid,
    });
    expect(search.json()).toMatchObject({ total: 0 });
  });
});
