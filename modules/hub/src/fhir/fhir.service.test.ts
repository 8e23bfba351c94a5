import { describe, expect, it } from 'vitest';
import { roleDisclosure, type Clock } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { AccessContext } from '@shuzhi/identity';
import type { Json } from '../core/index.js';
import { dataHubFixture } from '../records/testing.js';
import { hubTestMigrations, sourceContext } from '../testing.js';
import type { FhirAnswer } from './fhir.service.js';

/** The context of a laboratory's API key (what the gatekeeper builds for `hub:submit`). */
/** A CDC epidemiologist of Zhuzhou (area 4302), who may read records. */
function staffContext(clock: Clock): AccessContext {
  return {
    principal: { kind: 'user', id: 'usr-epi', role: 'epidemiologist', displayName: 'epi', areaCode: '4302' },
    purpose: 'case_investigation',
    clock,
    // What the gatekeeper discloses to the role (it may search by identifier).
    disclosed: new Set(roleDisclosure.epidemiologist),
  };
}

const PATIENT_URL = 'urn:uuid:5b0d1c1e-0000-4000-8000-000000000001';

function labBundle(sourceId: string, result: 'positive' | 'negative'): Json {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: PATIENT_URL,
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: `urn:shuzhi:source:${sourceId}`, value: 'MRN-7' }],
          name: [{ family: '王', given: ['小红'] }],
          gender: 'female',
          birthDate: '1985-03-12',
          address: [{ district: '430202' }],
        },
        request: { method: 'POST', url: 'Patient' },
      },
      {
        fullUrl: 'urn:uuid:5b0d1c1e-0000-4000-8000-000000000002',
        resource: {
          resourceType: 'Observation',
          identifier: [{ system: `urn:shuzhi:source:${sourceId}`, value: 'RESULT-7' }],
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
          subject: { reference: PATIENT_URL },
          effectiveDateTime: '2026-02-28T08:10:00+08:00',
          valueCodeableConcept: {
            coding: [
              { system: 'http://snomed.info/sct', code: result === 'positive' ? '10828004' : '260385009' },
            ],
          },
        },
        request: { method: 'POST', url: 'Observation' },
      },
    ],
  };
}

interface ResponseEntry {
  resource?: Json;
  response: { status: string; location?: string; outcome?: { issue: { expression: string[] }[] } };
}

function entriesOf(answer: FhirAnswer): ResponseEntry[] {
  return (answer.body as unknown as { entry: ResponseEntry[] }).entry;
}

describeEachDatabase(
  'FHIR service',
  (getDatabase) => {
    describe("a source's refused resources", () => {
      it('count in its intake log (the rejection rate), from a single create, a transaction and a batch', async () => {
        const { hub, clock } = dataHubFixture(getDatabase());
        const lab = sourceContext('refusing-lab', clock);
        const invalidPatient = { resourceType: 'Patient', gender: 'robot' };
        expect((await hub.data.fhir.create(lab, 'Patient', invalidPatient)).status).toBe(400);
        const entry = { resource: invalidPatient, request: { method: 'POST', url: 'Patient' } };
        const valid = {
          resource: { resourceType: 'Patient', name: [{ text: '钱进' }], gender: 'male' },
          request: { method: 'POST', url: 'Patient' },
        };
        const transaction = { resourceType: 'Bundle', type: 'transaction', entry: [entry, valid] };
        expect((await hub.data.fhir.bundle(lab, transaction)).status).toBeGreaterThanOrEqual(400);
        const batch = { resourceType: 'Bundle', type: 'batch', entry: [entry, valid] };
        expect((await hub.data.fhir.bundle(lab, batch)).status).toBe(200);
        const rows = await getDatabase()
          .db.selectFrom('hub_intake')
          .select(['channel', 'accepted', 'rejected'])
          .where('source_id', '=', 'refusing-lab')
          .orderBy('seq')
          .execute();
        expect(rows.map((r) => [String(r.channel), Number(r.accepted), Number(r.rejected)])).toEqual([
          ['fhir', 0, 1],
          ['bundle', 0, 2],
          ['bundle', 0, 1],
          ['bundle', 1, 0],
        ]);
      });
    });

    describe('a Bundle sent again', () => {
      it('changes nothing: the same resources answer 200 at the same versions', async () => {
        const { hub, clock } = dataHubFixture(getDatabase());
        const lab = sourceContext('resend-lab', clock);
        const first = await hub.data.fhir.bundle(lab, labBundle('resend-lab', 'positive'));
        expect(first.status).toBe(200);
        const again = await hub.data.fhir.bundle(lab, labBundle('resend-lab', 'positive'));
        expect(again.status).toBe(200);
        expect(entriesOf(again).map((e) => e.response.status)).toEqual(['200 OK', '200 OK']);
        expect(entriesOf(again).map((e) => e.response.location)).toEqual(
          entriesOf(first).map((e) => e.response.location),
        );
      });

      it('sent several times at once (a client retrying) stores it once and answers every copy', async () => {
        const { hub, clock } = dataHubFixture(getDatabase());
        const lab = sourceContext('retry-lab', clock);
        const answers = await Promise.all(
          Array.from({ length: 6 }, () => hub.data.fhir.bundle(lab, labBundle('retry-lab', 'positive'))),
        );
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
        const locations = new Set(answers.flatMap((a) => entriesOf(a).map((e) => e.response.location)));
        expect(locations.size).toBe(2);
        const stored = await getDatabase()
          .db.selectFrom('hub_records')
          .select('id')
          .where('source_id', '=', 'retry-lab')
          .execute();
        expect(stored).toHaveLength(2);
      });

      it('sent at once to two servers sharing the database stores it once and answers both', async () => {
        // Two hubs over one database stand for two server processes (their Bundle queues are separate).
        const first = dataHubFixture(getDatabase());
        const second = dataHubFixture(getDatabase());
        const bundle: Json = {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: ['two-servers-p1', 'two-servers-p2', 'two-servers-p3'].map((id) => ({
            resource: { resourceType: 'Patient', id, name: [{ text: '赵敏' }], gender: 'female' },
            request: { method: 'PUT', url: `Patient/${id}` },
          })),
        };
        const answers = await Promise.all(
          [first, second, first, second].map((f) =>
            f.hub.data.fhir.bundle(sourceContext('two-servers-lab', f.clock), bundle),
          ),
        );
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
        const stored = await getDatabase()
          .db.selectFrom('hub_records')
          .select(['local_id', 'version'])
          .where('source_id', '=', 'two-servers-lab')
          .execute();
        expect(stored.map((r) => [String(r.local_id), Number(r.version)]).sort()).toEqual([
          ['two-servers-p1', 1],
          ['two-servers-p2', 1],
          ['two-servers-p3', 1],
        ]);
      });

      it('makes a corrected result a new version of the same Observation, with its history', async () => {
        const { hub, clock } = dataHubFixture(getDatabase());
        const lab = sourceContext('correct-lab', clock);
        const first = await hub.data.fhir.bundle(lab, labBundle('correct-lab', 'positive'));
        const corrected = await hub.data.fhir.bundle(lab, labBundle('correct-lab', 'negative'));
        expect(corrected.status).toBe(200);
        const [patient, observation] = entriesOf(corrected);
        expect(patient!.response.status).toBe('200 OK');
        const observationId = entriesOf(first)[1]!.response.location!.split('/')[1]!;
        expect(observation!.response.location).toBe(`Observation/${observationId}/_history/2`);
        const history = await hub.data.records.history('Observation', observationId);
        expect(history.map((v) => Number(v.version))).toEqual([2, 1]);
      });
    });

    describe('reads inside a Bundle', () => {
      it('are refused to a data source, entry by entry in a batch, and reveal nothing', async () => {
        const { hub, clock } = dataHubFixture(getDatabase());
        const lab = sourceContext('read-lab', clock);
        const stored = await hub.data.fhir.bundle(lab, labBundle('read-lab', 'negative'));
        const patientId = entriesOf(stored)[0]!.response.location!.split('/')[1]!;
        const answer = await hub.data.fhir.bundle(lab, {
          resourceType: 'Bundle',
          type: 'batch',
          entry: [
            { request: { method: 'GET', url: `Patient/${patientId}` } },
            { request: { method: 'GET', url: 'Observation?code=94500-6' } },
          ],
        });
        expect(answer.status).toBe(200);
        for (const [k, entry] of entriesOf(answer).entries()) {
          expect(entry.response.status).toBe('403 Forbidden');
          expect(entry.resource).toBeUndefined();
          expect(entry.response.outcome!.issue[0]!.expression).toEqual([`Bundle.entry[${k}].request.method`]);
        }
      });

      it('refuse a whole transaction of a data source, which then stores nothing', async () => {
        const { hub, clock } = dataHubFixture(getDatabase());
        const lab = sourceContext('tx-read-lab', clock);
        const bundle = labBundle('tx-read-lab', 'negative');
        (bundle.entry as Json[]).push({ request: { method: 'GET', url: 'Patient?identifier=MRN-7' } });
        const answer = await hub.data.fhir.bundle(lab, bundle);
        expect(answer.status).toBe(403);
        const search = await hub.data.fhir.searchType(
          staffContext(clock),
          'Patient',
          new URLSearchParams('identifier=urn:shuzhi:source:tx-read-lab|MRN-7'),
          'http://hub/fhir/r4',
        );
        expect((search.body as { total: number }).total).toBe(0);
      });
    });

    it('looks for a conditional create among the source’s own records only', async () => {
      const { hub, clock } = dataHubFixture(getDatabase());
      const residentId = { system: 'urn:shuzhi:id:cn-resident', value: '430202198503121235' };
      const conditional = (sourceId: string) => ({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            resource: {
              resourceType: 'Patient',
              identifier: [residentId, { system: `urn:shuzhi:source:${sourceId}`, value: 'P-1' }],
              name: [{ text: '张晓明' }],
            },
            request: {
              method: 'POST',
              url: 'Patient',
              ifNoneExist: `identifier=${residentId.system}|${residentId.value}`,
            },
          },
        ],
      });
      const mine = await hub.data.fhir.bundle(sourceContext('own-a', clock), conditional('own-a'));
      expect(entriesOf(mine)[0]!.response.status).toBe('201 Created');
      const theirs = await hub.data.fhir.bundle(sourceContext('own-b', clock), conditional('own-b'));
      expect(entriesOf(theirs)[0]!.response.status).toBe('201 Created');
      expect(entriesOf(theirs)[0]!.response.location).not.toBe(entriesOf(mine)[0]!.response.location);
      const again = await hub.data.fhir.bundle(sourceContext('own-b', clock), conditional('own-b'));
      expect(entriesOf(again)[0]!.response.location).toBe(entriesOf(theirs)[0]!.response.location);
    });

    it('answers a refused transaction with the status of the entry at fault, not of those left undone', async () => {
      const { hub, clock } = dataHubFixture(getDatabase());
      const bundle = labBundle('status-lab', 'positive');
      const [patient, observation] = bundle.entry as Json[];
      const orphan = { ...(observation!.resource as Json), subject: { reference: 'Patient/nobody' } };
      const answer = await hub.data.fhir.bundle(sourceContext('status-lab', clock), {
        ...bundle,
        entry: [patient, { ...observation, resource: orphan }],
      });
      expect(answer.status).toBe(422);
    });

    it('answers a resource sent as text, not JSON, with 415 and the content type to use', async () => {
      const { hub, clock } = dataHubFixture(getDatabase());
      const answer = await hub.data.fhir.create(
        sourceContext('text-lab', clock),
        'Patient',
        '{"resourceType":"Patient"}',
      );
      expect(answer.status).toBe(415);
      expect(JSON.stringify(answer.body)).toContain('application/fhir+json');
    });

    describe('warnings', () => {
      const badCheckDigit = { system: 'urn:shuzhi:id:cn-resident', value: '430202198503121234' };

      it('come back in the Bundle entry’s response, naming the element', async () => {
        const { hub, clock } = dataHubFixture(getDatabase());
        const bundle = labBundle('warn-lab', 'negative');
        const [patient] = bundle.entry as { resource: Json }[];
        (patient!.resource.identifier as Json[]).push(badCheckDigit);
        const answer = await hub.data.fhir.bundle(sourceContext('warn-lab', clock), bundle);
        expect(answer.status).toBe(200);
        const [first, second] = entriesOf(answer);
        expect(first!.response.outcome!.issue).toEqual([
          expect.objectContaining({
            severity: 'warning',
            expression: ['Bundle.entry[0].resource.identifier[1].value'],
          }),
        ]);
        expect(second!.response.outcome).toBeUndefined();
      });

      it('come back as an OperationOutcome when a create asks for one (Prefer: return=OperationOutcome)', async () => {
        const { hub, clock } = dataHubFixture(getDatabase());
        const answer = await hub.data.fhir.create(
          sourceContext('prefer-lab', clock),
          'Patient',
          { resourceType: 'Patient', identifier: [badCheckDigit], name: [{ text: '张晓明' }] },
          { returnOutcome: true },
        );
        expect(answer.status).toBe(201);
        const issues = (answer.body as { resourceType: string; issue: Json[] }).issue;
        expect(answer.body.resourceType).toBe('OperationOutcome');
        expect(issues.map((i) => i.severity)).toEqual(['information', 'warning']);
        expect(issues[1]!.diagnostics).toMatch(/check character/);
      });
    });

    describe('search', () => {
      it('refuses an _offset beyond the safe integers as invalid input', async () => {
        const { hub, clock } = dataHubFixture(getDatabase());
        const answer = await hub.data.fhir.searchType(
          staffContext(clock),
          'Patient',
          new URLSearchParams('_offset=99999999999999999999'),
          'http://hub/fhir/r4',
        );
        expect(answer.status).toBe(400);
        expect(JSON.stringify(answer.body)).toContain('_offset');
      });

      it('finds lab results that arrived as CSV rows, by identifier, subject and code', async () => {
        const { hub, ctx, clock } = dataHubFixture(getDatabase());
        const csv = hub.imports.template('lab-results')!.example;
        const report = await hub.imports.run(ctx, {
          kind: 'lab-results',
          fileName: 'results.csv',
          text: csv,
          sourceId: 'csv-lab',
        });
        expect(report.status).toBe('accepted');
        const epi = staffContext(clock);
        const search = (query: string) =>
          hub.data.fhir
            .searchType(epi, 'Observation', new URLSearchParams(query), 'http://hub/fhir/r4')
            .then((a) => a.body as { total: number; entry: { resource: Json }[] });
        const byIdentifier = await search('identifier=urn:shuzhi:source:csv-lab|R-2022-000001');
        expect(byIdentifier.total).toBe(1);
        const subject = (byIdentifier.entry[0]!.resource.subject as { reference: string }).reference;
        expect((await search(`subject=${subject}&code=http://loinc.org|94500-6`)).total).toBe(1);
      });

      it('finds Organizations and Locations whatever the caller’s area, as a read does', async () => {
        const { hub, clock } = dataHubFixture(getDatabase());
        const lab = sourceContext('ref-lab', clock);
        const created = await hub.data.fhir.create(lab, 'Organization', {
          resourceType: 'Organization',
          identifier: [{ system: 'urn:shuzhi:source:ref-lab', value: 'ORG-1' }],
          name: '株洲市中心医院检验科',
        });
        expect(created.status).toBe(201);
        const answer = await hub.data.fhir.searchType(
          staffContext(clock),
          'Organization',
          new URLSearchParams('identifier=urn:shuzhi:source:ref-lab|ORG-1'),
          'http://hub/fhir/r4',
        );
        expect((answer.body as { total: number }).total).toBe(1);
      });
    });
  },
  { migrations: hubTestMigrations },
);
