import { describe, expect, it } from 'vitest';
import { areaScopePrefix, isWithinArea, roleHas, roleMayDeclare } from './access.js';

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
