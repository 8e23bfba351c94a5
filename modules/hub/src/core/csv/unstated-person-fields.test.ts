/** What a CSV row's empty person cells leave of the record its source sent before. */
import { describe, expect, it } from 'vitest';
import type { PersonRecord } from '../records.js';
import { keepUnstatedPersonFields } from './unstated-person-fields.js';

const own = 'urn:shuzhi:source:lab-1';
const resident = 'urn:shuzhi:id:cn-resident';
const passport = 'urn:shuzhi:id:passport';

const earlier: PersonRecord = {
  kind: 'person',
  sourceRecordId: 'PAT-1',
  identifiers: [
    { system: own, value: 'PAT-1' },
    { system: own, value: 'OLD-MRN' },
    { system: resident, value: '430202198503121235' },
    { system: passport, value: 'CHN:E12345678' },
    { system: 'urn:hospital:mrn', value: 'MRN-77' },
  ],
  invalidIdentifiers: [],
  name: '张晓明',
  sex: 'male',
  birthDate: '1985-03-12',
  phone: '+8613812345678',
  address: '荷塘区新华路1号',
  nationality: 'CHN',
};

/** A row naming the person by its record id only, with the name the clerk typed. */
const bareRow: PersonRecord = {
  kind: 'person',
  sourceRecordId: 'PAT-1',
  identifiers: [{ system: own, value: 'PAT-1' }],
  invalidIdentifiers: [],
  name: '张晓明',
};

describe('a CSV row over an earlier person record', () => {
  it('keeps every identifier and field the row leaves empty', () => {
    const merged = keepUnstatedPersonFields(bareRow, earlier, own);
    expect(merged.identifiers).toEqual(expect.arrayContaining(earlier.identifiers));
    expect(merged.identifiers).toHaveLength(earlier.identifiers.length);
    expect(merged).toMatchObject({
      phone: '+8613812345678',
      sex: 'male',
      birthDate: '1985-03-12',
      address: '荷塘区新华路1号',
      nationality: 'CHN',
    });
  });

  it('takes what the row gives instead: a resident ID, a passport, a phone', () => {
    const row: PersonRecord = {
      ...bareRow,
      identifiers: [...bareRow.identifiers, { system: resident, value: '430202198503121251' }],
      phone: '+8613900000000',
    };
    const merged = keepUnstatedPersonFields(row, earlier, own);
    expect(merged.identifiers.filter((i) => i.system === resident)).toEqual([
      { system: resident, value: '430202198503121251' },
    ]);
    expect(merged.identifiers.filter((i) => i.system === passport)).toEqual([
      { system: passport, value: 'CHN:E12345678' },
    ]);
    expect(merged.phone).toBe('+8613900000000');
  });

  it('takes a resident ID failing its check digit as the row’s statement, kept apart as invalid', () => {
    const typo = { system: resident, value: '430202198503121230' };
    const row: PersonRecord = {
      ...bareRow,
      invalidIdentifiers: [{ identifier: typo, problem: 'check digit' }],
    };
    const merged = keepUnstatedPersonFields(row, earlier, own);
    expect(merged.identifiers.some((i) => i.system === resident)).toBe(false);
    expect(merged.invalidIdentifiers).toEqual([{ identifier: typo, problem: 'check digit' }]);
  });

  it('keeps an earlier ID failing its check digit when the row gives none', () => {
    const typo = { system: resident, value: '430202198503121230' };
    const before: PersonRecord = {
      ...earlier,
      identifiers: earlier.identifiers.filter((i) => i.system !== resident),
      invalidIdentifiers: [{ identifier: typo, problem: 'check digit' }],
    };
    expect(keepUnstatedPersonFields(bareRow, before, own).invalidIdentifiers).toEqual(
      before.invalidIdentifiers,
    );
  });

  it('is the earlier record itself when the row says nothing new', () => {
    const merged = keepUnstatedPersonFields(bareRow, earlier, own);
    expect(keepUnstatedPersonFields(bareRow, merged, own)).toEqual(merged);
  });
});
