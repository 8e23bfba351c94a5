import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubTestMigrations } from '../testing.js';
import { dataHubFixture } from '../records/testing.js';

const header =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';

interface Row {
  resultId: string;
  personId: string;
  residentId?: string;
  name: string;
  sex?: string;
  birthDate?: string;
  phone?: string;
  area?: string;
  result?: string;
}

function csv(rows: Row[]): string {
  return [
    header,
    ...rows.map((r) =>
      [
        r.resultId,
        r.personId,
        r.residentId ?? '',
        '',
        r.name,
        r.sex ?? '',
        r.birthDate ?? '',
        r.phone ?? '',
        r.area ?? '',
        '',
        '94500-6',
        '2026-02-27T08:10:00+08:00',
        '2026-02-27T20:30:00+08:00',
        r.result ?? 'negative',
        '',
        '',
      ].join(','),
    ),
    '',
  ].join('\n');
}

// Same name and sex, day and month of birth swapped, no phone or area: uncertain at city scale.
const first: Row = {
  resultId: 'M1',
  personId: 'W1',
  name: '王秀英',
  sex: 'female',
  birthDate: '1968-04-12',
  phone: '13907331234',
  area: '430202',
};
const second: Row = {
  resultId: 'M2',
  personId: 'W2',
  name: '王秀英',
  sex: 'female',
  birthDate: '1968-04-21',
  result: 'positive',
};

describeEachDatabase(
  'the master person index',
  (getDatabase) => {
    it('queues an uncertain pair for review, merges on decision, rebuilds after a restart, and unmerges', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'a.csv',
        text: csv([first]),
        sourceId: 'mpi-s1',
      });
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'b.csv',
        text: csv([second]),
        sourceId: 'mpi-s2',
      });
      const reviews = await hub.data.mpi.listReviews(ctx, 'open', { limit: 50, offset: 0, order: 'asc' });
      const review = reviews.items.find((r) => r.record.recordKey === 'mpi-s2|W2');
      expect(review).toBeDefined();
      expect(review!.candidate.recordKey).toBe('mpi-s1|W1');
      expect(review!.explanation.fields.find((f) => f.field === 'birthDate')).toMatchObject({
        left: '1968-04-21',
        right: '1968-04-12',
      });
      const before = await hub.data.mpi.exportLinkage();
      const personOf = (doc: typeof before, value: string) =>
        doc.persons.find((p) => p.records.some((r) => r.value === value))?.person_id;
      expect(personOf(before, 'W1')).not.toBe(personOf(before, 'W2'));

      await hub.data.mpi.decideReview(ctx, review!.id, { decision: 'merge' });
      const merged = await hub.data.mpi.exportLinkage();
      expect(personOf(merged, 'W1')).toBe(personOf(merged, 'W2'));
      expect(merged.persons.find((p) => p.person_id === personOf(merged, 'W1'))!.records).toEqual(
        expect.arrayContaining([
          { source_id: 'mpi-s1', system: 'urn:shuzhi:source:mpi-s1', value: 'W1' },
          { source_id: 'mpi-s2', system: 'urn:shuzhi:source:mpi-s2', value: 'W2' },
        ]),
      );
      const survivor = personOf(merged, 'W1')!;
      const shown = await hub.data.mpi.getPerson(ctx, review!.record.personId);
      expect(shown.id).toBe(survivor);
      expect(shown.records.map((r) => r.recordKey).sort()).toEqual(['mpi-s1|W1', 'mpi-s2|W2']);
      expect(shown.merges).toHaveLength(1);
      // The positive result of the merged person makes the survivor a case.
      const timeline = await hub.data.facts.timeline(ctx, survivor);
      expect(timeline.case).toMatchObject({ classification: 'asymptomatic', personId: survivor });

      // A fresh process rebuilds the index from the database, merges included.
      const restarted = dataHubFixture(getDatabase());
      await restarted.hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'c.csv',
        text: csv([{ ...second, resultId: 'M3', personId: 'W3', phone: '13907331234', area: '430202' }]),
        sourceId: 'mpi-s3',
      });
      const afterRestart = await restarted.hub.data.mpi.exportLinkage();
      expect(personOf(afterRestart, 'W3')).toBe(survivor);

      await restarted.hub.data.mpi.unmerge(ctx, shown.merges[0]!.id, 'two different women');
      const undone = await restarted.hub.data.mpi.exportLinkage();
      expect(personOf(undone, 'W2')).not.toBe(personOf(undone, 'W1'));
      expect(personOf(undone, 'W1')).toBe(survivor);
      const topics = (await hub.feed.read(0, 10_000, ['hub.person.merged', 'hub.person.unmerged'])).map(
        (e) => e.topic,
      );
      expect(topics).toEqual(['hub.person.merged', 'hub.person.unmerged']);
    });

    it('refuses to merge two persons holding different valid resident IDs', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'd.csv',
        text: csv([
          { resultId: 'D1', personId: 'D1', residentId: '43020219900307457X', name: '周杰' },
          { resultId: 'D2', personId: 'D2', residentId: '430203197211302183', name: '周杰' },
        ]),
        sourceId: 'mpi-d',
      });
      const doc = await hub.data.mpi.exportLinkage();
      const ids = ['D1', 'D2'].map(
        (v) => doc.persons.find((p) => p.records.some((r) => r.value === v))!.person_id,
      );
      await expect(
        hub.data.mpi.merge(ctx, { survivorId: ids[0]!, mergedId: ids[1]!, reason: 'same name' }),
      ).rejects.toThrow(/different valid resident IDs/);
    });

    it('splits a wrongly linked record off with its facts', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'e.csv',
        text: csv([
          { resultId: 'E1', personId: 'E1', residentId: '430211200106153360', name: '孙丽' },
          {
            resultId: 'E2',
            personId: 'E2',
            residentId: '430211200106153360',
            name: '孙丽',
            result: 'positive',
          },
        ]),
        sourceId: 'mpi-e',
      });
      const doc = await hub.data.mpi.exportLinkage();
      const personId = doc.persons.find((p) => p.records.some((r) => r.value === 'E1'))!.person_id;
      expect(doc.persons.find((p) => p.person_id === personId)!.records).toHaveLength(2);
      const split = await hub.data.mpi.split(ctx, 'mpi-e|E2', 'ID typed from a relative');
      expect(split.records.map((r) => r.recordKey)).toEqual(['mpi-e|E2']);
      const timeline = await hub.data.facts.timeline(ctx, split.id);
      expect(timeline.entries.filter((e) => e.kind === 'lab-result')).toHaveLength(1);
      expect(timeline.case?.classification).toBe('asymptomatic');
      expect((await hub.data.facts.timeline(ctx, personId)).case).toBeNull();
    });
  },
  { migrations: hubTestMigrations },
);
