/** Turns a normalised PersonRecord (from FHIR or CSV) into the record linkage compares. */
import { defaultIdentifierSystems, type IdentifierSystems } from '../identifiers/identifier-systems.js';
import type { PersonRecord } from '../records.js';
import { sourceRecordKey, type LinkageRecord } from './linkage-record.js';

/**
 * The linkage record of a person record from `sourceId`. Its key is `sourceRecordKey(sourceId,
 * person.sourceRecordId)`; untrusted identifiers (a resident ID failing its check digit) are passed too,
 * because linkage compares them as near matches but never links on them alone.
 */
export function toLinkageRecord(
  person: PersonRecord,
  sourceId: string,
  systems: IdentifierSystems = defaultIdentifierSystems,
): LinkageRecord {
  if (person.sourceRecordId === undefined)
    throw new Error('a person record needs a source record id to be linked');
  const value = (system: string) =>
    person.identifiers.find((i) => i.system === system)?.value ??
    person.invalidIdentifiers.find((i) => i.identifier.system === system)?.identifier.value;
  const record: LinkageRecord = { recordKey: sourceRecordKey(sourceId, person.sourceRecordId), sourceId };
  const residentId = value(systems.residentId);
  const passport = value(systems.passport);
  if (person.name !== undefined) record.name = person.name;
  if (person.sex !== undefined) record.sex = person.sex;
  if (person.birthDate !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(person.birthDate))
    record.birthDate = person.birthDate;
  if (person.phone !== undefined) record.phone = person.phone;
  if (person.areaCode !== undefined) record.areaCode = person.areaCode;
  if (person.address !== undefined) record.address = person.address;
  if (residentId !== undefined) record.residentId = residentId;
  if (passport !== undefined) record.passport = passport;
  return record;
}
