import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeResidentId } from '../identifiers/resident-id.js';
import { generateDirtyRecords } from './dirty-records.js';
import { linkRecords } from './link-records.js';
import { scoreLinkage } from './linkage-evaluation.js';
import type { LinkageRecord } from './linkage-record.js';

const idA = composeResidentId('430202', '1985-03-12', '123');
const idB = composeResidentId('430211', '1985-03-12', '125');

function personsOf(records: LinkageRecord[], options = {}): string[][] {
  return linkRecords(records, options)
    .persons.map((p) => [...p.recordKeys].sort())
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

// A background population, so that the prior odds are those of a town rather than of three records.
const town = generateDirtyRecords({ records: 3000, seed: 11 }).records;

describe('batch record linkage', () => {
  it('links records sharing a valid resident ID whatever else differs', () => {
    const persons = personsOf([
      { recordKey: 'a', sourceId: 'lab', name: '张小明', residentId: idA },
      {
        recordKey: 'b',
        sourceId: 'cdc',
        name: 'ZHANG Xiaoming',
        residentId: idA.replace('X', 'x'),
        phone: '13900000000',
      },
    ]);
    expect(persons).toEqual([['a', 'b']]);
  });

  it('does not link on a resident ID that fails its check digit', () => {
    const broken = idA.slice(0, 17) + (idA[17] === '0' ? '1' : '0');
    const persons = personsOf([
      { recordKey: 'a', sourceId: 'lab', name: '张小明', residentId: broken },
      { recordKey: 'b', sourceId: 'cdc', name: '李娜', residentId: broken },
    ]);
    expect(persons).toHaveLength(2);
  });

  it('links a homophone, a pinyin transliteration and a date slip of the same person', () => {
    const person: LinkageRecord[] = [
      {
        recordKey: 'p1',
        sourceId: 'hospital',
        name: '欧阳晓明',
        sex: 'male',
        birthDate: '1985-03-12',
        phone: '13812345678',
        areaCode: '430203',
      },
      {
        recordKey: 'p2',
        sourceId: 'lab',
        name: '欧阳小明',
        sex: 'male',
        birthDate: '1985-03-12',
        phone: '13812345678',
      },
      {
        recordKey: 'p3',
        sourceId: 'port',
        name: 'OUYANG Xiaoming',
        birthDate: '1985-03-12',
        phone: '138 1234 5678',
      },
      {
        recordKey: 'p4',
        sourceId: 'pharmacy',
        name: '欧阳晓明',
        sex: 'male',
        birthDate: '1985-12-03',
        phone: '13812345678',
      },
    ];
    const result = linkRecords([...town, ...person]);
    const of = (key: string) =>
      result.personOfRecord[town.length + person.findIndex((r) => r.recordKey === key)];
    expect(new Set(['p1', 'p2', 'p3', 'p4'].map(of)).size).toBe(1);
  });

  it('keeps twins apart (same family, birth date, phone and address; other given names) and asks for review', () => {
    const twins: LinkageRecord[] = [
      {
        recordKey: 't1',
        sourceId: 'hospital',
        name: '王思雨',
        sex: 'female',
        birthDate: '2015-06-01',
        phone: '13812345678',
        address: '建设路12号',
      },
      {
        recordKey: 't2',
        sourceId: 'hospital',
        name: '王思远',
        sex: 'female',
        birthDate: '2015-06-01',
        phone: '13812345678',
        address: '建设路12号',
      },
    ];
    const result = linkRecords([...town, ...twins]);
    expect(result.personOfRecord[town.length]).not.toBe(result.personOfRecord[town.length + 1]);
    const review = result.reviewPairs.find((pair) => pair.recordKeys.includes('t1'));
    expect(review?.explanation.fields.find((f) => f.field === 'name')?.level).toBe('disagree');
    expect(review?.explanation.fields.find((f) => f.field === 'area')?.note).toMatch(/household/);
  });

  it('never puts two different valid resident IDs in one person, even through a chain of links', () => {
    const chain: LinkageRecord[] = [
      {
        recordKey: 'c1',
        sourceId: 'cdc',
        name: '李娜',
        sex: 'female',
        birthDate: '1985-03-12',
        phone: '13812345678',
        residentId: idA,
      },
      {
        recordKey: 'c2',
        sourceId: 'lab',
        name: '李娜',
        sex: 'female',
        birthDate: '1985-03-12',
        phone: '13812345678',
      },
      {
        recordKey: 'c3',
        sourceId: 'rail',
        name: '李娜',
        sex: 'female',
        birthDate: '1985-03-12',
        phone: '13812345678',
        residentId: idB,
      },
    ];
    const result = linkRecords([...town, ...chain]);
    const [p1, , p3] = [0, 1, 2].map((k) => result.personOfRecord[town.length + k]);
    expect(p1).not.toBe(p3);
    expect(result.stats.refusedForResidentIdConflict + result.stats.probabilisticLinks).toBeGreaterThan(0);
  });

  const record = fc.record({
    name: fc.constantFrom('张伟', '张玮', 'ZHANG Wei', '王芳', '李娜'),
    sex: fc.constantFrom('male' as const, 'female' as const),
    birthDate: fc.constantFrom('1985-03-12', '1985-12-03', '1990-01-01'),
    phone: fc.constantFrom('13812345678', '13812345687', '13900000000'),
    residentId: fc.option(fc.constantFrom(idA, idB, composeResidentId('430202', '1990-01-01', '002')), {
      nil: undefined,
    }),
  });

  it('never merges two different valid resident IDs, and gives the same result every run', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 2, maxLength: 12 }), (fields) => {
        const records = fields.map((f, k) => ({ recordKey: `r${k}`, sourceId: 's', ...f }));
        const first = linkRecords(records);
        for (const person of first.persons) {
          const ids = new Set(
            person.recordKeys
              .map((key) => records.find((r) => r.recordKey === key)!.residentId)
              .filter(Boolean),
          );
          expect(ids.size).toBeLessThanOrEqual(1);
        }
        expect(linkRecords(records).persons).toEqual(first.persons);
      }),
      { numRuns: 60 },
    );
  });

  it('scores a pair the same whichever record comes first', () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        const forward = linkRecords(
          [
            { recordKey: 'a', sourceId: 's', ...a },
            { recordKey: 'b', sourceId: 's', ...b },
          ],
          { maxReviewPairs: 1 },
        );
        const backward = linkRecords(
          [
            { recordKey: 'b', sourceId: 's', ...b },
            { recordKey: 'a', sourceId: 's', ...a },
          ],
          { maxReviewPairs: 1 },
        );
        expect(forward.reviewPairs[0]?.score).toBe(backward.reviewPairs[0]?.score);
        expect(forward.persons.length).toBe(backward.persons.length);
      }),
      { numRuns: 60 },
    );
  });

  it('reaches at least 99.5% pairwise precision and 98% recall on dirty synthetic records', () => {
    const data = generateDirtyRecords({ records: 6000, seed: 3 });
    const result = linkRecords(data.records);
    const scores = scoreLinkage(result.persons, data.truth);
    expect(scores.pairwise.precision).toBeGreaterThanOrEqual(0.995);
    expect(scores.pairwise.recall).toBeGreaterThanOrEqual(0.98);
    expect(result.stats.candidatePairs).toBeLessThan(data.records.length * 5);
  });
});
