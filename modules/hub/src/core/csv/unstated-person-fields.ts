/**
 * What a CSV row says about a person its source sent before (same source record id): an empty cell says
 * nothing. A CSV cell cannot tell "none" from "not filled in" — a lab's export leaves the resident ID column
 * empty for a patient whose ID sits in another system — so a row over an earlier record keeps what it leaves
 * empty: a resident ID, a passport, a phone, an address. A value the row gives replaces the earlier one (a
 * corrected ID is a correction). Identifiers no CSV column expresses (a FHIR Patient's other systems) stay
 * too. Removing an identifier is not offered by CSV: a source sends the Patient over FHIR without it.
 */
import type { Identifier } from '../identifiers/identifier-systems.js';
import type { PersonRecord } from '../records.js';

/** The person fields a CSV row may leave empty (or, like nationality, cannot give in every template). */
const optionalFields = ['name', 'sex', 'birthDate', 'phone', 'areaCode', 'address', 'nationality'] as const;

/**
 * The row's person with what it leaves unstated taken from the earlier record. `sourceSystem` is the source's
 * own record system (`urn:shuzhi:source:{id}`): the row always names the record by it, so the earlier
 * record's other ids in that system are kept beside it, never replaced.
 */
export function keepUnstatedPersonFields(
  row: PersonRecord,
  earlier: PersonRecord,
  sourceSystem: string,
): PersonRecord {
  const stated = new Set(
    [...row.identifiers, ...row.invalidIdentifiers.map((i) => i.identifier)]
      .map((i) => i.system)
      .filter((system) => system !== sourceSystem),
  );
  const has = (list: readonly Identifier[], identifier: Identifier) =>
    list.some((i) => i.system === identifier.system && i.value === identifier.value);
  const identifiers = [
    ...row.identifiers,
    ...earlier.identifiers.filter((i) => !stated.has(i.system) && !has(row.identifiers, i)),
  ];
  const invalidIdentifiers = [
    ...row.invalidIdentifiers,
    ...earlier.invalidIdentifiers.filter(
      (i) =>
        !stated.has(i.identifier.system) &&
        !has(identifiers, i.identifier) &&
        !has(
          row.invalidIdentifiers.map((r) => r.identifier),
          i.identifier,
        ),
    ),
  ];
  const merged: PersonRecord = { ...row, identifiers, invalidIdentifiers };
  for (const field of optionalFields) {
    if (merged[field] === undefined && earlier[field] !== undefined)
      Object.assign(merged, { [field]: earlier[field] });
  }
  return merged;
}
