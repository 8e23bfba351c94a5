import { describe, expect, it } from 'vitest';
import { areaScopePrefix, isWithinArea, roleHas, roleMayDeclare, rolePolicies } from './access.js';
import { roles } from './roles.js';

describe('area scope', () => {
  it('nests GB/T 2260 codes by prefix', () => {
    expect(isWithinArea('430202001001', '4302')).toBe(true);
    expect(isWithinArea('430211000000', '430202')).toBe(false);
    expect(isWithinArea(null, '4302')).toBe(false);
    expect(isWithinArea(null, null)).toBe(true);
  });

  it('treats a 12-digit street code as the prefix of its communities', () => {
    expect(areaScopePrefix('430202001000')).toBe('430202001');
    expect(isWithinArea('430202001001', '430202001000')).toBe(true);
    expect(isWithinArea('430202002001', '430202001000')).toBe(false);
  });
});

describe('role policy', () => {
  it('grants the audit trail to auditors only among non-admins', () => {
    expect(roleHas('auditor', 'audit:read')).toBe(true);
    expect(roleHas('epidemiologist', 'audit:read')).toBe(false);
    expect(roleMayDeclare('epidemiologist', 'contact_tracing')).toBe(true);
    expect(roleMayDeclare('citizen', 'contact_tracing')).toBe(false);
  });
});

describe('a data source reading back what it submitted', () => {
  it('is the only role that reads submissions, and gains nothing that reads other data', () => {
    expect(roles.filter((r) => roleHas(r, 'submissions:read'))).toEqual(['data_source']);
    expect(rolePolicies.data_source.permissions).toEqual(
      expect.not.arrayContaining(['persons:read', 'sources:read', 'sharing:read', 'tracing:read']),
    );
    expect(rolePolicies.data_source.purposes).toEqual(['data_submission']);
  });
});
