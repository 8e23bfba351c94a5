/** Staff find a person by the name any of its linked records gives, not only the one the person shows. */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { composeResidentId, hubTestMigrations, reportPatient } from '../testing.js';
import { dataHubFixture } from '../records/testing.js';

describeEachDatabase(
  'person search by name',
  (getDatabase) => {
    it('finds a person by the name of an earlier record after a later one renamed it', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const residentId = composeResidentId('430202', '1985-03-12', '731');
      const lab = await reportPatient(fixture, 'names-lab', {
        name: '欧阳明远',
        gender: 'male',
        birthDate: '1985-03-12',
        residentId,
      });
      // The hospital's record, with a typo in the given name, joins the same person on the resident ID.
      const hospital = await reportPatient(fixture, 'names-hospital', {
        name: '欧阳明源',
        gender: 'male',
        birthDate: '1985-03-12',
        residentId,
      });
      expect(hospital.person).toBe(lab.person);
      const other = await reportPatient(fixture, 'names-lab', {
        name: '司马秋月',
        gender: 'female',
        birthDate: '1992-07-21',
      });
      const search = async (q: string) =>
        (await hub.data.mpi.searchPersons(ctx, { limit: 10, offset: 0, order: 'asc', q })).items.map(
          (p) => p.id,
        );
      expect((await hub.data.mpi.getPerson(ctx, lab.person)).name).toBe('欧阳明源');
      // Before, only the name the person shows matched: the lab's correct name found nobody.
      expect(await search('欧阳明远')).toEqual([lab.person]);
      expect(await search('明远')).toEqual([lab.person]);
      expect(await search('欧阳')).toEqual([lab.person]);
      expect(await search('秋月')).toEqual([other.person]);
      expect(await search('明%')).toEqual([]);
    });
  },
  { migrations: hubTestMigrations },
);
