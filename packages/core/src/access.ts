/**
 * Who may do what, and for which purposes: the policy table the request gatekeeper applies before any
 * handler runs (handlers never check permissions themselves). Permissions are coarse capabilities;
 * the area scope and the purpose of use narrow them further.
 */
import type { Purpose, Role } from './roles.js';

export const permissions = [
  'areas:read',
  'users:read',
  'users:manage',
  'audit:read',
  'sources:read',
  'sources:manage',
  'hub:submit',
  'imports:manage',
  'persons:read',
  /**
   * A data source reads back the records it submitted, and only those: the persons it sent records about,
   * as its records state them, and their timeline of its own records (never the golden record or another
   * source's data).
   */
  'submissions:read',
  'persons:merge',
  'sharing:read',
  'sharing:manage',
  'tracing:read',
  'tracing:manage',
  'surveillance:read',
  'alerts:triage',
  'dashboard:read',
  'healthcode:self',
  'healthcode:scan',
  'field:community',
  'field:port',
  'services:self',
  'services:manage',
] as const;
export type Permission = (typeof permissions)[number];

interface RolePolicy {
  permissions: readonly Permission[];
  /** Purposes this role may declare; the first is its default. */
  purposes: readonly Purpose[];
}

export const rolePolicies: Record<Role, RolePolicy> = {
  citizen: { permissions: ['healthcode:self', 'services:self'], purposes: ['self_service'] },
  grid_worker: {
    permissions: ['areas:read', 'persons:read', 'field:community', 'healthcode:scan', 'tracing:read'],
    purposes: ['community_management', 'quarantine_management', 'health_code'],
  },
  venue_operator: { permissions: ['healthcode:scan'], purposes: ['health_code'] },
  data_source: {
    permissions: ['hub:submit', 'imports:manage', 'areas:read', 'submissions:read'],
    purposes: ['data_submission'],
  },
  port_staff: {
    permissions: ['areas:read', 'persons:read', 'field:port', 'healthcode:scan'],
    purposes: ['port_health', 'quarantine_management', 'health_code'],
  },
  epidemiologist: {
    permissions: [
      'areas:read',
      'persons:read',
      'persons:merge',
      'imports:manage',
      'sources:read',
      'tracing:read',
      'tracing:manage',
      'surveillance:read',
      'alerts:triage',
      'dashboard:read',
    ],
    purposes: ['case_investigation', 'contact_tracing', 'surveillance', 'data_quality'],
  },
  analyst: {
    permissions: ['areas:read', 'sources:read', 'surveillance:read', 'dashboard:read', 'tracing:read'],
    purposes: ['surveillance'],
  },
  admin: {
    permissions: [
      'areas:read',
      'users:read',
      'users:manage',
      'sources:read',
      'sources:manage',
      'imports:manage',
      'persons:merge',
      'sharing:read',
      'sharing:manage',
      'dashboard:read',
      'audit:read',
      'services:manage',
    ],
    purposes: ['administration', 'data_quality'],
  },
  auditor: {
    permissions: ['areas:read', 'audit:read', 'sharing:read', 'users:read', 'sources:read'],
    purposes: ['audit'],
  },
};

export function roleHas(role: Role, permission: Permission): boolean {
  return rolePolicies[role].permissions.includes(permission);
}

export function defaultPurposeOf(role: Role): Purpose {
  const first = rolePolicies[role].purposes[0];
  if (!first) throw new Error(`role ${role} has no purpose`);
  return first;
}

export function roleMayDeclare(role: Role, purpose: Purpose): boolean {
  return rolePolicies[role].purposes.includes(purpose);
}

/**
 * The prefix that every area inside `code` starts with. GB/T 2260 codes nest by prefix (43 ⊃ 4302 ⊃
 * 430202); 12-digit street codes end in `000` (430202001000) and their communities replace those digits
 * (430202001001), so a street's scope prefix is its first nine digits.
 */
export function areaScopePrefix(code: string): string {
  return code.length === 12 && code.endsWith('000') ? code.slice(0, 9) : code;
}

/** Whether an area code lies within a scope (null scope = everywhere). */
export function isWithinArea(areaCode: string | null | undefined, scope: string | null): boolean {
  if (scope === null) return true;
  return typeof areaCode === 'string' && areaCode.startsWith(areaScopePrefix(scope));
}
