import { describe, expect, it } from 'vitest';
import { composeResidentId } from '../core/index.js';
import { confirmedGolden, goldenOf, type GoldenSource } from './golden-record.js';

/** A woman's valid resident ID with this birth date (sequence 124: an even sex digit). */
const womanBornOn = (birthDate: string) => composeResidentId('430202', birthDate, '124');

describe('golden record survivorship', () => {
  it('shows the birth date most records state, not the newest one', () => {
    const golden = goldenOf([
      { birthDate: '1985-03-14' },
      { birthDate: '1985-03-14' },
      { birthDate: '1985-08-14' },
    ]);
    expect(golden.birth_date).toBe('1985-03-14');
  });

  it('gives a tie to the value stated most recently', () => {
    expect(goldenOf([{ birthDate: '1985-03-14' }, { birthDate: '1985-08-14' }]).birth_date).toBe(
      '1985-08-14',
    );
    const restated = goldenOf([
      { name: '王芳' },
      { name: '王方' },
      { name: '王方' },
      { name: '王芳' },
      { name: '王芳' },
      { name: '王方' },
    ]);
    expect(restated.name).toBe('王方');
  });

  it('prefers a birth date and sex that agree with a valid resident ID over the majority', () => {
    const id = womanBornOn('1985-08-14');
    const golden = goldenOf([
      { birthDate: '1985-08-14', sex: 'female', residentId: id },
      { birthDate: '1985-03-14', sex: 'male' },
      { birthDate: '1985-03-14', sex: 'male' },
    ]);
    expect(golden).toMatchObject({ birth_date: '1985-08-14', sex: 'female' });
  });

  it('counts the majority when no stated value agrees with the ID, and takes the ID when none is stated', () => {
    const id = womanBornOn('1985-08-14');
    expect(
      goldenOf([
        { birthDate: '1985-03-14' },
        { birthDate: '1985-03-14' },
        { birthDate: '1985-03-15', residentId: id },
      ]).birth_date,
    ).toBe('1985-03-14');
    expect(goldenOf([{ name: '王芳', residentId: id }])).toMatchObject({
      birth_date: '1985-08-14',
      sex: 'female',
    });
  });

  it('ignores an invalid resident ID', () => {
    const id = womanBornOn('1985-08-14');
    // Another check character: the number fails its check (GB 11643 §5.4).
    const mistyped = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
    const golden = goldenOf([
      { birthDate: '1985-03-14' },
      { birthDate: '1985-03-14' },
      { birthDate: '1985-08-14', residentId: mistyped },
    ]);
    expect(golden.birth_date).toBe('1985-03-14');
  });

  it('lets two agreeing names outvote a typo or a pinyin spelling, counting case, width and spaces as one name', () => {
    expect(
      goldenOf([{ name: '李建国' }, { name: 'Li Jianguo' }, { name: '李建国' }, { name: '李建囯' }]).name,
    ).toBe('李建国');
    // Two spellings of one pinyin name count together; the newest spelling is shown.
    expect(goldenOf([{ name: 'Li Jianguo' }, { name: '李建囯' }, { name: 'LI JIANGUO' }]).name).toBe(
      'LI JIANGUO',
    );
  });

  it('files the person under the newest stated area, however many records name the old one', () => {
    const golden = goldenOf([
      { areaCode: '430202' },
      { areaCode: '430202' },
      { areaCode: '430211' },
      { areaCode: null, name: '王芳' },
    ]);
    expect(golden.area_code).toBe('430211');
  });
});

describe('golden record on ingest (confirmedGolden)', () => {
  const shown = { name: '王芳', sex: 'female', birth_date: '1985-03-14', area_code: '430202' };

  it('takes newer records that agree, with their area and spelling, without a recount', () => {
    expect(confirmedGolden(shown, [{ name: ' 王芳', birthDate: '1985-03-14', areaCode: '430211' }])).toEqual({
      ...shown,
      name: ' 王芳',
      area_code: '430211',
    });
    expect(
      confirmedGolden({ ...shown, birth_date: null }, [{ residentId: womanBornOn('1985-08-14') }]),
    ).toEqual({ ...shown, birth_date: '1985-08-14' });
  });

  it('asks for a recount when a newer record disagrees, or holds an ID that does', () => {
    expect(confirmedGolden(shown, [{ birthDate: '1985-08-14' }])).toBeUndefined();
    expect(confirmedGolden(shown, [{ name: '王芳' }, { name: '汪芳' }])).toBeUndefined();
    expect(confirmedGolden(shown, [{ residentId: womanBornOn('1985-08-14') }])).toBeUndefined();
  });

  it('agrees with the full count whenever it answers', () => {
    // Every sequence of up to four records over two values per field: where the cheap path answers after the
    // last record, it answers what counting all of them does.
    const values: GoldenSource[] = [
      { name: '王芳', birthDate: '1985-03-14', sex: 'female' },
      { name: '汪芳', birthDate: '1985-08-14', sex: 'male' },
      { name: '王芳', residentId: womanBornOn('1985-08-14') },
      { birthDate: '1985-03-14', areaCode: '430211' },
    ];
    const sequences: GoldenSource[][] = [[]];
    for (let length = 0; length < 4; length++)
      for (const sequence of [...sequences])
        if (sequence.length === length) for (const v of values) sequences.push([...sequence, v]);
    let answered = 0;
    for (const sequence of sequences.filter((s) => s.length > 0)) {
      const confirmed = confirmedGolden(goldenOf(sequence.slice(0, -1)), sequence.slice(-1));
      if (confirmed === undefined) continue;
      answered++;
      expect(confirmed).toEqual(goldenOf(sequence));
    }
    expect(answered).toBeGreaterThan(20);
    // One record is shown as it is (the short path), as counting it with a record that states nothing shows it.
    for (const value of values) expect(goldenOf([value])).toEqual(goldenOf([value, {}]));
  });
});
