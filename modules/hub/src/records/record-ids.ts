/**
 * Logical ids of stored records. FHIR ids are 1–64 characters of `[A-Za-z0-9\-.]` (R4 datatypes "id"), so the
 * platform's `prefix_random` ids do not fit; these use a hyphen. Records that came without a FHIR id (CSV rows)
 * get a random one too: a re-sent row finds its record by source and source record id, not by its id.
 */
import { randomIdChars } from '@shuzhi/core';

/** A new random FHIR id such as `obs-7k2m…` (20 characters after the prefix, ~100 bits). */
export function newRecordId(prefix: string): string {
  return `${prefix}-${randomIdChars()}`;
}

/**
 * Whether an id has the form of one the platform generates (`obs-` and 20 characters of the id alphabet). A data
 * source may not create a record under such an id: it reads other sources' records under those ids (ADR 0002),
 * and one of its own by the same name would make a reference it reads there look like one of its own.
 */
export function looksGenerated(id: string): boolean {
  return generatedForm.test(id);
}

const generatedForm = /^[a-z]+-[0-9a-kmnp-z]{20}$/;

/** Whether a string is a valid FHIR logical id. */
export function isFhirId(value: string): boolean {
  return /^[A-Za-z0-9\-.]{1,64}$/.test(value);
}
