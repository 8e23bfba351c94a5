import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { importKindsOfSourceType } from '../imports/import-kinds.js';
import { sourceTypes, type SourceType } from '../sources.schema.js';
import { hubTestMigrations, sourceContext, type HubFixture } from '../testing.js';
import type { StoredKind } from './record-kinds.js';
import { recordKindsOfSourceType, submissionRefusal } from './submitted-records.js';
import { dataHubFixture } from './testing.js';

/** The records each hub file kind stores (its rows' persons and facts; a FHIR file may hold any FHIR kind). */
const recordsOfImportKind: Record<string, readonly StoredKind[]> = {
  'lab-results': ['person', 'lab-result'],
  'case-reports': ['person', 'diagnosis'],
  'fever-clinic-visits': ['person', 'encounter'],
  vaccinations: ['person', 'vaccination'],
  'pharmacy-sales': ['pharmacy-sale'],
  travelers: ['person', 'traveler'],
};
const fhirKinds: StoredKind[] = [
  'person',
  'lab-result',
  'diagnosis',
  'encounter',
  'vaccination',
  'organization',
  'location',
];

describe('what each type of data source submits', () => {
  it('keeps diagnoses to hospitals and the CDC, and clinical records from pharmacies and presence sources', () => {
    const diagnosing = sourceTypes.filter((t) => recordKindsOfSourceType[t].includes('diagnosis'));
    expect(diagnosing).toEqual(['hospital', 'cdc']);
    for (const type of ['pharmacy', 'transport', 'hotel', 'venue'] as const)
      expect(recordKindsOfSourceType[type].filter((k) => fhirKinds.includes(k))).toEqual([]);
    expect(recordKindsOfSourceType.lab).not.toContain('encounter');
  });

  it.each(sourceTypes)(
    'offers a %s source the import kinds whose records it may submit',
    (type: SourceType) => {
      const offered = importKindsOfSourceType[type];
      const allowed = recordKindsOfSourceType[type];
      for (const kind of offered)
        for (const record of recordsOfImportKind[kind] ?? []) expect(allowed, `${kind}`).toContain(record);
      // FHIR files are offered to exactly the types that may submit some FHIR resource.
      expect(offered.includes('fhir')).toBe(allowed.some((k) => fhirKinds.includes(k)));
    },
  );

  it('names the type, the record and what the source does submit; an unknown type is not limited', () => {
    expect(submissionRefusal('diagnosis', 'pharmacy')).toEqual({
      reason: 'a pharmacy data source does not submit Condition records; it submits PharmacySale',
      code: 'source-type-kind',
      params: { type: 'pharmacy', kind: 'Condition', kinds: 'PharmacySale' },
    });
    expect(submissionRefusal('lab-result', 'transport')).toEqual({
      reason: 'a transport data source does not submit Observation records; it submits no records here',
      code: 'source-type-none',
      params: { type: 'transport', kind: 'Observation' },
    });
    expect(submissionRefusal('diagnosis', 'hospital')).toBeNull();
    expect(submissionRefusal('diagnosis', undefined)).toBeNull();
  });
});

const patient = { resourceType: 'Patient', id: 'p-1', name: [{ text: '孙丽' }], gender: 'female' };
const result = {
  resourceType: 'Observation',
  id: 'o-1',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
  subject: { reference: 'Patient/p-1' },
  effectiveDateTime: '2026-02-27T08:00:00+08:00',
  valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '10828004' }] },
};
const diagnosis = {
  resourceType: 'Condition',
  id: 'c-1',
  clinicalStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
  },
  category: [{ coding: [{ system: 'urn:shuzhi:case-classification', code: 'confirmed' }] }],
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'U07.1' }] },
  subject: { reference: 'Patient/p-1' },
  recordedDate: '2026-02-27T12:00:00+08:00',
};

async function register(f: HubFixture, id: string, type: SourceType): Promise<void> {
  await f.hub.sources.addSource({ id, name: `${type} ${id}`, type, areaCode: '430202' });
}

const issuesOf = (body: unknown) =>
  (body as { issue: { code: string; expression: string[]; diagnostics: string }[] }).issue;

describeEachDatabase(
  'FHIR submissions limited by source type',
  (getDatabase) => {
    it('refuses a transport operator’s lab result and a pharmacy’s diagnosis over REST, naming the element', async () => {
      const f = dataHubFixture(getDatabase());
      await register(f, 'bus-co', 'transport');
      await register(f, 'drugstore', 'pharmacy');
      const posted = await f.hub.data.fhir.create(sourceContext('bus-co', f.clock), 'Observation', result);
      expect(posted.status).toBe(403);
      expect(issuesOf(posted.body)[0]).toMatchObject({
        code: 'forbidden',
        expression: ['Observation.resourceType'],
        diagnostics: expect.stringContaining('a transport data source does not submit Observation') as string,
      });
      const put = await f.hub.data.fhir.update(sourceContext('drugstore', f.clock), {
        type: 'Condition',
        id: 'c-1',
        body: diagnosis,
      });
      expect(put.status).toBe(403);
      expect(issuesOf(put.body)[0]!.diagnostics).toContain('does not submit Condition');
    });

    it('refuses a lab’s diagnosis entry in a Bundle by its entry, and the transaction stores nothing', async () => {
      const f = dataHubFixture(getDatabase());
      await register(f, 'lab-a', 'lab');
      const lab = sourceContext('lab-a', f.clock);
      const entries = [patient, result, diagnosis].map((resource) => ({
        resource,
        request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
      }));
      const transaction = await f.hub.data.fhir.bundle(lab, {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: entries,
      });
      expect(transaction.status).toBe(403);
      // The entry at fault, among the others left unprocessed because of it.
      expect(issuesOf(transaction.body).filter((i) => i.code === 'forbidden')).toEqual([
        expect.objectContaining({ expression: ['Bundle.entry[2].resource.resourceType'] }),
      ]);
      expect((await f.hub.data.fhir.read(f.ctx, 'Patient', 'p-1')).status).toBe(404);

      const batch = await f.hub.data.fhir.bundle(lab, {
        resourceType: 'Bundle',
        type: 'batch',
        entry: entries,
      });
      const statuses = (batch.body as { entry: { response: { status: string } }[] }).entry.map(
        (e) => e.response.status,
      );
      expect(statuses).toEqual(['201 Created', '201 Created', '403 Forbidden']);
    });

    it('refuses the line of an NDJSON file a source may not submit, with its line and element', async () => {
      const f = dataHubFixture(getDatabase());
      await register(f, 'lab-b', 'lab');
      const text = [patient, result, diagnosis].map((r) => JSON.stringify(r)).join('\n');
      const report = await f.hub.imports.run(f.ctx, {
        kind: 'fhir',
        fileName: 'results.ndjson',
        text,
        sourceId: 'lab-b',
        partial: true,
      });
      expect(report).toMatchObject({ accepted: 2, rejected: 1 });
      expect(report.errors).toEqual([
        {
          line: 3,
          field: 'resourceType',
          reason:
            'a lab data source does not submit Condition records; it submits Patient, Observation, Organization, Location',
          code: 'source-type-kind',
          params: { type: 'lab', kind: 'Condition', kinds: 'Patient, Observation, Organization, Location' },
        },
      ]);
    });
  },
  { migrations: hubTestMigrations },
);
