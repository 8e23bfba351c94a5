/**
 * Immunization → VaccinationRecord: status, vaccine code, the patient, when (occurrence[x]), dose number
 * (protocolApplied.doseNumberPositiveInt), lot and performer.
 */
import type { VaccinationRecord } from '../records.js';
import { FhirReader } from './fhir-reader.js';
import { ownIdentifier } from './observation.js';
import {
  checkResourceBase,
  checkResourceType,
  rejected,
  result,
  type FhirValidation,
  type FhirValidationContext,
} from './resource-base.js';
import { coded } from '../reasons.js';

const elements = [
  'identifier',
  'status',
  'statusReason',
  'vaccineCode',
  'patient',
  'encounter',
  'occurrenceDateTime',
  'occurrenceString',
  'recorded',
  'primarySource',
  'reportOrigin',
  'location',
  'manufacturer',
  'lotNumber',
  'expirationDate',
  'site',
  'route',
  'doseQuantity',
  'performer',
  'note',
  'reasonCode',
  'reasonReference',
  'isSubpotent',
  'subpotentReason',
  'education',
  'programEligibility',
  'fundingSource',
  'reaction',
  'protocolApplied',
];

export function validateImmunization(
  resource: unknown,
  context: FhirValidationContext,
): FhirValidation<VaccinationRecord> {
  const reader = new FhirReader(context.zoneOffsetMinutes);
  if (!checkResourceType(reader, resource, 'Immunization')) return rejected(reader);
  checkResourceBase(reader, resource, 'Immunization', elements);

  const status = reader.required(resource.status, 'Immunization.status')
    ? reader.code(resource.status, 'Immunization.status', ['completed', 'entered-in-error', 'not-done'])
    : undefined;
  let vaccine;
  if (reader.required(resource.vaccineCode, 'Immunization.vaccineCode')) {
    const concept = reader.codeableConcept(resource.vaccineCode, 'Immunization.vaccineCode');
    vaccine = concept?.codings[0];
    if (concept && !vaccine)
      reader.error('Immunization.vaccineCode.coding', 'required', coded('vaccine-coding'));
  }
  const patient = reader.required(resource.patient, 'Immunization.patient')
    ? reader.reference(resource.patient, 'Immunization.patient', ['Patient'])
    : undefined;
  const kind = reader.choice(resource, 'occurrence', ['DateTime', 'String'], 'Immunization');
  let occurred: string | undefined;
  if (kind === 'DateTime')
    occurred = reader.dateTime(resource.occurrenceDateTime, 'Immunization.occurrenceDateTime');
  else if (kind === 'String')
    reader.error('Immunization.occurrenceString', 'not-supported', coded('occurrence-string'));
  else
    reader.error(
      'Immunization.occurrence[x]',
      'required',
      coded('element-required', { element: 'occurrenceDateTime' }),
    );
  const lotNumber = reader.string(resource.lotNumber, 'Immunization.lotNumber');
  let doseNumber: number | undefined;
  reader.array(resource.protocolApplied, 'Immunization.protocolApplied').forEach((item, k) => {
    const protocol = reader.object(item, `Immunization.protocolApplied[${k}]`);
    const dose = protocol
      ? reader.integer(
          protocol.doseNumberPositiveInt,
          `Immunization.protocolApplied[${k}].doseNumberPositiveInt`,
          1,
        )
      : undefined;
    if (dose !== undefined && doseNumber === undefined) doseNumber = dose;
  });
  let performer: string | undefined;
  reader.array(resource.performer, 'Immunization.performer').forEach((item, k) => {
    const entry = reader.object(item, `Immunization.performer[${k}]`);
    const actor = entry
      ? reader.reference(entry.actor, `Immunization.performer[${k}].actor`, [
          'Practitioner',
          'PractitionerRole',
          'Organization',
        ])
      : undefined;
    if (actor && 'reference' in actor && performer === undefined) performer = actor.reference;
  });

  if (status === undefined || vaccine === undefined || patient === undefined || occurred === undefined)
    return rejected(reader);
  const record: VaccinationRecord = { kind: 'vaccination', subject: patient, status, vaccine, occurred };
  const own = ownIdentifier(resource, context);
  if (own !== undefined) record.sourceRecordId = own;
  if (doseNumber !== undefined) record.doseNumber = doseNumber;
  if (lotNumber !== undefined) record.lotNumber = lotNumber;
  if (performer !== undefined) record.performer = performer;
  return result(reader, record);
}
