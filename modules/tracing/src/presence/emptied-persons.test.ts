/**
 * Presence naming a person the hub emptied (every record moved away: corrected, split off, an undone merge)
 * must be neither lost nor filed under a person who stands for nobody: it follows the records to the one
 * person holding them now, and a row naming a person whose records went to no single person is refused.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { composeResidentId, reportPatient } from '@shuzhi/hub/testing';
import { personPresence } from '../core/index.js';
import { PersonRefsRepository } from './person-refs.repository.js';
import { csv, tracingFixture, tracingTestMigrations, type TracingFixture } from './tracing-fixture.js';

const CHECKINS = 'person_id,venue_id,check_in,check_out,zone';
const ALL_TIME = { from: 0, to: Date.parse('2030-01-01T00:00:00Z') };

async function addSource(f: TracingFixture, name: string, type: 'hospital' | 'lab') {
  return (await f.hub.sources.addSource({ name, type, areaCode: '4302' })).id;
}

describeEachDatabase(
  'presence naming an emptied person',
  (getDatabase) => {
    it('follows the records of a person emptied by a correction to the one person holding them now', async () => {
      const f = tracingFixture(getDatabase());
      const hospital = await addSource(f, '甲医院', 'hospital');
      const clinic = await addSource(f, '甲门诊', 'hospital');
      const man = { name: '林志强', gender: 'male', birthDate: '1980-05-17' } as const;
      const typo = composeResidentId('430202', man.birthDate, '011');
      const real = composeResidentId('430202', man.birthDate, '017');
      const patient = await reportPatient(f, hospital, { ...man, residentId: typo });
      const { person: holder } = await reportPatient(f, clinic, { ...man, residentId: real });
      const emptied = patient.person;
      expect(holder).not.toBe(emptied);
      // Presence the venue logged under the platform id while the record was still there.
      await f.importCsv('checkins', csv(CHECKINS, [`${emptied},V-1,2026-03-05T08:00:00+08:00,,`]));
      await f.tracing.links.resolvePending();

      // The hospital had typed the wrong card: its record moves to the clinic's person and the first is emptied.
      await patient.correct({ ...man, residentId: real });
      expect(await f.hub.data.mpi.getPerson(f.ctx, emptied)).toMatchObject({
        fate: 'emptied',
        recordsMovedTo: holder,
      });
      // What tracing does on the hub's hub.person.unmerged event.
      await f.tracing.links.relink([emptied, holder]);

      // A later file still naming the emptied id, and one naming the real ID number.
      const later = await f.importCsv(
        'checkins',
        csv(CHECKINS, [
          `${emptied},V-2,2026-03-06T08:00:00+08:00,,`,
          `${real},V-3,2026-03-07T08:00:00+08:00,,`,
        ]),
      );
      expect(later).toMatchObject({ status: 'accepted', accepted: 2, rejected: 0 });
      const refs = await new PersonRefsRepository(getDatabase()).findRefs([emptied, real]);
      expect(refs.map((r) => [r.ref, r.person_id])).toEqual(
        expect.arrayContaining([
          [emptied, holder],
          [real, holder],
        ]),
      );
      await f.tracing.live.settle();
      const index = await f.tracing.live.index();
      // One person in the index, under the first id it was imported as, with every presence.
      expect(personPresence(index, emptied, ALL_TIME).map((p) => p.placeId)).toEqual(['V-1', 'V-2', 'V-3']);
      expect(index.persons.find(real)).toBeUndefined();
    });

    it('gives an ID number the emptied person held to a new person holding it, not to the dead one', async () => {
      const f = tracingFixture(getDatabase());
      const hospital = await addSource(f, '丙医院', 'hospital');
      const clinic = await addSource(f, '丙门诊', 'hospital');
      const man = { name: '周建国', gender: 'male', birthDate: '1975-02-14' } as const;
      const card = composeResidentId('430202', man.birthDate, '031');
      const other = composeResidentId('430202', man.birthDate, '053');
      // The venue logs the man by his card; the hospital's patient with that card joins the person it made.
      await f.importCsv('checkins', csv(CHECKINS, [`${card},V-7,2026-03-05T08:00:00+08:00,,`]));
      await f.tracing.links.resolvePending();
      const patient = await reportPatient(f, hospital, { ...man, residentId: card });
      const [byCard] = await new PersonRefsRepository(getDatabase()).findRefs([card]);
      expect(byCard!.person_id).toBe(patient.person);
      const { person: holder } = await reportPatient(f, clinic, { ...man, residentId: other });

      // The hospital corrects its patient to the other card: the person the check-in made is emptied.
      await patient.correct({ ...man, residentId: other });
      expect(await f.hub.data.mpi.getPerson(f.ctx, patient.person)).toMatchObject({ fate: 'emptied' });
      await f.tracing.links.relink([patient.person, holder]);

      const [after] = await new PersonRefsRepository(getDatabase()).findRefs([card]);
      expect(after!.person_id).not.toBe(patient.person);
      expect(after!.person_id).not.toBe(holder);
      expect((await f.hub.persons.resolveRefs([card], { createMissing: false })).get(card)).toBe(
        after!.person_id,
      );
    });

    it('refuses a row naming a person whose records went to no single person, with line, column and why', async () => {
      const f = tracingFixture(getDatabase());
      const hospital = await addSource(f, '乙医院', 'hospital');
      const lab = await addSource(f, '乙检测所', 'lab');
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
        survivorId: survivor.person,
        mergedId: merged.person,
        reason: 'test: one woman',
      });
      await f.hub.data.mpi.split(f.ctx, survivor.recordKey, 'test: the hospital record is another woman');
      await f.hub.data.mpi.unmerge(f.ctx, merge.id, 'test: undo after the split');
      // Its one record went to a new person, the merged one's back to its own: no single place.
      const nobody = survivor.person;
      expect(await f.hub.data.mpi.getPerson(f.ctx, nobody)).toMatchObject({
        fate: 'emptied',
        recordsMovedTo: null,
      });

      const before = (await f.tracing.presence.counts()).checkins;
      const text = csv(CHECKINS, [
        'em-other,V-5,2026-03-05T08:00:00+08:00,,',
        `${nobody},V-5,2026-03-05T08:10:00+08:00,,`,
      ]);
      const refused = await f.importCsv('checkins', text);
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
      expect((await f.tracing.presence.counts()).checkins).toBe(before);

      const partial = await f.importCsv('checkins', text, { partial: true });
      expect(partial).toMatchObject({ status: 'partial', accepted: 1, rejected: 1 });
      await f.tracing.links.resolvePending();
      await f.tracing.live.settle();
      const index = await f.tracing.live.index();
      expect(personPresence(index, 'em-other', ALL_TIME)).toHaveLength(1);
      expect(index.persons.find(nobody)).toBeUndefined();
      expect(await new PersonRefsRepository(getDatabase()).findRefs([nobody])).toEqual([]);
    });
  },
  { migrations: tracingTestMigrations },
);
