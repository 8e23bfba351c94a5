import { describe, expect, it } from 'vitest';
import { composeResidentId } from '../identifiers/resident-id.js';
import { generateDirtyRecords } from './dirty-records.js';
import { scoreLinkage } from './linkage-evaluation.js';
import type { LinkageRecord } from './linkage-record.js';
import { createPersonIndex, matchRecord, PersonIndex } from './person-index.js';

const idA = composeResidentId('430202', '1985-03-12', '123');
const idB = composeResidentId('430211', '1985-03-12', '125');
const zhang: LinkageRecord = {
  recordKey: 'hospital|1',
  sourceId: 'hospital',
  name: '张晓明',
  sex: 'male',
  birthDate: '1985-03-12',
  phone: '13812345678',
  areaCode: '430203',
  residentId: idA,
};

function townIndex(): PersonIndex {
  const town = generateDirtyRecords({ records: 2000, seed: 21 });
  return createPersonIndex(
    town.records.map((record) => ({ personId: town.truth.get(record.recordKey)!, records: [record] })),
    { populationSize: 100_000 },
  );
}

describe('incremental person index', () => {
  it('links a record to the person holding its valid resident ID', () => {
    const index = townIndex();
    index.add(zhang, 'person-1');
    expect(
      matchRecord(index, { recordKey: 'lab|9', sourceId: 'lab', name: 'ZHANG Xiaoming', residentId: idA }),
    ).toEqual({
      outcome: 'link',
      personId: 'person-1',
      via: 'resident-id',
    });
  });

  it('links a record without an ID on name, birth date and phone, and explains the link', () => {
    const index = townIndex();
    index.add(zhang, 'person-1');
    const decision = index.match({
      recordKey: 'lab|9',
      sourceId: 'lab',
      name: '张小明',
      birthDate: '1985-03-12',
      phone: '138-1234-5678',
    });
    expect(decision).toMatchObject({ outcome: 'link', personId: 'person-1', via: 'probabilistic' });
    if (decision.outcome === 'link' && decision.via === 'probabilistic') {
      expect(decision.candidate.explanation.fields.find((f) => f.field === 'name')).toMatchObject({
        level: 'phonetic',
        left: '张小明',
        right: '张晓明',
      });
    }
  });

  it('sends a name-only match to review and a stranger to a new person', () => {
    const index = townIndex();
    index.add(zhang, 'person-1');
    expect(
      index.match({ recordKey: 'lab|9', sourceId: 'lab', name: '张晓明', sex: 'male', areaCode: '430203' })
        .outcome,
    ).toBe('review');
    expect(
      index.match({ recordKey: 'lab|10', sourceId: 'lab', name: '欧阳娜娜', birthDate: '1970-01-01' })
        .outcome,
    ).toBe('new');
  });

  it('never proposes a person whose resident ID differs from the record’s', () => {
    const index = townIndex();
    index.add(zhang, 'person-1');
    const decision = index.match({ ...zhang, recordKey: 'lab|9', residentId: idB });
    expect(decision.outcome).toBe('new');
    expect(decision.outcome === 'new' && decision.candidates.some((c) => c.personId === 'person-1')).toBe(
      false,
    );
    expect(() => index.add({ ...zhang, recordKey: 'lab|9', residentId: idB }, 'person-1')).toThrow(
      /another resident ID/,
    );
  });

  it('knows a re-sent record and leaves the index unchanged by matching', () => {
    const index = townIndex();
    index.add(zhang, 'person-1');
    const size = index.size;
    expect(index.match(zhang)).toEqual({ outcome: 'known', personId: 'person-1' });
    index.match({ ...zhang, recordKey: 'lab|9' });
    expect(index.size).toBe(size);
  });

  it('moves records between persons for merge and unmerge, keeping identifiers right', () => {
    const index = new PersonIndex();
    index.add(zhang, 'person-1');
    index.add({ recordKey: 'lab|2', sourceId: 'lab', name: '张晓明', birthDate: '1985-03-12' }, 'person-2');
    index.assign('lab|2', 'person-1');
    expect(index.recordsOf('person-1').sort()).toEqual(['hospital|1', 'lab|2']);
    index.assign('hospital|1', 'person-3');
    expect(index.match({ recordKey: 'cdc|5', sourceId: 'cdc', residentId: idA })).toMatchObject({
      personId: 'person-3',
    });
  });

  it('links arriving records about as well as batch linkage', () => {
    const data = generateDirtyRecords({ records: 5000, seed: 4 });
    const index = new PersonIndex({ populationSize: data.records.length });
    let next = 0;
    for (const record of data.records) {
      const decision = index.match(record);
      // A record held back from the holder of its ID (review) is a new person holding that ID too.
      if (decision.outcome === 'link') index.add(record, decision.personId);
      else index.load(record, `new-${next++}`);
    }
    const clusters = new Map<string, string[]>();
    for (const record of data.records) {
      const person = index.personOf(record.recordKey)!;
      clusters.set(person, [...(clusters.get(person) ?? []), record.recordKey]);
    }
    const scores = scoreLinkage(
      [...clusters.values()].map((recordKeys) => ({ recordKeys })),
      data.truth,
    );
    expect(scores.pairwise.precision).toBeGreaterThanOrEqual(0.995);
    expect(scores.pairwise.recall).toBeGreaterThanOrEqual(0.97);
  });
});

describe('stored links after a split', () => {
  // A record carried an ID typed from a relative and was split off: two persons now hold idA.
  const split: LinkageRecord = { ...zhang, recordKey: 'lab|2', name: '张晓红', sex: 'female' };

  it('loads both persons holding one resident ID, in any order, and keeps the ID with the first', () => {
    for (const order of [
      [zhang, split],
      [split, zhang],
    ]) {
      const index = new PersonIndex();
      const owners = new Map([
        [zhang.recordKey, 'person-1'],
        [split.recordKey, 'person-2'],
      ]);
      for (const record of order) index.load(record, owners.get(record.recordKey)!);
      expect(index.personOf('lab|2')).toBe('person-2');
      expect(matchRecord(index, { recordKey: 'cdc|1', sourceId: 'cdc', residentId: idA })).toMatchObject({
        outcome: 'link',
        personId: owners.get(order[0]!.recordKey),
      });
    }
  });

  it('lets either person holding the ID take a new record with it, and no one else', () => {
    const index = new PersonIndex();
    index.load(split, 'person-2');
    index.load(zhang, 'person-1');
    index.add({ recordKey: 'cdc|1', sourceId: 'cdc', residentId: idA }, 'person-1');
    index.add({ recordKey: 'cdc|2', sourceId: 'cdc', residentId: idA }, 'person-2');
    expect(() => index.add({ recordKey: 'cdc|3', sourceId: 'cdc', residentId: idA }, 'person-3')).toThrow(
      /another resident ID/,
    );
    expect(() => index.add({ recordKey: 'cdc|4', sourceId: 'cdc', residentId: idB }, 'person-1')).toThrow(
      /another resident ID/,
    );
  });
});

describe('a valid resident ID the rest of the record does not agree with', () => {
  // idA encodes 1985-03-12 and a man (sequence 123: odd sex digit).
  const holder = (): PersonIndex => {
    const index = townIndex();
    index.add(zhang, 'person-1');
    return index;
  };

  it('goes to review with the holder first when the name is wholly unlike the holder’s', () => {
    const decision = holder().match({
      recordKey: 'lab|1',
      sourceId: 'lab',
      name: '欧阳娜娜',
      residentId: idA,
    });
    expect(decision).toMatchObject({
      outcome: 'review',
      reasons: ['name-unlike-id-holder'],
      candidates: [{ personId: 'person-1', recordKey: 'hospital|1' }],
    });
    if (decision.outcome === 'review')
      expect(decision.candidates[0]!.explanation.reasons).toEqual(['name-unlike-id-holder']);
  });

  it('goes to review when a wholly other birth date contradicts the ID, or the sex does and the name differs', () => {
    const index = holder();
    const otherBirth = index.match({
      recordKey: 'lab|3',
      sourceId: 'lab',
      name: '张晓明',
      birthDate: '1979-10-30',
      residentId: idA,
    });
    expect(otherBirth).toMatchObject({ outcome: 'review', reasons: ['birth-date-contradicts-id'] });
    const both = index.match({
      recordKey: 'lab|4',
      sourceId: 'lab',
      name: '刘芳',
      sex: 'female',
      residentId: idA,
    });
    expect(both).toMatchObject({
      outcome: 'review',
      reasons: ['sex-contradicts-id', 'name-unlike-id-holder'],
    });
  });

  it('links a slip in the birth date or the sex (the name agrees) as a probabilistic match, not on the ID', () => {
    expect(
      holder().match({ recordKey: 'lab|2', sourceId: 'lab', name: '张晓明', sex: 'female', residentId: idA }),
    ).toMatchObject({ outcome: 'link', via: 'probabilistic', personId: 'person-1' });
    const decision = holder().match({
      recordKey: 'lab|5',
      sourceId: 'lab',
      name: 'ZHANG Xiaoming',
      birthDate: '1985-03-21',
      residentId: idA,
    });
    expect(decision).toMatchObject({ outcome: 'link', via: 'probabilistic', personId: 'person-1' });
    if (decision.outcome === 'link' && decision.via === 'probabilistic')
      expect(decision.candidate.explanation.reasons).toEqual(['birth-date-contradicts-id']);
  });

  it('still links on the ID alone when the record agrees with it', () => {
    expect(
      holder().match({ recordKey: 'lab|6', sourceId: 'lab', name: '張曉明', sex: 'male', residentId: idA }),
    ).toEqual({ outcome: 'link', personId: 'person-1', via: 'resident-id' });
  });
});

describe('a corrected record', () => {
  it('leaves the index with its old fields and comes back with its new ones', () => {
    const index = new PersonIndex();
    index.add(zhang, 'person-1');
    index.add({ ...zhang, recordKey: 'lab|2' }, 'person-1');
    index.remove('hospital|1');
    expect(index.personOf('hospital|1')).toBeUndefined();
    expect(index.recordsOf('person-1')).toEqual(['lab|2']);
    // The lab's record still holds idA; a record with idB is free to be someone else.
    expect(index.match({ ...zhang, residentId: idB }).outcome).not.toBe('link');
    index.load({ ...zhang, residentId: idB }, 'person-2');
    expect(index.match({ recordKey: 'cdc|1', sourceId: 'cdc', residentId: idB })).toMatchObject({
      outcome: 'link',
      personId: 'person-2',
    });
    expect(index.recordOf('hospital|1')?.residentId).toBe(idB);
    expect(index.scoreAgainst({ ...zhang, recordKey: 'x|1', residentId: idB }, 'person-1')).toBeUndefined();
  });
});
