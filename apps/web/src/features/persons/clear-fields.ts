/**
 * Which sensitive fields each role sees in clear (the server's `roleDisclosure`, kept equal by a test). The
 * server refuses a search or sort by a field the caller sees masked, so the page offers only the others.
 */
export type SensitiveField = 'identifiers' | 'phone' | 'name' | 'address' | 'birth_date';

export const clearFieldsByRole: Readonly<Record<string, readonly SensitiveField[]>> = {
  citizen: [],
  grid_worker: ['name', 'phone', 'address'],
  venue_operator: [],
  data_source: [],
  port_staff: ['identifiers', 'name', 'phone', 'birth_date', 'address'],
  epidemiologist: ['identifiers', 'name', 'phone', 'birth_date', 'address'],
  analyst: [],
  admin: [],
  auditor: [],
};

/** Whether a user of `role` sees `field` in clear (an unknown role: no). */
export function seesInClear(role: string | undefined, field: SensitiveField): boolean {
  return role !== undefined && (clearFieldsByRole[role] ?? []).includes(field);
}
