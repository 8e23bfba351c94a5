import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { composeResidentId, type Json } from '../core/index.js';
import { hubTestMigrations } from '../testing.js';
import { dataHubFixture } from './testing.js';

const residentId = composeResidentId('430202', '1990-03-07', '457');

function patient(id: string, areaCode?: string): Json {
  return {
    resourceType: 'Patient',
    id,
    identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: residentId }],
    name: [{ text: '张伟' }],
    gender: 'male',
    birthDate: '1990-03-07',
    ...(areaCode
      ? {
          address: [
            { extension: [{ url: 'urn:shuzhi:fhir:StructureDefinition/area-code', valueCode: areaCode }] },
          ],
        }
      : {}),
  };
}

function result(id: string, subject: string): Json {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
    subject: { reference: `Patient/${subject}` },
    effectiveDateTime: '2026-02-28T09:00:00+08:00',
    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] },
  };
}

describeEachDatabase(
  'the area on fact rows',
  (getDatabase) => {
    it('is the area the person is filed under once the batch is linked, whichever record of it filed them', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const { id: sourceId } = await hub.sources.addSource({
        name: '株洲市中心医院',
        type: 'hospital',
        areaCode: '430211',
      });
      const run = (lines: Json[]) =>
        hub.imports.run(ctx, {
          kind: 'fhir',
          fileName: 'results.ndjson',
          text: lines.map((line) => JSON.stringify(line)).join('\n'),
          sourceId,
        });
      // One batch: the first record of the person states no area (filed under the hospital's district), a
      // second registration of the same resident states one, and files them there.
      expect(
        await run([patient('p1'), result('o1', 'p1'), patient('p2', '430202'), result('o2', 'p2')]),
      ).toMatchObject({ status: 'accepted', accepted: 4 });
      // A later file: a result of the first record, then a third registration that moves them (the newest
      // record stating an area wins), then its result.
      expect(await run([result('o3', 'p1'), patient('p3', '430203'), result('o4', 'p3')])).toMatchObject({
        status: 'accepted',
        accepted: 3,
      });
      const rows = (await getDatabase()
        .db.selectFrom('observations as o')
        .innerJoin('hub_records as r', (join) =>
          join.onRef('r.id', '=', 'o.id').on('r.resource_type', '=', 'Observation'),
        )
        .select(['r.local_id', 'o.area_code', 'o.person_id'])
        .orderBy('r.local_id')
        .execute()) as { local_id: string; area_code: string | null; person_id: string }[];
      expect(rows.map((r) => [r.local_id, r.area_code])).toEqual([
        ['o1', '430202'],
        ['o2', '430202'],
        ['o3', '430203'],
        ['o4', '430203'],
      ]);
      expect(new Set(rows.map((r) => r.person_id)).size).toBe(1);
      const person = await getDatabase()
        .db.selectFrom('persons')
        .select('area_code')
        .where('id', '=', rows[0]!.person_id)
        .executeTakeFirstOrThrow();
      expect(person.area_code).toBe('430203');
    });
  },
  { migrations: hubTestMigrations },
);
