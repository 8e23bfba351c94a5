import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { Json } from '../core/index.js';
import { dataHubFixture } from '../records/testing.js';
import { hubTestMigrations } from '../testing.js';

const PATIENT_URL = 'urn:uuid:7c1e0f3a-0000-4000-8000-000000000001';

/** A lab's transaction Bundle: a Patient and a PCR result referring to it by fullUrl, both with own ids. */
function labBundle(sourceId: string, result: 'positive' | 'negative'): Json {
  const own = (value: string) => [{ system: `urn:shuzhi:source:${sourceId}`, value }];
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: PATIENT_URL,
        resource: {
          resourceType: 'Patient',
          identifier: own('MRN-9'),
          name: [{ text: '李娜' }],
          gender: 'female',
        },
        request: { method: 'POST', url: 'Patient' },
      },
      {
        resource: {
          resourceType: 'Observation',
          identifier: own('RESULT-9'),
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

describeEachDatabase(
  'fhir import kind',
  (getDatabase) => {
    describe('a Bundle file sent again', () => {
      it('changes nothing: every record is unchanged', async () => {
        const { hub, ctx } = dataHubFixture(getDatabase());
        const file = { kind: 'fhir', fileName: 'bundle.json', sourceId: 'file-lab' };
        const text = JSON.stringify(labBundle('file-lab', 'positive'));
        expect(await hub.imports.run(ctx, { ...file, text })).toMatchObject({ accepted: 2, unchanged: 0 });
        expect(await hub.imports.run(ctx, { ...file, text })).toMatchObject({
          status: 'accepted',
          accepted: 0,
          unchanged: 2,
        });
      });

      it('changes nothing after the same Bundle came over the REST API, and a correction is a new version', async () => {
        const { hub, ctx } = dataHubFixture(getDatabase());
        const posted = await hub.data.fhir.bundle(
          { ...ctx, principal: { ...ctx.principal, sourceId: 'rest-lab' } },
          labBundle('rest-lab', 'positive'),
        );
        const locations = (posted.body as { entry: { response: { location: string } }[] }).entry.map(
          (e) => e.response.location.split('/_history')[0]!,
        );
        const file = { kind: 'fhir', fileName: 'bundle.json', sourceId: 'rest-lab' };
        const same = await hub.imports.run(ctx, {
          ...file,
          text: JSON.stringify(labBundle('rest-lab', 'positive')),
        });
        expect(same).toMatchObject({ status: 'accepted', accepted: 0, unchanged: 2 });
        const fixed = await hub.imports.run(ctx, {
          ...file,
          text: JSON.stringify(labBundle('rest-lab', 'negative')),
        });
        expect(fixed).toMatchObject({ status: 'accepted', accepted: 1, unchanged: 1 });
        const [, observation] = locations as [string, string];
        const history = await hub.data.records.history('Observation', observation.split('/')[1]!);
        expect(history.map((v) => Number(v.version))).toEqual([2, 1]);
        const current = await hub.data.records.read('Observation', observation.split('/')[1]!);
        expect(current?.subject_id).toBe(locations[0]!.split('/')[1]);
      });
    });
  },
  { migrations: hubTestMigrations },
);
