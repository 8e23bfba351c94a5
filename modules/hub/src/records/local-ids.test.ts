import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '@shuzhi/db';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubFixture, hubTestMigrations, sourceContext } from '../testing.js';
import { literalReferencesOf, withPlatformReferences } from './local-ids.js';

describe('references a source writes in its own namespace', () => {
  const resource = {
    resourceType: 'Observation',
    subject: { reference: 'Patient/p-0001' },
    performer: [{ reference: 'Organization/lab' }, { display: 'no reference' }],
    hasMember: [{ reference: 'Observation/o-1/_history/2' }, { reference: 'urn:uuid:abc' }],
  };

  it('lists the literal Type/id references, not urn:uuid ones', () => {
    expect(literalReferencesOf(resource)).toEqual([
      { resourceType: 'Patient', localId: 'p-0001' },
      { resourceType: 'Organization', localId: 'lab' },
      { resourceType: 'Observation', localId: 'o-1' },
    ]);
  });

  it('points those with a platform id of their own at it, keeping a version suffix', () => {
    const shown = withPlatformReferences(
      resource,
      new Map([
        ['Patient/p-0001', 'Patient/pat-x'],
        ['Observation/o-1', 'Observation/obs-y'],
      ]),
    );
    expect(shown).toMatchObject({
      subject: { reference: 'Patient/pat-x' },
      performer: [{ reference: 'Organization/lab' }, { display: 'no reference' }],
      hasMember: [{ reference: 'Observation/obs-y/_history/2' }, { reference: 'urn:uuid:abc' }],
    });
  });
});

const patient = (name: string) => ({
  resourceType: 'Patient',
  id: 'p-0001',
  name: [{ text: name }],
  gender: 'male',
});

describeEachDatabase(
  'records stored before ids were per source',
  (getDatabase) => {
    it('keep their ids: their source updates and references them, another source gets a record of its own', async () => {
      const database = getDatabase();
      // A record as the store wrote it before hub/0011 (no local_id column yet).
      await database.db
        .insertInto('hub_records')
        .values({
          resource_type: 'Patient',
          id: 'p-0001',
          source_id: 'hosp-old',
          source_record_id: 'p-0001',
          version: 1,
          content_hash: 'stored-before',
          created_at: '2026-02-01T00:00:00.000Z',
          received_at: '2026-02-01T00:00:00.000Z',
          last_updated_ms: Date.parse('2026-02-01T00:00:00Z'),
          resource: JSON.stringify({ ...patient('旧病人'), gender: 'unknown' }),
        })
        .execute();
      await migrateToLatest(database, hubTestMigrations);
      const { hub, clock, ctx } = hubFixture(database);
      const old = sourceContext('hosp-old', clock);
      const other = sourceContext('hosp-new', clock);

      const updated = await hub.data.fhir.update(old, {
        type: 'Patient',
        id: 'p-0001',
        body: patient('旧病人'),
      });
      expect(updated.status).toBe(200);
      expect(updated.headers?.location).toBe('Patient/p-0001/_history/2');
      const observation = {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
        subject: { reference: 'Patient/p-0001' },
        effectiveDateTime: '2026-02-27T08:00:00+08:00',
        valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] },
      };
      expect((await hub.data.fhir.create(old, 'Observation', observation)).status).toBe(201);

      const mine = await hub.data.fhir.update(other, {
        type: 'Patient',
        id: 'p-0001',
        body: patient('新病人'),
      });
      expect(mine.status).toBe(201);
      expect(mine.headers?.location).toBe('Patient/p-0001/_history/1');
      const rows = await database.db
        .selectFrom('hub_records')
        .select(['id', 'local_id', 'source_id', 'version'])
        .where('resource_type', '=', 'Patient')
        .orderBy('source_id')
        .execute();
      const [newRow, oldRow] = rows as { id: string; local_id: string | null; version: number }[];
      expect(oldRow).toMatchObject({ id: 'p-0001', local_id: null });
      expect(Number(oldRow!.version)).toBe(2);
      expect(newRow!.id).not.toBe('p-0001');
      expect(newRow!.local_id).toBe('p-0001');

      // Staff read the old record by its id as before.
      const read = await hub.data.fhir.read(ctx, 'Patient', 'p-0001');
      expect(read.body).toMatchObject({ id: 'p-0001', name: [{ text: '旧病人' }] });
    });
  },
  {
    migrations: Object.fromEntries(
      Object.entries(hubTestMigrations).filter(([name]) => !name.startsWith('hub/0011')),
    ),
  },
);
