/**
 * A fever clinic's visits are fever-clinic visits whatever their Encounters say, through every channel: the
 * "fever-clinic visit without a test" follow-up (MISSION S8) is raised for a plain Encounter (class AMB,
 * reason fever) that a `fever_clinic` source sends, and not for the same Encounter from a hospital.
 */
import { describe, expect, it } from 'vitest';
import type { Clock } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { AccessContext } from '@shuzhi/identity';
import type { Json } from '../core/index.js';
import type { SourceType } from '../sources.schema.js';
import { hubTestMigrations, type HubFixture } from '../testing.js';
import { dataHubFixture } from './testing.js';

function keyOf(sourceId: string, clock: Clock): AccessContext {
  return {
    principal: {
      kind: 'api_key',
      id: `key-${sourceId}`,
      role: 'data_source',
      displayName: sourceId,
      areaCode: null,
      sourceId,
    },
    purpose: 'data_submission',
    clock,
    disclosed: new Set(),
  };
}

function patient(sourceId: string, mrn: string, name: string): Json {
  return {
    resourceType: 'Patient',
    identifier: [{ system: `urn:shuzhi:source:${sourceId}`, value: mrn }],
    name: [{ text: name }],
    gender: 'male',
    birthDate: '1979-04-02',
    address: [{ district: '430202' }],
  };
}

/** What a clinic system sends: class AMB and a fever reason, no encounter-setting coding, no 发热门诊 text. */
function plainFeverEncounter(sourceId: string, visitId: string, subject: string): Json {
  return {
    resourceType: 'Encounter',
    identifier: [{ system: `urn:shuzhi:source:${sourceId}`, value: visitId }],
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    subject: { reference: subject },
    period: { start: '2026-02-27T10:00:00+08:00' },
    reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '386661006', display: 'Fever' }] }],
  };
}

function transaction(sourceId: string, visitId: string, name: string): Json {
  const hex = Buffer.from(visitId).toString('hex');
  const patientUrl = `urn:uuid:5b0d1c1e-0000-4000-8000-${hex.padStart(12, '0').slice(-12)}`;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: patientUrl,
        resource: patient(sourceId, `P-${visitId}`, name),
        request: { method: 'POST', url: 'Patient' },
      },
      {
        resource: plainFeverEncounter(sourceId, visitId, patientUrl),
        request: { method: 'POST', url: 'Encounter' },
      },
    ],
  };
}

function ndjson(sourceId: string, visitId: string, name: string): string {
  const patientId = `pat-${visitId.toLowerCase()}`;
  return [
    JSON.stringify({ ...patient(sourceId, `P-${visitId}`, name), id: patientId }),
    JSON.stringify({
      ...plainFeverEncounter(sourceId, visitId, `Patient/${patientId}`),
      id: `enc-${visitId.toLowerCase()}`,
    }),
  ].join('\n');
}

const visitHeader =
  'visit_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,visit_at,temperature_c,fever,symptoms,clinic_id';

async function register(f: HubFixture, id: string, type: SourceType): Promise<void> {
  await f.hub.sources.addSource({ id, name: `${type} ${id}`, type, areaCode: '430202' });
}

/** The sources of the open "fever-clinic visit without a test" follow-ups, after a sweep. */
async function untestedVisitSources(f: HubFixture): Promise<string[]> {
  f.clock.advanceMinutes(10);
  await f.hub.data.facts.sweep();
  const page = await f.hub.data.facts.listFollowUps(
    f.ctx,
    { kind: 'fever-clinic-untested', status: 'open' },
    { limit: 50, offset: 0, order: 'asc' },
  );
  return page.items.map((t) => String((t.detail as { sourceId?: unknown }).sourceId)).sort();
}

describeEachDatabase(
  "the submitting source's type",
  (getDatabase) => {
    describe('a fever clinic sending plain Encounters (no setting coding)', () => {
      it('raises the follow-up through FHIR create, a transaction Bundle, a file, a streamed NDJSON file and the CSV', async () => {
        const f = dataHubFixture(getDatabase());
        for (const id of ['fc-rest', 'fc-bundle', 'fc-file', 'fc-stream', 'fc-csv'])
          await register(f, id, 'fever_clinic');

        const rest = keyOf('fc-rest', f.clock);
        const created = await f.hub.data.fhir.create(rest, 'Patient', patient('fc-rest', 'P-R1', '周平'));
        expect(created.status).toBe(201);
        const patientId = String((created.body as { id?: unknown }).id);
        const visit = await f.hub.data.fhir.create(
          rest,
          'Encounter',
          plainFeverEncounter('fc-rest', 'R1', `Patient/${patientId}`),
        );
        expect(visit.status).toBe(201);

        const bundle = await f.hub.data.fhir.bundle(
          keyOf('fc-bundle', f.clock),
          transaction('fc-bundle', 'B1', '吴刚'),
        );
        expect(bundle.status).toBe(200);

        const file = await f.hub.imports.run(f.ctx, {
          kind: 'fhir',
          fileName: 'visits.ndjson',
          text: ndjson('fc-file', 'F1', '郑伟'),
          sourceId: 'fc-file',
        });
        expect(file.status).toBe('accepted');

        const text = ndjson('fc-stream', 'S1', '冯军');
        const streamed = await f.hub.imports.run(f.ctx, {
          kind: 'fhir',
          fileName: 'visits.ndjson',
          text: '',
          stream: (async function* () {
            yield text;
          })(),
          streamBytes: Buffer.byteLength(text),
          sourceId: 'fc-stream',
        });
        expect(streamed.status).toBe('accepted');

        const csv = await f.hub.imports.run(f.ctx, {
          kind: 'fever-clinic-visits',
          fileName: 'visits.csv',
          text: `${visitHeader}\nC1,CP1,,,陈亮,male,1980-01-02,,430202,,2026-02-27T10:00:00+08:00,38.4,,cough,\n`,
          sourceId: 'fc-csv',
        });
        expect(csv.status).toBe('accepted');

        expect(await untestedVisitSources(f)).toEqual([
          'fc-bundle',
          'fc-csv',
          'fc-file',
          'fc-rest',
          'fc-stream',
        ]);
      });
    });

    it("leaves a hospital's plain Encounter an ordinary visit (no follow-up)", async () => {
      const f = dataHubFixture(getDatabase());
      await register(f, 'hosp', 'hospital');
      expect(
        (await f.hub.data.fhir.bundle(keyOf('hosp', f.clock), transaction('hosp', 'H1', '何静'))).status,
      ).toBe(200);
      expect(await untestedVisitSources(f)).not.toContain('hosp');
    });
  },
  { migrations: hubTestMigrations },
);
