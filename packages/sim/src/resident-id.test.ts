import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidResidentId,
  makeResidentId,
  readResidentId,
  residentIdCheckCharacter,
} from './resident-id.js';

const birthDate = fc
  .date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const areaCode = fc.constantFrom('430202', '430203', '430221', '430281', '110101', '440305');
const sex = fc.constantFrom<'male' | 'female'>('male', 'female');

describe('resident ID numbers (GB 11643)', () => {
  it('validates the published example 11010519491231002X', () => {
    // The example number of GB 11643-1999 Annex A: a woman born 1949-12-31 in Beijing's Chaoyang district.
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(readResidentId('11010519491231002X')).toEqual({
      areaCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('builds numbers that validate and read back', () => {
    fc.assert(
      fc.property(areaCode, birthDate, sex, fc.integer({ min: 0, max: 499 }), (area, date, s, n) => {
        const sequence = 2 * n + (s === 'male' ? 1 : 0);
        const id = makeResidentId(area, date, sequence, s);
        expect(id).toHaveLength(18);
        expect(isValidResidentId(id)).toBe(true);
        expect(readResidentId(id)).toEqual({ areaCode: area, birthDate: date, sex: s });
      }),
    );
  });

  it('rejects any single changed digit (MOD 11-2 detects all single substitutions)', () => {
    fc.assert(
      fc.property(
        birthDate,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (date, position, delta) => {
          const id = makeResidentId('430202', date, 101, 'male');
          const digit = (Number(id[position]) + delta) % 10;
          const changed = id.slice(0, position) + digit + id.slice(position + 1);
          expect(isValidResidentId(changed)).toBe(false);
        },
      ),
    );
  });

  it('rejects impossible birth dates and malformed text', () => {
    const body = '43020219990231123';
    expect(isValidResidentId(body + residentIdCheckCharacter(body))).toBe(false);
    expect(isValidResidentId('4302021999013112')).toBe(false);
    expect(isValidResidentId('43020219990131123x')).toBe(false);
  });

  it('refuses a sequence whose parity contradicts the sex', () => {
    expect(() => makeResidentId('430202', '1990-01-01', 2, 'male')).toThrow(/does not match/);
  });
});
