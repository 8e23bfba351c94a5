/** Location → LocationRecord (testing sites, venues, wards): name, address and area, WGS84 position, managing organisation. */
import type { LocationRecord } from '../records.js';
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
  'status',
  'operationalStatus',
  'name',
  'alias',
  'description',
  'mode',
  'type',
  'telecom',
  'address',
  'physicalType',
  'position',
  'managingOrganization',
  'partOf',
  'hoursOfOperation',
  'availabilityExceptions',
  'endpoint',
];

export function validateLocation(
  resource: unknown,
  context: FhirValidationContext,
): FhirValidation<LocationRecord> {
  const reader = new FhirReader(context.zoneOffsetMinutes);
  if (!checkResourceType(reader, resource, 'Location')) return rejected(reader);
  checkResourceBase(reader, resource, 'Location', elements);
  reader.code(resource.status, 'Location.status', ['active', 'suspended', 'inactive']);
  const name = reader.string(resource.name, 'Location.name');
  if (resource.name === undefined)
    reader.error('Location.name', 'required', coded('element-required', { element: 'name' }));
  const address = readAddress(reader, resource.address, 'Location.address');
  const position = reader.object(resource.position, 'Location.position');
  let latitude: number | undefined;
  let longitude: number | undefined;
  if (position) {
    longitude = reader.decimal(position.longitude, 'Location.position.longitude');
    latitude = reader.decimal(position.latitude, 'Location.position.latitude');
    if (position.longitude === undefined)
      reader.error(
        'Location.position.longitude',
        'required',
        coded('element-required', { element: 'longitude' }),
      );
    if (position.latitude === undefined)
      reader.error(
        'Location.position.latitude',
        'required',
        coded('element-required', { element: 'latitude' }),
      );
    if (longitude !== undefined && Math.abs(longitude) > 180)
      reader.error('Location.position.longitude', 'value', coded('between', { min: -180, max: 180 }));
    if (latitude !== undefined && Math.abs(latitude) > 90)
      reader.error('Location.position.latitude', 'value', coded('between', { min: -90, max: 90 }));
  }
  const manager = reader.reference(resource.managingOrganization, 'Location.managingOrganization', [
    'Organization',
  ]);
  if (name === undefined) return rejected(reader);
  const record: LocationRecord = { kind: 'location', name };
  const own = ownIdentifier(resource, context);
  if (own !== undefined) record.sourceRecordId = own;
  if (address?.text) record.address = address.text;
  if (address?.areaCode) record.areaCode = address.areaCode;
  if (latitude !== undefined && longitude !== undefined) Object.assign(record, { latitude, longitude });
  if (manager && 'reference' in manager) record.managingOrganization = manager.reference;
  return result(reader, record);
}
