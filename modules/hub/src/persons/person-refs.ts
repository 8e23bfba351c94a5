/**
 * How an imported `person_id` is read (pure). It may be a platform person id (`per_…`), a resident ID
 * number, `passport:COUNTRY:NUMBER`, or any identifier a source uses; ids are kept exactly as imported.
 */
import { validResidentId } from '../core/identifiers/resident-id.js';

export const IMPORTED_ID_SYSTEM = 'urn:shuzhi:id:import';
export const RESIDENT_ID_SYSTEM = 'urn:shuzhi:id:cn-resident';
export const PASSPORT_SYSTEM = 'urn:shuzhi:id:passport';

/** Identifier systems in the order a lookup by bare value prefers them. */
export const systemPreference = [RESIDENT_ID_SYSTEM, PASSPORT_SYSTEM, IMPORTED_ID_SYSTEM];

export interface RefIdentifier {
  system: string;
  value: string;
}

/** The identifier a new person gets when an unknown ref is imported. */
export function identifierForNewRef(ref: string): RefIdentifier {
  const residentId = /^\d{17}[\dXx]$/.test(ref) ? validResidentId(ref) : null;
  if (residentId) return { system: RESIDENT_ID_SYSTEM, value: residentId };
  const passport = /^passport:([A-Za-z]{2,3}:[A-Za-z0-9]+)$/.exec(ref);
  if (passport) return { system: PASSPORT_SYSTEM, value: passport[1]!.toUpperCase() };
  return { system: IMPORTED_ID_SYSTEM, value: ref };
}

/** The values under which a ref may already be known. */
export function lookupValuesOf(ref: string): string[] {
  const own = identifierForNewRef(ref);
  return own.value === ref ? [ref] : [ref, own.value];
}
