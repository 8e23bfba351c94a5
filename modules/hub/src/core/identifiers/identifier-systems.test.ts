import { describe, expect, it } from 'vitest';
import {
  defaultIdentifierSystems,
  identifierKind,
  normaliseIdentifier,
  sourceIdOfSystem,
  sourceRecordSystem,
} from './identifier-systems.js';

describe('identifier systems', () => {
  it('builds and reads per-source systems', () => {
    expect(sourceRecordSystem('lab-7')).toBe('urn:shuzhi:source:lab-7');
    expect(sourceIdOfSystem('urn:shuzhi:source:lab-7')).toBe('lab-7');
    expect(sourceIdOfSystem('urn:shuzhi:source:')).toBeNull();
    expect(identifierKind('urn:shuzhi:id:passport')).toBe('passport');
    expect(identifierKind('http://example.org/mrn')).toBe('other');
  });

  it('follows a configured set of systems', () => {
    const systems = { ...defaultIdentifierSystems, residentId: 'urn:oid:2.16.156.10011.1.1' };
    expect(identifierKind('urn:oid:2.16.156.10011.1.1', systems)).toBe('resident-id');
    expect(identifierKind('urn:shuzhi:id:cn-resident', systems)).toBe('other');
  });

  it('normalises resident IDs and passports and keeps invalid ones with the problem named', () => {
    expect(normaliseIdentifier({ system: 'urn:shuzhi:id:cn-resident', value: '11010519491231002x' })).toEqual(
      {
        identifier: { system: 'urn:shuzhi:id:cn-resident', value: '11010519491231002X' },
        kind: 'resident-id',
        valid: true,
      },
    );
    expect(
      normaliseIdentifier({ system: 'urn:shuzhi:id:cn-resident', value: '110105194912310021' }),
    ).toMatchObject({
      valid: false,
      problem: 'check character is 1, expected X',
    });
    expect(
      normaliseIdentifier({ system: 'urn:shuzhi:id:passport', value: 'cn e12345678' }).identifier.value,
    ).toBe('CHN:E12345678');
  });
});
