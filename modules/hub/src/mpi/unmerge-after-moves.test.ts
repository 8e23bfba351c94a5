/**
 * Undoing a merge after records moved away (split off, corrected by their source): a side left with no record
 * is emptied, not handed back as a live person holding nothing, and a pair the merge had closed comes back to
 * the queue only if both its sides are still where the pair found them.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { composeResidentId } from '../core/index.js';
import { dataHubFixture } from '../records/testing.js';
import { hubTestMigrations, sourceContext, type HubFixture } from '../testing.js';
import { patient, type PatientFields } from './testing.js';

/** Posts a Patient for a source; returns its record key, the person it landed on and how to correct it. */
async function post(fixture: HubFixture, sourceId: string, fields: PatientFields) {
  const ctx = sourceContext(sourceId, fixture.clock);
  const answer = await fixture.hub.data.fhir.create(ctx, 'Patient', patient(fields));
  expect(answer.status).toBe(201);
  const id = (answer.body as { id: string }).id;
  const recordKey = `${sourceId}|${id}`;
  const person = (await fixture.hub.data.mpi.exportLinkage()).persons.find((p) =>
    p.records.some((r) => r.value === id && r.source_id === sourceId),
  )!.person_id;
  const correct = async (changed: PatientFields) => {
    const updated = await fixture.hub.data.fhir.update(ctx, {
      type: 'Patient',
      id,
      body: patient(changed, id),
    });
    expect(updated.status).toBe(200);
  };
  return { id, recordKey, person, correct };
}

async function sources(fixture: HubFixture, tag: string) {
  const add = (name: string, type: 'hospital' | 'lab') =>
    fixture.hub.sources.addSource({ name: `${tag} ${name}`, type, areaCode: '4302' });
  return { hospital: await add('医院', 'hospital'), lab: await add('检测所', 'lab') };
}

describeEachDatabase(
  'undoing a merge after records moved away',
  (getDatabase) => {
    it('empties the merged person too when the whole group was emptied by corrections', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { hospital, lab } = await sources(fixture, '甲');
      const birthDate = '1970-01-01';
      const survivor = await post(fixture, hospital.id, {
        name: '张伟',
        birthDate,
        residentId: composeResidentId('430202', birthDate, '002'),
      });
      const merged = await post(fixture, lab.id, {
        name: '张卫',
        birthDate: '1970-01-02',
        phone: '13600000002',
      });
      const merge = await hub.data.mpi.merge(ctx, {
        survivorId: survivor.person,
        mergedId: merged.person,
        reason: 'test: one man',
      });
      // Both sources correct their records to another ID, in turn: the group's last record leaves it.
      const elsewhere = composeResidentId('430202', birthDate, '022');
      await survivor.correct({ name: '张伟', birthDate, residentId: elsewhere });
      await merged.correct({ name: '张伟', birthDate, residentId: elsewhere });
      const emptied = await hub.data.mpi.getPerson(ctx, survivor.person);
      expect(emptied).toMatchObject({ fate: 'emptied', records: [] });

      await hub.data.mpi.unmerge(ctx, merge.id, 'test: undo after both moved');
      const back = await hub.data.mpi.getPerson(ctx, merged.person);
      expect(back).toMatchObject({
        id: merged.person,
        fate: 'emptied',
        records: [],
        recordsMovedTo: emptied.recordsMovedTo,
      });
      // Emptied, it is neither merged into another nor found.
      await expect(
        hub.data.mpi.merge(ctx, {
          survivorId: emptied.recordsMovedTo!,
          mergedId: merged.person,
          reason: 'test',
        }),
      ).rejects.toMatchObject({ code: 'conflict' });
    });

    it('empties the survivor when its own records were split off while the merged records kept the group', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { hospital, lab } = await sources(fixture, '乙');
      const survivor = await post(fixture, hospital.id, {
        name: '陈静',
        birthDate: '1990-07-07',
        residentId: composeResidentId('430202', '1990-07-07', '042'),
      });
      const merged = await post(fixture, lab.id, {
        name: '陈晶晶',
        birthDate: '1991-08-07',
        phone: '13600000016',
      });
      const merge = await hub.data.mpi.merge(ctx, {
        survivorId: survivor.person,
        mergedId: merged.person,
        reason: 'test: one woman',
      });
      await hub.data.mpi.split(ctx, survivor.recordKey, 'test: the hospital record is another woman');
      expect(await hub.data.mpi.getPerson(ctx, survivor.person)).toMatchObject({ fate: 'active' });

      await hub.data.mpi.unmerge(ctx, merge.id, 'test: undo after the split');
      expect(await hub.data.mpi.getPerson(ctx, survivor.person)).toMatchObject({
        fate: 'emptied',
        records: [],
        identifiers: [],
      });
      expect(await hub.data.mpi.getPerson(ctx, merged.person)).toMatchObject({
        fate: 'active',
        records: [expect.objectContaining({ recordKey: merged.recordKey })],
      });
    });

    it('does not reopen a pair the merge closed when one of its sides was split off since', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { hospital, lab } = await sources(fixture, '丙');
      const birthDate = '1992-09-09';
      const residentId = composeResidentId('430202', birthDate, '062');
      const holder = await post(fixture, hospital.id, {
        name: '孙丽',
        birthDate,
        residentId,
        phone: '13700000009',
      });
      // A second record of hers, so the holder's record can be split off.
      await post(fixture, hospital.id, { name: '孙丽', birthDate, residentId, phone: '13700000009' });
      // A lab's record under her ID with a wholly unlike name: a pair for a person to decide.
      const slip = await post(fixture, lab.id, { name: '欧阳菲菲', birthDate, residentId });
      const pair = (
        await hub.data.mpi.listReviews(ctx, 'open', { limit: 50, offset: 0, order: 'asc' })
      ).items.find((r) => r.record.recordKey === slip.recordKey)!;
      expect(pair.candidate.recordKey).toBe(holder.recordKey);

      const merge = await hub.data.mpi.merge(ctx, {
        survivorId: pair.candidate.personId,
        mergedId: pair.record.personId,
        reason: 'test: called her',
      });
      expect(await hub.data.mpi.getReview(ctx, pair.id)).toMatchObject({ status: 'superseded' });
      await hub.data.mpi.split(ctx, holder.recordKey, 'test: the holder record is another woman');
      await hub.data.mpi.unmerge(ctx, merge.id, 'test: undo after the split');

      // Open, it could be neither merged nor called distinct (its candidate moved): it stays closed.
      expect(await hub.data.mpi.getReview(ctx, pair.id)).toMatchObject({
        status: 'superseded',
        sides: { candidate: { state: 'moved' } },
      });
      const open = await hub.data.mpi.listReviews(ctx, 'open', { limit: 50, offset: 0, order: 'asc' });
      expect(open.items.map((r) => r.id)).not.toContain(pair.id);
    });

    it('reopens a decided pair on undo without its decider', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { hospital, lab } = await sources(fixture, '丁');
      const birthDate = '1988-08-08';
      const residentId = composeResidentId('430202', birthDate, '082');
      await post(fixture, hospital.id, { name: '赵敏', birthDate, residentId });
      const slip = await post(fixture, lab.id, { name: '司马丽丽', birthDate, residentId });
      const pair = (
        await hub.data.mpi.listReviews(ctx, 'open', { limit: 50, offset: 0, order: 'asc' })
      ).items.find((r) => r.record.recordKey === slip.recordKey)!;
      const reviewer = { ...ctx, principal: { ...ctx.principal, displayName: '审核员 Reviewer' } };
      const decided = await hub.data.mpi.decideReview(reviewer, pair.id, { decision: 'merge' });
      expect(decided).toMatchObject({ status: 'merged', decidedByName: '审核员 Reviewer' });

      await hub.data.mpi.unmerge(ctx, decided.mergeId!, 'test: not her after all');
      expect(await hub.data.mpi.getReview(ctx, pair.id)).toMatchObject({
        status: 'open',
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
      });
    });
  },
  { migrations: hubTestMigrations },
);
