import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeResidentId } from '../identifiers/resident-id.js';
import {
  comparisonPattern,
  fieldComparators,
  fieldLevels,
  linkageFields,
  unpackPattern,
  type LinkageField,
} from './field-comparisons.js';
import { LinkageTable, type LinkageRecord } from './linkage-record.js';

function levelOf(field: LinkageField, a: Partial<LinkageRecord>, b: Partial<LinkageRecord>): string {
  const table = new LinkageTable();
  table.add({ recordKey: 'a', sourceId: 's', ...a });
  table.add({ recordKey: 'b', sourceId: 's', ...b });
  return fieldLevels[field][fieldComparators[field](table, 0, 1)]!;
}

const id = composeResidentId('430202', '1985-03-12', '123');

describe('field comparisons', () => {
  it('grades names: exact, homophone or transliteration, near spelling, other', () => {
    expect(levelOf('name', { name: '张小明' }, { name: '张小明' })).toBe('exact');
    expect(levelOf('name', { name: '张小明' }, { name: '张晓明' })).toBe('phonetic');
    expect(levelOf('name', { name: '张小明' }, { name: 'Xiaoming ZHANG' })).toBe('phonetic');
    expect(levelOf('name', { name: '张小明' }, { name: '张小民' })).toBe('typo'); // ming / min
    expect(levelOf('name', { name: '王思雨' }, { name: '王思远' })).toBe('disagree'); // siblings, not a slip
    expect(levelOf('name', { name: 'Zhang Xiaoming' }, { name: 'Zhang Xiaomin' })).toBe('typo');
    expect(levelOf('name', { name: '张伟' }, { name: '张娜' })).toBe('disagree');
    expect(levelOf('name', { name: '张林' }, { name: '林张' })).toBe('disagree');
    expect(levelOf('name', { name: '张林' }, {})).toBe('missing');
  });

  it('grades birth dates: exact, one slip (digit, transposition, day and month swapped), other', () => {
    expect(levelOf('birthDate', { birthDate: '1985-03-12' }, { birthDate: '1985-03-12' })).toBe('exact');
    expect(levelOf('birthDate', { birthDate: '1985-03-12' }, { birthDate: '1985-03-13' })).toBe('typo');
    expect(levelOf('birthDate', { birthDate: '1985-03-12' }, { birthDate: '1958-03-12' })).toBe('typo');
    expect(levelOf('birthDate', { birthDate: '1985-03-12' }, { birthDate: '1985-12-03' })).toBe('typo');
    expect(levelOf('birthDate', { birthDate: '1985-03-12' }, { birthDate: '1991-07-30' })).toBe('disagree');
  });

  it('reads birth date and sex from a valid resident ID when the record lacks them', () => {
    expect(levelOf('birthDate', { residentId: id }, { birthDate: '1985-03-12' })).toBe('exact');
    expect(levelOf('sex', { residentId: id }, { sex: 'female' })).toBe('disagree');
  });

  it('grades phones: exact, one digit off, other — in any spelling', () => {
    expect(levelOf('phone', { phone: '138 1234 5678' }, { phone: '+8613812345678' })).toBe('exact');
    expect(levelOf('phone', { phone: '13812345678' }, { phone: '13812345687' })).toBe('typo');
    expect(levelOf('phone', { phone: '13812345678' }, { phone: '13912345699' })).toBe('disagree');
  });

  it('grades areas: same address, same county, same city, other', () => {
    expect(
      levelOf(
        'area',
        { address: '芦淞区 建设路 12 号', areaCode: '430203' },
        { address: '芦淞区建设路12号' },
      ),
    ).toBe('address');
    expect(levelOf('area', { areaCode: '430203' }, { areaCode: '430203001' })).toBe('county');
    expect(levelOf('area', { areaCode: '430203' }, { areaCode: '430211' })).toBe('city');
    expect(levelOf('area', { areaCode: '430203' }, { areaCode: '110105' })).toBe('disagree');
  });

  it('grades documents: the same valid number, one slip, other', () => {
    const slipped = id.slice(0, 10) + id[11] + id[10] + id.slice(12);
    expect(levelOf('document', { residentId: id }, { residentId: id.toLowerCase() })).toBe('exact');
    expect(levelOf('document', { residentId: id }, { residentId: slipped })).toBe('near');
    expect(levelOf('document', { passport: 'CHN:E12345678' }, { passport: 'cn e12345678' })).toBe('exact');
    expect(levelOf('document', { passport: 'CHN:E12345678' }, { passport: 'CHN:E12345679' })).toBe('near');
    expect(levelOf('document', { passport: 'CHN:E12345678' }, { passport: 'CHM:E12345678' })).toBe('near');
    expect(
      levelOf('document', { residentId: '000000000000000000' }, { residentId: '000000000000000000' }),
    ).toBe('missing');
    expect(
      levelOf(
        'document',
        { residentId: id },
        { residentId: composeResidentId('110105', '1990-01-01', '001') },
      ),
    ).toBe('disagree');
  });

  const record = fc.record(
    {
      name: fc.constantFrom(
        '张小明',
        '张晓明',
        'ZHANG Xiaoming',
        'Xiaoming Zhang',
        '王芳',
        'Wang Fang',
        '欧阳娜娜',
        'Li Lei',
      ),
      sex: fc.constantFrom('male' as const, 'female' as const),
      birthDate: fc.constantFrom('1985-03-12', '1985-12-03', '1985-03-13', '1958-03-12'),
      phone: fc.constantFrom('13812345678', '13812345687', '13912345678'),
      areaCode: fc.constantFrom('430203', '430211', '110105'),
      residentId: fc.constantFrom(
        id,
        id.slice(0, 17) + '0',
        composeResidentId('430211', '1985-03-12', '124'),
      ),
    },
    { requiredKeys: [] },
  );

  it('is symmetric for every field', () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        const table = new LinkageTable();
        table.add({ recordKey: 'a', sourceId: 's', ...a });
        table.add({ recordKey: 'b', sourceId: 's', ...b });
        expect(comparisonPattern(table, 0, 1)).toBe(comparisonPattern(table, 1, 0));
      }),
    );
  });

  it('packs and unpacks every field level', () => {
    const table = new LinkageTable();
    table.add({
      recordKey: 'a',
      sourceId: 's',
      name: '张小明',
      birthDate: '1985-03-12',
      phone: '13812345678',
    });
    table.add({ recordKey: 'b', sourceId: 's', name: '张晓明', birthDate: '1985-12-03', areaCode: '430203' });
    const levels = unpackPattern(comparisonPattern(table, 0, 1)).map(
      (level, k) => fieldLevels[linkageFields[k]!][level],
    );
    expect(levels).toEqual(['phonetic', 'typo', 'missing', 'missing', 'missing', 'missing']);
  });
});
