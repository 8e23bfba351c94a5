/**
 * Roles and purposes of use shared by every module. A role says what kind of user someone is;
 * a purpose says why a particular read of personal data happens (MISSION B3: purpose-bound access).
 */

export const roles = [
  'citizen',
  'grid_worker',
  'venue_operator',
  'data_source',
  'port_staff',
  'epidemiologist',
  'analyst',
  'admin',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

export const purposes = [
  'case_investigation',
  'contact_tracing',
  'surveillance',
  'health_code',
  'quarantine_management',
  'community_management',
  'port_health',
  'data_submission',
  'data_quality',
  'self_service',
  'audit',
  'administration',
] as const;
export type Purpose = (typeof purposes)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function isPurpose(value: string): value is Purpose {
  return (purposes as readonly string[]).includes(value);
}
