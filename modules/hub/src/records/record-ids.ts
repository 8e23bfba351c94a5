/**
 * Logical ids of stored records. FHIR ids are 1–64 characters of `[A-Za-z0-9\-.]` (R4 datatypes "id"), so the
 * platform's `prefix_random` ids do not fit; these use a hyphen. Records that came without a FHIR id (CSV rows)
 * get an id derived from their source and source record id, so a re-sent row maps to the same record.
 */
import { createHash } from 'node:crypto';
import { randomIdChars } from '@shuzhi/core';

/** A new random FHIR id such as `obs-7k2m…` (20 characters after the prefix, ~100 bits). */
export function newRecordId(prefix: string): string {
  return `${prefix}-${randomIdChars()}`;
}

/** The id of a record that has none of its own: stable for the same source, type and source record id. */
export function derivedRecordId(prefix: string, sourceId: string, sourceRecordId: string): string {
  const digest = createHash('sha256').update(`${sourceId}\u0000${sourceRecordId}`).digest('hex');
  return `${prefix}-${digest.slice(0, 32)}`;
}

/** Whether a string is a valid FHIR logical id. */
export function isFhirId(value: string): boolean {
  return /^[A-Za-z0-9\-.]{1,64}$/.test(value);
}
