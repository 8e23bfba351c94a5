/**
 * Patient → PersonRecord: identifiers normalised per system (an invalid resident ID is kept as untrusted
 * with a warning), the official name, gender, birth date, a mobile phone in E.164, address and area code.
 */
import {
  defaultIdentifierSystems,
  normaliseIdentifier,
  sourceRecordSystem,
} from '../identifiers/identifier-systems.js';
import { normaliseMainlandMobile } from '../identifiers/phone.js';
import type { PersonRecord, Sex } from '../records.js';
import { FhirReader, type Json } from './fhir-reader.js';
import {
  checkResourceBase,
  checkResourceType,
  readAddress,
  rejected,
  result,
  type FhirValidation,
  type FhirValidationContext,
} from './resource-base.js';
import { coded } from '../reasons.js';

const elements = [
  'identifier',
  'active',
  'name',
  'telecom',
  'gender',
  'birthDate',
  'deceasedBoolean',
  'deceasedDateTime',
  'address',
  'maritalStatus',
  'multipleBirthBoolean',
  'multipleBirthInteger',
  'photo',
  'contact',
  'communication',
  'generalPractitioner',
  'managingOrganization',
  'link',
];

export function validatePatient(
  resource: unknown,
  context: FhirValidationContext,
): FhirValidation<PersonRecord> {
  const reader = new FhirReader(context.zoneOffsetMinutes);
  if (!checkResourceType(reader, resource, 'Patient')) return rejected(reader);
  checkResourceBase(reader, resource, 'Patient', elements);
  const systems = context.systems ?? defaultIdentifierSystems;
  const ownSystem = sourceRecordSystem(context.sourceId, systems);

  const person: PersonRecord = { kind: 'person', identifiers: [], invalidIdentifiers: [] };
  reader.array(resource.identifier, 'Patient.identifier').forEach((item, k) => {
    const path = `Patient.identifier[${k}]`;
    const identifier = reader.identifier(item, path);
    if (!identifier) return;
    const normalised = normaliseIdentifier(identifier, systems);
    if (normalised.valid) person.identifiers.push(normalised.identifier);
    else {
      person.invalidIdentifiers.push({
        identifier: normalised.identifier,
        problem: normalised.problem ?? 'invalid',
      });
      reader.warning(
        `${path}.value`,
        'value',
        // The coded problem, never the checker's text: that quotes digits of the number.
        coded('identifier-kept-invalid', { problem: normalised.problemReason?.reason ?? 'invalid' }),
      );
    }
  });
  const own = person.identifiers.find((i) => i.system === ownSystem);
  const sourceRecordId = own?.value ?? (typeof resource.id === 'string' ? resource.id : undefined);
  if (sourceRecordId !== undefined) person.sourceRecordId = sourceRecordId;

  const name = officialName(reader, resource);
  if (name !== undefined) person.name = name;
  if (resource.identifier === undefined && resource.name === undefined) {
    reader.error('Patient', 'required', coded('patient-identity'));
  }
  const gender = reader.code(resource.gender, 'Patient.gender', ['male', 'female', 'other', 'unknown']);
  if (gender !== undefined) person.sex = gender as Sex;
  const birthDate = reader.date(resource.birthDate, 'Patient.birthDate');
  if (birthDate !== undefined) person.birthDate = birthDate;

  reader.array(resource.telecom, 'Patient.telecom').forEach((item, k) => {
    const telecom = reader.object(item, `Patient.telecom[${k}]`);
    if (!telecom || person.phone !== undefined) return;
    const system = reader.code(telecom.system, `Patient.telecom[${k}].system`, [
      'phone',
      'fax',
      'email',
      'pager',
      'url',
      'sms',
      'other',
    ]);
    const value = reader.string(telecom.value, `Patient.telecom[${k}].value`);
    if ((system === 'phone' || system === 'sms') && value !== undefined)
      person.phone = normaliseMainlandMobile(value) ?? value.trim();
  });
  const addresses = reader.array(resource.address, 'Patient.address');
  const address = addresses.length > 0 ? readAddress(reader, addresses[0], 'Patient.address[0]') : undefined;
  if (address?.text) person.address = address.text;
  if (address?.areaCode) person.areaCode = address.areaCode;
  return result(reader, person);
}

/**
 * The name to link on: `use: official` first, else the first. Han names are family + given without spaces
 * (张晓明); Latin names are written `Family, Given` so the family name stays recognisable.
 */
function officialName(reader: FhirReader, resource: Json): string | undefined {
  const names = reader
    .array(resource.name, 'Patient.name')
    .map((item, k) => ({ k, name: reader.object(item, `Patient.name[${k}]`) }));
  const chosen = names.find((n) => n.name?.use === 'official') ?? names[0];
  if (!chosen?.name) return undefined;
  const path = `Patient.name[${chosen.k}]`;
  const text = reader.string(chosen.name.text, `${path}.text`);
  const family = reader.string(chosen.name.family, `${path}.family`);
  const given = reader
    .array(chosen.name.given, `${path}.given`)
    .flatMap((g, k) => reader.string(g, `${path}.given[${k}]`) ?? []);
  if (family === undefined && given.length === 0) return text;
  const han = /\p{Script=Han}/u.test(`${family ?? ''}${given.join('')}`);
  if (han) return `${family ?? ''}${given.join('')}`;
  return family === undefined
    ? given.join(' ')
    : given.length === 0
      ? family
      : `${family}, ${given.join(' ')}`;
}
