import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { AccessContext } from '@shuzhi/identity';
import { composeResidentId, hubTestMigrations, type HubFixture } from '../testing.js';
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

const reportHeader =
  'report_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,diagnosis_code,classification,onset_date,diagnosed_at';

/** An epidemiologist of Hetang District (430202) only. */
function districtContext(ctx: AccessContext): AccessContext {
  return {
    ...ctx,
    principal: {
      ...ctx.principal,
      kind: 'user',
      id: 'usr-hetang',
      role: 'epidemiologist',
      areaCode: '430202',
    },
  };
}

/** The person a source record value is linked to in the export. */
async function personOfValue(hub: HubFixture['hub'], value: string): Promise<string> {
  const doc = await hub.data.mpi.exportLinkage();
  return doc.persons.find((p) => p.records.some((r) => r.value === value))!.person_id;
}

/**
 * A woman's positive result from a lab, whose birth year and district the lab got wrong, and her case report
 * from a hospital: two persons until someone merges them.
 */
async function positiveAndReportApart(
  fixture: HubFixture,
  tag: string,
): Promise<{ lab: string; hospital: string }> {
  // Tests share a database: each test's woman is another woman.
  const n = Number(tag.slice(1));
  const day = String(10 + n).padStart(2, '0');
  const [han, latin] = [
    ['钱美玲', 'Qian Meiling'],
    ['孙丽华', 'Sun Lihua'],
    ['何静怡', 'He Jingyi'],
    ['冯晓红', 'Feng Xiaohong'],
  ][n - 1]!;
  const { hub, ctx } = fixture;
  await hub.imports.run(ctx, {
    kind: 'lab-results',
    fileName: 'lab.csv',
    text: csv([
      {
        resultId: `${tag}-R`,
        personId: `${tag}-L`,
        name: latin!,
        sex: 'female',
        birthDate: `19${40 + n}-06-${day}`,
        area: '430211',
        result: 'positive',
      },
    ]),
    sourceId: 'mpi-lab',
  });
  await hub.imports.run(ctx, {
    kind: 'case-reports',
    fileName: 'cr.csv',
    text: `${reportHeader}\n${tag}-C,${tag}-H,,,${han},female,19${60 + n}-0${n}-${day},137${day}00${day}22,430203,,U07.1,confirmed,2026-02-26,2026-02-28T09:00:00+08:00\n`,
    sourceId: 'mpi-hosp',
  });
  const lab = await personOfValue(hub, `${tag}-L`);
  const hospital = await personOfValue(hub, `${tag}-H`);
  expect(lab).not.toBe(hospital);
  return { lab, hospital };
}

const firstPage = { limit: 50, offset: 0, order: 'asc' as const };
const everyOpen = { limit: 1000, offset: 0, order: 'asc' as const };

/** The reviews open now: a test takes the one its own import opens, not whichever sorts first. */
async function openReviewIds(hub: HubFixture['hub'], ctx: AccessContext): Promise<Set<string>> {
  return new Set((await hub.data.mpi.listReviews(ctx, 'open', everyOpen)).items.map((r) => r.id));
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

    it('closes the follow-up of a positive when a merge joins it to its case report, and reopens it on undo', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { lab, hospital } = await positiveAndReportApart(fixture, 'Q1');
      const tasksOf = async (status?: 'open') =>
        (await hub.data.facts.listFollowUps(ctx, status ? { status } : {}, firstPage)).items.filter(
          (t) => t.personId === lab || t.personId === hospital,
        );
      await hub.data.facts.sweep();
      expect(await tasksOf('open')).toEqual([
        expect.objectContaining({ kind: 'positive-unreported', personId: lab }),
      ]);

      const merge = await hub.data.mpi.merge(ctx, {
        survivorId: hospital,
        mergedId: lab,
        reason: 'one woman',
      });
      const [task] = await tasksOf();
      expect(task).toMatchObject({
        status: 'resolved',
        resolution: 'case-reported',
        resolvedBy: 'system:hub',
      });
      await hub.data.facts.sweep();
      expect(await tasksOf('open')).toEqual([]);

      await hub.data.mpi.unmerge(ctx, merge.id, 'two women after all');
      expect(await tasksOf('open')).toEqual([
        expect.objectContaining({ id: task!.id, personId: lab, status: 'open' }),
      ]);
      const topics = (await hub.feed.read(0, 10_000, ['hub.followup.resolved', 'hub.followup.reopened']))
        .filter((e) => e.entityId === task!.id)
        .map((e) => e.topic);
      expect(topics).toEqual(['hub.followup.resolved', 'hub.followup.reopened']);
    });

    it('raises no follow-up for a positive whose merged person has a case report under the other id', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { lab, hospital } = await positiveAndReportApart(fixture, 'Q2');
      await hub.data.mpi.merge(ctx, { survivorId: hospital, mergedId: lab, reason: 'one woman' });
      await hub.data.facts.sweep();
      const tasks = (await hub.data.facts.listFollowUps(ctx, {}, firstPage)).items;
      expect(tasks.filter((t) => t.personId === lab || t.personId === hospital)).toEqual([]);
      expect((await hub.data.facts.timeline(ctx, lab)).case).toMatchObject({ classification: 'confirmed' });
    });

    it('lets a district user neither undo nor split nor review outside the district, and changes nothing', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { lab, hospital } = await positiveAndReportApart(fixture, 'Q3');
      const merge = await hub.data.mpi.merge(ctx, {
        survivorId: hospital,
        mergedId: lab,
        reason: 'one woman',
      });
      const district = districtContext(ctx);
      await expect(hub.data.mpi.unmerge(district, merge.id, 'not mine')).rejects.toThrow(
        /not found or no access/,
      );
      await expect(hub.data.mpi.split(district, 'mpi-lab|Q3-L', 'not mine')).rejects.toThrow(
        /not found or no access/,
      );
      const shown = await hub.data.mpi.getPerson(ctx, lab);
      expect(shown.merges).toEqual([expect.objectContaining({ id: merge.id, status: 'active' })]);
      expect(shown.records.map((r) => r.recordKey).sort()).toEqual(['mpi-hosp|Q3-H', 'mpi-lab|Q3-L']);

      // Reviews of earlier tests share the fixed clock's creation time: take the one this import opens.
      const before = await openReviewIds(hub, ctx);
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'r.csv',
        text: csv([
          { ...first, area: '430211' },
          { ...second, area: '430211' },
        ]),
        sourceId: 'mpi-r',
      });
      const review = (await hub.data.mpi.listReviews(ctx, 'open', everyOpen)).items.find(
        (r) => !before.has(r.id),
      );
      expect(review).toBeDefined();
      await expect(hub.data.mpi.getReview(district, review!.id)).rejects.toThrow(/not found or no access/);
      await expect(hub.data.mpi.decideReview(district, review!.id, { decision: 'distinct' })).rejects.toThrow(
        /not found or no access/,
      );
      expect((await hub.data.mpi.getReview(ctx, review!.id)).status).toBe('open');
    });

    it('lets only one of two people deciding the same review at once win', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const before = await openReviewIds(hub, ctx);
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'a.csv',
        text: csv([first]),
        sourceId: 'mpi-c1',
      });
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'b.csv',
        text: csv([second]),
        sourceId: 'mpi-c2',
      });
      const review = (await hub.data.mpi.listReviews(ctx, 'open', everyOpen)).items.find(
        (r) => !before.has(r.id),
      );
      expect(review).toBeDefined();
      const results = await Promise.allSettled([
        hub.data.mpi.decideReview(ctx, review!.id, { decision: 'merge' }),
        hub.data.mpi.decideReview(ctx, review!.id, { decision: 'distinct' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const decided = await hub.data.mpi.getReview(ctx, review!.id);
      const merges = (await hub.data.mpi.getPerson(ctx, review!.record.personId)).merges.filter(
        (m) => m.reviewId === review!.id,
      );
      if (decided.status === 'merged') expect(merges.map((m) => m.status)).toEqual(['active']);
      else expect(merges).toEqual([]);
    });

    it('undoes a merge once when two people undo it at once', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { lab, hospital } = await positiveAndReportApart(fixture, 'Q4');
      const merge = await hub.data.mpi.merge(ctx, {
        survivorId: hospital,
        mergedId: lab,
        reason: 'one woman',
      });
      const results = await Promise.allSettled([
        hub.data.mpi.unmerge(ctx, merge.id, 'two women'),
        hub.data.mpi.unmerge(ctx, merge.id, 'two women'),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const undone = await hub.feed.read(0, 10_000, ['hub.person.unmerged']);
      expect(undone.filter((e) => e.payload.mergeId === merge.id)).toHaveLength(1);
    });

    it('keeps the split person in view, and keeps linking after a restart when a split left one resident ID with two persons', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const id = '430202199203150020';
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 's.csv',
        text: csv([
          { resultId: 'S1', personId: 'S1', residentId: id, name: '吴婷' },
          { resultId: 'S2', personId: 'S2', residentId: id, name: '吴婷', area: '430202' },
        ]),
        sourceId: 'mpi-s',
      });
      const owner = await personOfValue(hub, 'S2');
      // The first record is split off, so that a rebuilt index meets the split person's record first.
      const split = await hub.data.mpi.split(ctx, 'mpi-s|S1', 'the ID was typed from her sister');
      // Her record states no area and neither does its source: she stays filed where she was, in view.
      expect(split.areaCode).toBe('430202');

      const restarted = dataHubFixture(getDatabase());
      await restarted.hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 't.csv',
        text: csv([
          { resultId: 'S3', personId: 'S3', residentId: id, name: '吴婷' },
          { resultId: 'S4', personId: 'S4', name: '周明', birthDate: '1950-01-01' },
        ]),
        sourceId: 'mpi-t',
      });
      expect(await personOfValue(restarted.hub, 'S3')).toBe(owner);
      expect(await personOfValue(restarted.hub, 'S1')).not.toBe(owner);
    });

    it('keeps a split as history on both persons: their pages and timelines say who split what, when and why', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const id = composeResidentId('430203', '1991-05-20', '024');
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'h.csv',
        text: csv([
          { resultId: 'H1', personId: 'H1', residentId: id, name: '吴婷' },
          { resultId: 'H2', personId: 'H2', residentId: id, name: '吴婷' },
        ]),
        sourceId: 'mpi-h',
      });
      const before = await personOfValue(hub, 'H2');
      const split = await hub.data.mpi.split(ctx, 'mpi-h|H1', 'the ID was typed from her sister');
      // Before, neither person showed that a split had happened: no entry, `merges: []` on both.
      const expected = {
        recordKey: 'mpi-h|H1',
        fromPersonId: before,
        toPersonId: split.id,
        reason: 'the ID was typed from her sister',
        splitBy: ctx.principal.id,
      };
      expect(split.splits).toEqual([expect.objectContaining(expected)]);
      expect((await hub.data.mpi.getPerson(ctx, before)).splits).toEqual([expect.objectContaining(expected)]);
      const changes = async (personId: string) =>
        (await hub.data.facts.timeline(ctx, personId)).entries
          .filter((e) => e.kind === 'split')
          .map((e) => e.detail.change);
      expect(await changes(before)).toEqual(['split-off']);
      expect(await changes(split.id)).toEqual(['split-from']);
    });

    it('finds a person by a resident ID or passport written the way people write them', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const header =
        'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'id.csv',
        text: `${header}\nI1,IP1,43020219850312118X,,郑晓,,,,430202,,94500-6,2026-02-27T08:10:00+08:00,,negative,,\nI2,IP2,,SG K1234567A,"Tan, Wei Ming",male,1995-08-25,,430202,,94500-6,2026-02-27T08:10:00+08:00,,negative,,\n`,
        sourceId: 'mpi-id',
      });
      const byResidentId = await personOfValue(hub, 'IP1');
      const byPassport = await personOfValue(hub, 'IP2');
      const found = async (identifier: string) =>
        (await hub.data.mpi.searchPersons(ctx, { ...firstPage, identifier })).items.map((p) => p.id);
      for (const typed of ['43020219850312118X', '430202 19850312 118x', '430202-19850312-118X'])
        expect(await found(typed)).toEqual([byResidentId]);
      for (const typed of ['SGP:K1234567A', 'SG K1234567A', 'sgp:k1234567a', 'SG:K1234567A'])
        expect(await found(typed)).toEqual([byPassport]);
      expect(await found('IP2')).toEqual([byPassport]);
    });

    it('settles the review a merge makes impossible (the other side holds another valid resident ID), and reopens it on undo', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const man = { name: '孙立新', sex: 'male', birthDate: '1979-09-09', area: '430202' };
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'ids.csv',
        text: csv([
          { ...man, resultId: 'N1', personId: 'N1', residentId: '430202197909090315' },
          { ...man, resultId: 'N2', personId: 'N2', residentId: '430202197909090577' },
        ]),
        sourceId: 'mpi-n',
      });
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'noid.csv',
        text: csv([{ ...man, resultId: 'N3', personId: 'N3', phone: '13655556666' }]),
        sourceId: 'mpi-n3',
      });
      const pairs = (await hub.data.mpi.listReviews(ctx, 'open', firstPage)).items.filter(
        (r) => r.record.recordKey === 'mpi-n3|N3',
      );
      expect(pairs.map((r) => r.candidate.recordKey).sort()).toEqual(['mpi-n|N1', 'mpi-n|N2']);
      const toN2 = pairs.find((r) => r.candidate.recordKey === 'mpi-n|N2')!;
      const toN1 = pairs.find((r) => r.candidate.recordKey === 'mpi-n|N1')!;

      const decided = await hub.data.mpi.decideReview(ctx, toN2.id, { decision: 'merge' });
      expect((await hub.data.mpi.getReview(ctx, toN1.id)).status).toBe('superseded');
      await hub.data.mpi.unmerge(ctx, decided.mergeId!, 'not him');
      expect((await hub.data.mpi.getReview(ctx, toN1.id)).status).toBe('open');
    });
  },
  { migrations: hubTestMigrations },
);
