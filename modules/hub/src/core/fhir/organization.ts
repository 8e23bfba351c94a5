/** Organization → OrganizationRecord (hospitals, labs, clinics, pharmacies): name, identifiers, type, area. */
import { defaultIdentifierSystems, normaliseIdentifier } from '../identifiers/identifier-systems.js';
import type { OrganizationRecord } from '../records.js';
import { FhirReader } from './fhir-reader.js';
import { ownIdentifier } from './observation.js';
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
  'type',
  'name',
  'alias',
  'telecom',
  'address',
  'partOf',
  'contact',
  'endpoint',
];

export function validateOrganization(
  resource: unknown,
  context: FhirValidationContext,
): FhirValidation<OrganizationRecord> {
  const reader = new FhirReader(context.zoneOffsetMinutes);
  if (!checkResourceType(reader, resource, 'Organization')) return rejected(reader);
  checkResourceBase(reader, resource, 'Organization', elements);
  const systems = context.systems ?? defaultIdentifierSystems;
  const identifiers = reader
    .array(resource.identifier, 'Organization.identifier')
    .flatMap((item, k) => reader.identifier(item, `Organization.identifier[${k}]`) ?? [])
    .map((identifier) => normaliseIdentifier(identifier, systems).identifier);
  const name = reader.string(resource.name, 'Organization.name');
  if (name === undefined && resource.name === undefined)
    reader.error('Organization.name', 'required', coded('element-required', { element: 'name' }));
  const active = reader.boolean(resource.active, 'Organization.active') ?? true;
  const types = reader
    .array(resource.type, 'Organization.type')
    .map((t, k) => reader.codeableConcept(t, `Organization.type[${k}]`));
  const addresses = reader.array(resource.address, 'Organization.address');
  const address =
    addresses.length > 0 ? readAddress(reader, addresses[0], 'Organization.address[0]') : undefined;
  if (name === undefined) return rejected(reader);
  const record: OrganizationRecord = { kind: 'organization', name, identifiers, active };
  const own = ownIdentifier(resource, context);
  if (own !== undefined) record.sourceRecordId = own;
  const type = types[0]?.codings[0];
  if (type) record.type = type;
  if (address?.areaCode) record.areaCode = address.areaCode;
  return result(reader, record);
}
