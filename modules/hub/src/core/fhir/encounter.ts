/**
 * Encounter → EncounterRecord: status, class (v3 ActCode: AMB, EMER, IMP…), the patient, period, reasons,
 * and whether it is a fever-clinic visit (a Shuzhi encounter-setting coding in type or serviceType, or
 * 发热门诊 / fever clinic in their text) with fever among the reasons (SNOMED CT 386661006).
 */
import type { Coding, EncounterRecord } from '../records.js';
import { codeSystems, feverSnomedCode } from '../terminology.js';
import { FhirReader, type Json } from './fhir-reader.js';
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
  'statusHistory',
  'class',
  'classHistory',
  'type',
  'serviceType',
  'priority',
  'subject',
  'episodeOfCare',
  'basedOn',
  'participant',
  'appointment',
  'period',
  'length',
  'reasonCode',
  'reasonReference',
  'diagnosis',
  'account',
  'hospitalization',
  'location',
  'serviceProvider',
  'partOf',
];
const statuses = [
  'planned',
  'arrived',
  'triaged',
  'in-progress',
  'onleave',
  'finished',
  'cancelled',
  'entered-in-error',
  'unknown',
];
/** v3 ActEncounterCode, the codes FHIR R4 binds Encounter.class to (extensible). */
const encounterClasses = ['AMB', 'EMER', 'FLD', 'HH', 'IMP', 'ACUTE', 'NONAC', 'OBSENC', 'PRENC', 'SS', 'VR'];

export function validateEncounter(
  resource: unknown,
  context: FhirValidationContext,
): FhirValidation<EncounterRecord> {
  const reader = new FhirReader(context.zoneOffsetMinutes);
  if (!checkResourceType(reader, resource, 'Encounter')) return rejected(reader);
  checkResourceBase(reader, resource, 'Encounter', elements);

  const status = reader.required(resource.status, 'Encounter.status')
    ? reader.code(resource.status, 'Encounter.status', statuses)
    : undefined;
  let encounterClass: string | undefined;
  if (reader.required(resource.class, 'Encounter.class')) {
    const coding = reader.coding(resource.class, 'Encounter.class');
    if (coding && coding.system === codeSystems.actCode && !encounterClasses.includes(coding.code)) {
      reader.error(
        'Encounter.class.code',
        'code-invalid',
        coded('one-of', { values: encounterClasses.join(', ') }),
      );
    } else if (coding) encounterClass = coding.code;
  }
  const subject = reader.required(resource.subject, 'Encounter.subject')
    ? reader.reference(resource.subject, 'Encounter.subject', ['Patient'])
    : undefined;
  const period = reader.period(resource.period, 'Encounter.period');
  const types = [
    ...reader
      .array(resource.type, 'Encounter.type')
      .map((t, k) => reader.codeableConcept(t, `Encounter.type[${k}]`)),
    reader.codeableConcept(resource.serviceType, 'Encounter.serviceType'),
  ];
  const feverClinic = types.some(
    (t) =>
      t?.codings.some((c) => c.system === codeSystems.encounterSetting && c.code === 'fever-clinic') ||
      /发热门诊|fever clinic/i.test(t?.text ?? ''),
  );
  const reasons: Coding[] = [];
  const symptoms: string[] = [];
  reader.array(resource.reasonCode, 'Encounter.reasonCode').forEach((item, k) => {
    const concept = reader.codeableConcept(item, `Encounter.reasonCode[${k}]`);
    if (!concept) return;
    reasons.push(...concept.codings);
    const label = concept.text ?? concept.codings[0]?.display;
    if (label) symptoms.push(label);
  });
  const serviceProvider = reader.reference(resource.serviceProvider, 'Encounter.serviceProvider', [
    'Organization',
  ]);

  if (status === undefined || encounterClass === undefined || subject === undefined) return rejected(reader);
  const record: EncounterRecord = {
    kind: 'encounter',
    subject,
    status,
    encounterClass,
    setting: feverClinic ? 'fever-clinic' : 'other',
    reasons,
    symptoms,
  };
  const own = ownIdentifier(resource as Json, context);
  if (own !== undefined) record.sourceRecordId = own;
  if (period?.start !== undefined) record.start = period.start;
  if (period?.end !== undefined) record.end = period.end;
  if (reasons.some((c) => c.system === codeSystems.snomed && c.code === feverSnomedCode)) record.fever = true;
  if (serviceProvider && 'reference' in serviceProvider) record.serviceProvider = serviceProvider.reference;
  return result(reader, record);
}
