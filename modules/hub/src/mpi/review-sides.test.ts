/**
 * The review queue shows a pair as it stands, not only as it was scored: each side's current fields (and which
 * its source changed since), whether a side was merged or moved since — a moved side makes the pair stale, and
 * it is closed or refused rather than decided — and sources and deciders by name.
 */
import { expect, it } from 'vitest';
import { sensitiveFields } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { AccessContext } from '@shuzhi/identity';
import { composeResidentId } from '../core/index.js';
import { dataHubFixture } from '../records/testing.js';
import { hubTestMigrations, sourceContext, type HubFixture } from '../testing.js';
import { patient, type PatientFields } from './testing.js';

async function post(fixture: HubFixture, sourceId: string, fields: PatientFields) {
  const ctx = sourceContext(sourceId, fixture.clock);
  const answer = await fixture.hub.data.fhir.create(ctx, 'Patient', patient(fields));
  expect(answer.status).toBe(201);
  return { id: (answer.body as { id: string }).id, ctx };
}

/** A data manager deciding pairs, named as the users list names them. */
function reviewer(fixture: HubFixture): AccessContext {
  return {
    principal: {
      kind: 'user',
      id: 'usr_rev1',
      role: 'epidemiologist',
      displayName: '审核员 Reviewer',
      areaCode: null,
    },
    purpose: 'data_quality',
    clock: fixture.clock,
    disclosed: new Set(sensitiveFields),
  };
}

const woman = { name: '李秀英', gender: 'female', birthDate: '1975-03-02', phone: '13900000001' } as const;

/** The holder of an ID (a hospital's record) and a clinic's record under her ID with a wholly unlike name. */
async function pairOf(fixture: HubFixture, tag: string, serial: string) {
  const { hub } = fixture;
  const hospital = await hub.sources.addSource({
    name: `${tag} 人民医院`,
    type: 'hospital',
    areaCode: '4302',
  });
  const clinic = await hub.sources.addSource({ name: `${tag} 社区诊所`, type: 'hospital', areaCode: '4302' });
  // Each test's own ID: the tests share one database.
  const id = composeResidentId('430211', woman.birthDate, serial);
  const holder = await post(fixture, hospital.id, { ...woman, residentId: id });
  const slip = await post(fixture, clinic.id, { ...woman, name: '欧阳娜娜', residentId: id });
  const pair = (
    await hub.data.mpi.listReviews(fixture.ctx, 'open', { limit: 50, offset: 0, order: 'asc' })
  ).items.find((r) => r.record.recordKey === `${clinic.id}|${slip.id}`)!;
  expect(pair).toBeDefined();
  return { hospital, clinic, holder, slip, pair, id };
}

describeEachDatabase(
  'a review pair as it stands',
  (getDatabase) => {
    it('names both sources as registered and shows the candidate’s fields as its source corrected them', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { hospital, clinic, holder, pair, id } = await pairOf(fixture, '甲', '012');
      expect(pair).toMatchObject({
        record: { sourceId: clinic.id, sourceName: '甲 社区诊所' },
        candidate: { sourceId: hospital.id, sourceName: '甲 人民医院' },
        sides: {
          record: { state: 'as-made', changedFields: [] },
          candidate: { state: 'as-made', changedFields: [] },
        },
      });

      // The hospital corrects her phone number: she stays its patient, the pair now compares another phone.
      await hub.data.fhir.update(holder.ctx, {
        type: 'Patient',
        id: holder.id,
        body: patient({ ...woman, residentId: id, phone: '13900000002' }, holder.id),
      });
      const now = await hub.data.mpi.getReview(ctx, pair.id);
      expect(now.candidate.phone).toBe('+8613900000002');
      expect(now.explanation.fields.find((f) => f.field === 'phone')?.right).toBe('13900000001');
      expect(now.sides.candidate).toMatchObject({ state: 'as-made', changedFields: ['phone'] });
      expect(now.sides.record.changedFields).toEqual([]);
    });

    it('names the decider as they were named when deciding', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { pair } = await pairOf(fixture, '乙', '022');
      const decided = await fixture.hub.data.mpi.decideReview(reviewer(fixture), pair.id, {
        decision: 'distinct',
      });
      expect(decided).toMatchObject({
        status: 'distinct',
        decidedBy: 'usr_rev1',
        decidedByName: '审核员 Reviewer',
      });
    });

    it('says a side was merged into another person since, and still lets the pair be decided', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { pair } = await pairOf(fixture, '丙', '032');
      const other = await post(fixture, 'rv-cdc', {
        name: '王桂芝',
        gender: 'female',
        birthDate: '1950-01-01',
      });
      const otherPerson = (await hub.data.mpi.exportLinkage()).persons.find((p) =>
        p.records.some((r) => r.value === other.id),
      )!.person_id;
      // The holder's person is merged into another (wrongly or not): the pair's candidate is now that group.
      await hub.data.mpi.merge(ctx, {
        survivorId: otherPerson,
        mergedId: pair.candidate.personId,
        reason: 'test: merged meanwhile',
      });
      const now = await hub.data.mpi.getReview(ctx, pair.id);
      expect(now.sides.candidate).toMatchObject({ state: 'merged', personId: otherPerson });
      expect(now.sides.record.state).toBe('as-made');
      await expect(hub.data.mpi.decideReview(ctx, pair.id, { decision: 'distinct' })).resolves.toMatchObject({
        status: 'distinct',
      });
    });

    it('closes a pair whose candidate record is split off its person, and refuses to decide a stale one', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { hospital, holder, pair, id } = await pairOf(fixture, '丁', '052');
      // The holder's person has a second record, so the hospital's can be split off.
      await post(fixture, 'rv-lab', {
        ...woman,
        residentId: id,
      });
      await hub.data.mpi.split(
        ctx,
        `${hospital.id}|${holder.id}`,
        'test: the hospital record is another woman’s',
      );
      const closed = await hub.data.mpi.getReview(ctx, pair.id);
      expect(closed).toMatchObject({ status: 'superseded', sides: { candidate: { state: 'moved' } } });

      // A pair left open by a move made before pairs were closed on moving: deciding it is refused.
      await getDatabase()
        .db.updateTable('linkage_reviews')
        .set({ status: 'open', decided_by: null, decided_at: null })
        .where('id', '=', pair.id)
        .execute();
      for (const decision of ['merge', 'distinct'] as const)
        await expect(hub.data.mpi.decideReview(ctx, pair.id, { decision })).rejects.toMatchObject({
          code: 'conflict',
          issues: [expect.objectContaining({ field: 'candidate', reason: expect.stringContaining('moved') })],
        });
    });
  },
  { migrations: hubTestMigrations },
);
