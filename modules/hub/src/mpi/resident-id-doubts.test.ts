import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { composeResidentId, type Json } from '../core/index.js';
import { dataHubFixture } from '../records/testing.js';
import { hubTestMigrations, sourceContext, type HubFixture } from '../testing.js';

function patient(residentId: string, name: string, gender: string, birthDate?: string): Json {
  return {
    resourceType: 'Patient',
    identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: residentId }],
    name: [{ text: name }],
    gender,
    ...(birthDate ? { birthDate } : {}),
  };
}

async function post(fixture: HubFixture, sourceId: string, resource: Json) {
  const answer = await fixture.hub.data.fhir.create(
    sourceContext(sourceId, fixture.clock),
    'Patient',
    resource,
  );
  expect(answer.status).toBe(201);
  const id = (answer.body as { id: string }).id;
  const recordKey = `${sourceId}|${id}`;
  const db = fixture.hub.data.repositories.mpi.db.db;
  return { recordKey, person: (await fixture.hub.data.linker.personOfRecord(db, recordKey))! };
}

const firstPage = { limit: 50, offset: 0, order: 'asc' as const };

describeEachDatabase(
  'a valid resident ID the record does not agree with',
  (getDatabase) => {
    it('sends the record to review with the reasons, instead of linking it on the ID', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      // A man's ID (odd sex digit), born 1979-06-02.
      const id = composeResidentId('430202', '1979-06-02', '035');
      const holder = await post(fixture, 'doubt-hosp', patient(id, '欧阳晓峰', 'male', '1979-06-02'));
      const odd = await post(fixture, 'doubt-lab', patient(id, '性别不符', 'female'));
      expect(odd.person).not.toBe(holder.person);
      const pair = (await hub.data.mpi.listReviews(ctx, 'open', firstPage)).items.find(
        (r) => r.record.recordKey === odd.recordKey,
      );
      expect(pair).toMatchObject({
        candidate: { recordKey: holder.recordKey, personId: holder.person },
        explanation: { reasons: ['sex-contradicts-id', 'name-unlike-id-holder'] },
      });

      // The same ID with a birth date typed wholly wrong, under the right name: review too.
      const wrongBirth = await post(fixture, 'doubt-cdc', patient(id, '欧阳晓峰', 'male', '1997-12-20'));
      expect(wrongBirth.person).not.toBe(holder.person);
      // A record agreeing with its ID still links on it, in this process and after a restart.
      expect((await post(fixture, 'doubt-rail', patient(id, 'OUYANG Xiaofeng', 'male'))).person).toBe(
        holder.person,
      );
      const restarted = dataHubFixture(getDatabase());
      expect((await post(restarted, 'doubt-ward', patient(id, '欧阳晓峰', 'male'))).person).toBe(
        holder.person,
      );

      // Merging the pair (a person decided) makes them one.
      await hub.data.mpi.decideReview(ctx, pair!.id, { decision: 'merge' });
      expect((await hub.data.mpi.getPerson(ctx, odd.person)).id).toBe(holder.person);
    });
  },
  { migrations: hubTestMigrations },
);
