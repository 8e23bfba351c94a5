/**
 * A traveller's `person_id` that is a platform person id names the person that id stands for now, as a
 * check-in's does: the person itself, or for a person the hub emptied (every record moved away) the one person
 * its records went to; a row naming a person whose records went to no single person is refused.
 */
import { expect, it } from 'vitest';
import type { Database } from '@shuzhi/db';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { composeResidentId, hubTestMigrations, reportPatient, type HubFixture } from '../testing.js';
import { dataHubFixture } from './testing.js';

const TRAVELERS =
  'person_id,name,sex,birth_date,nationality,document_type,document_number,arrival,port,trip_id,origin_country,destination_area';

/** The person a source's record is linked to, as `shuzhi linkage export` tells it. */
async function personOfRecord(f: HubFixture, sourceId: string, value: string): Promise<string | undefined> {
  return (await f.hub.data.mpi.exportLinkage()).persons.find((p) =>
    p.records.some((r) => r.value === value && r.source_id === sourceId),
  )?.person_id;
}

/** The persons the travellers' records of this arrival are filed under. */
async function travellersFiled(
  database: Database,
  sourceId: string,
  personId: string,
): Promise<(string | null)[]> {
  const rows = await database.db
    .selectFrom('hub_records')
    .select(['person_id', 'source_record_id'])
    .where('resource_type', '=', 'Traveler')
    .where('source_id', '=', sourceId)
    .execute();
  return rows
    .filter((r) => String(r.source_record_id).startsWith(`${personId}|`))
    .map((r) => r.person_id as string | null);
}

async function addSource(f: HubFixture, name: string, type: 'hospital' | 'lab' | 'port') {
  return (await f.hub.sources.addSource({ name, type, areaCode: '430202' })).id;
}

/** A traveller's row; each test's travellers are other men, so no test's row links to another's by name. */
function arrival(personId: string, traveller: { name: string; birthDate: string }, day: string): string {
  const passport = `${traveller.birthDate.replaceAll('-', '')}1`;
  return `${personId},${traveller.name},male,${traveller.birthDate},GBR,passport,${passport},${day}T10:00:00+08:00,CSX,,GBR,430211`;
}

describeEachDatabase(
  'a traveller named by a platform person id',
  (getDatabase) => {
    it('is filed under the person of that id', async () => {
      const f = dataHubFixture(getDatabase());
      const hospital = await addSource(f, '丁医院', 'hospital');
      const port = await addSource(f, '丁口岸', 'port');
      const { person } = await reportPatient(f, hospital, {
        name: '王芳',
        gender: 'female',
        birthDate: '1988-04-02',
        residentId: composeResidentId('430202', '1988-04-02', '024'),
      });

      // A person the hub knows from a check-in only (no record of any source yet).
      const visitor = (await f.hub.persons.resolveRefs(['V-CARD-7'])).get('V-CARD-7')!;

      const imported = await f.hub.imports.run(f.ctx, {
        kind: 'travelers',
        fileName: 'arrivals.csv',
        text: [
          TRAVELERS,
          arrival(person!, { name: 'SMITH John', birthDate: '1970-01-01' }, '2026-02-27'),
          arrival(visitor, { name: 'GREEN Tom', birthDate: '1969-12-12' }, '2026-02-27'),
        ].join('\n'),
        sourceId: port,
      });
      expect(imported).toMatchObject({ status: 'accepted', accepted: 2, rejected: 0 });
      expect(await personOfRecord(f, port, person!)).toBe(person);
      expect(await travellersFiled(getDatabase(), port, person!)).toEqual([person]);
      expect(await personOfRecord(f, port, visitor)).toBe(visitor);
      expect(await travellersFiled(getDatabase(), port, visitor)).toEqual([visitor]);
    });

    it('follows the records of a person emptied by a correction to the one person holding them now', async () => {
      const f = dataHubFixture(getDatabase());
      const hospital = await addSource(f, '甲医院', 'hospital');
      const clinic = await addSource(f, '甲门诊', 'hospital');
      const port = await addSource(f, '甲口岸', 'port');
      const man = { name: '林志强', gender: 'male', birthDate: '1980-05-17' } as const;
      const typo = composeResidentId('430202', man.birthDate, '011');
      const real = composeResidentId('430202', man.birthDate, '017');
      const patient = await reportPatient(f, hospital, { ...man, residentId: typo });
      const { person: holder } = await reportPatient(f, clinic, { ...man, residentId: real });
      const emptied = patient.person!;
      expect(holder).not.toBe(emptied);
      // The hospital had typed the wrong card: its record moves to the clinic's person and the first is emptied.
      await patient.correct({ ...man, residentId: real });
      expect(await f.hub.data.mpi.getPerson(f.ctx, emptied)).toMatchObject({
        fate: 'emptied',
        recordsMovedTo: holder,
      });

      // The port still names him by the id the hub gave out before.
      const imported = await f.hub.imports.run(f.ctx, {
        kind: 'travelers',
        fileName: 'arrivals.csv',
        text: `${TRAVELERS}\n${arrival(emptied, { name: 'JONES Peter', birthDate: '1971-02-02' }, '2026-02-28')}\n`,
        sourceId: port,
      });
      expect(imported).toMatchObject({ status: 'accepted', accepted: 1, rejected: 0 });
      expect(await personOfRecord(f, port, emptied)).toBe(holder);
      expect(await travellersFiled(getDatabase(), port, emptied)).toEqual([holder]);
      expect(await f.hub.data.mpi.getPerson(f.ctx, emptied)).toMatchObject({
        fate: 'emptied',
        identifiers: [],
      });
      // A check-in or another file naming the same id finds the same person.
      expect((await f.hub.persons.resolveRefs([emptied], { createMissing: false })).get(emptied)).toBe(
        holder,
      );
    });

    it('refuses a row naming a person whose records went to no single person, with line, column and why', async () => {
      const f = dataHubFixture(getDatabase());
      const hospital = await addSource(f, '乙医院', 'hospital');
      const lab = await addSource(f, '乙检测所', 'lab');
      const port = await addSource(f, '乙口岸', 'port');
      const survivor = await reportPatient(f, hospital, {
        name: '陈静',
        gender: 'female',
        birthDate: '1990-07-07',
        residentId: composeResidentId('430202', '1990-07-07', '042'),
      });
      const merged = await reportPatient(f, lab, {
        name: '陈晶晶',
        gender: 'female',
        birthDate: '1991-08-07',
        phone: '13600000016',
      });
      const merge = await f.hub.data.mpi.merge(f.ctx, {
        survivorId: survivor.person!,
        mergedId: merged.person!,
        reason: 'test: one woman',
      });
      await f.hub.data.mpi.split(f.ctx, survivor.recordKey, 'test: the hospital record is another woman');
      await f.hub.data.mpi.unmerge(f.ctx, merge.id, 'test: undo after the split');
      // Its one record went to a new person, the merged one's back to its own: no single place.
      const nobody = survivor.person!;
      expect(await f.hub.data.mpi.getPerson(f.ctx, nobody)).toMatchObject({
        fate: 'emptied',
        recordsMovedTo: null,
      });
      const personsBefore = (await f.hub.data.mpi.exportLinkage()).persons.length;

      const text = `${TRAVELERS}\n${arrival('T-0001', { name: 'BROWN Adam', birthDate: '1972-03-03' }, '2026-02-27')}\n${arrival(nobody, { name: 'WHITE Colin', birthDate: '1973-04-04' }, '2026-02-27')}\n`;
      const refused = await f.hub.imports.run(f.ctx, {
        kind: 'travelers',
        fileName: 'arrivals.csv',
        text,
        sourceId: port,
      });
      expect(refused).toMatchObject({ status: 'rejected', accepted: 0, rejected: 1 });
      expect(refused.errors).toEqual([
        {
          line: 3,
          field: 'person_id',
          code: 'person-emptied',
          params: { id: nobody },
          reason: expect.stringContaining(`person ${nobody} stands for nobody now`),
        },
      ]);
      expect((await f.hub.data.mpi.exportLinkage()).persons).toHaveLength(personsBefore);

      const partial = await f.hub.imports.run(f.ctx, {
        kind: 'travelers',
        fileName: 'arrivals.csv',
        text,
        sourceId: port,
        partial: true,
      });
      expect(partial).toMatchObject({ status: 'partial', accepted: 1, rejected: 1 });
      expect(await personOfRecord(f, port, nobody)).toBeUndefined();
      expect(await travellersFiled(getDatabase(), port, nobody)).toEqual([]);
      expect(await f.hub.data.mpi.getPerson(f.ctx, nobody)).toMatchObject({
        fate: 'emptied',
        identifiers: [],
      });
    });
  },
  { migrations: hubTestMigrations },
);
