/**
 * Condition → DiagnosisRecord: the diagnosis code (ICD-10 U07.1 virus identified, U07.2 not identified,
 * or any other coded diagnosis), the case class (from ICD-10 and verification status, or stated with a
 * Shuzhi case-classification coding), clinical and verification status, onset, recorded date.
 */
import type { CaseClassification, DiagnosisRecord } from '../records.js';
import {
  caseClassifications,
  classificationConflict,
  classifyDiagnosis,
  codeSystems,
} from '../terminology.js';
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
  'clinicalStatus',
  'verificationStatus',
  'category',
  'severity',
  'code',
  'bodySite',
  'subject',
  'encounter',
  'onsetDateTime',
  'onsetAge',
  'onsetPeriod',
  'onsetRange',
  'onsetString',
  'abatementDateTime',
  'abatementAge',
  'abatementPeriod',
  'abatementRange',
  'abatementString',
  'recordedDate',
  'recorder',
  'asserter',
  'stage',
  'evidence',
  'note',
];
const clinicalStatuses = ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'];
const verificationStatuses = [
  'unconfirmed',
  'provisional',
  'differential',
  'confirmed',
  'refuted',
  'entered-in-error',
];

export function validateCondition(
  resource: unknown,
  context: FhirValidationContext,
): FhirValidation<DiagnosisRecord> {
  const reader = new FhirReader(context.zoneOffsetMinutes);
  if (!checkResourceType(reader, resource, 'Condition')) return rejected(reader);
  checkResourceBase(reader, resource, 'Condition', elements);

  const clinicalStatus = statusCode(reader, resource.clinicalStatus, {
    path: 'Condition.clinicalStatus',
    system: codeSystems.conditionClinical,
    allowed: clinicalStatuses,
  });
  const verificationStatus = statusCode(reader, resource.verificationStatus, {
    path: 'Condition.verificationStatus',
    system: codeSystems.conditionVerification,
    allowed: verificationStatuses,
  });
  if (verificationStatus === 'entered-in-error' && clinicalStatus !== undefined) {
    reader.error('Condition.clinicalStatus', 'invariant', coded('condition-entered-in-error'));
  }
  const subject = reader.required(resource.subject, 'Condition.subject')
    ? reader.reference(resource.subject, 'Condition.subject', ['Patient'])
    : undefined;

  let code;
  let stated: CaseClassification | undefined;
  if (reader.required(resource.code, 'Condition.code')) {
    const concept = reader.codeableConcept(resource.code, 'Condition.code');
    const codings = concept?.codings ?? [];
    code =
      codings.find((c) => c.system === codeSystems.icd10 || c.system === codeSystems.icd10cm) ??
      codings.find((c) => c.system !== codeSystems.caseClassification);
    const classCoding = codings.find((c) => c.system === codeSystems.caseClassification);
    if (classCoding) {
      if ((caseClassifications as readonly string[]).includes(classCoding.code))
        stated = classCoding.code as CaseClassification;
      else
        reader.error(
          'Condition.code.coding',
          'code-invalid',
          coded('case-classification', { values: caseClassifications.join(', ') }),
        );
    }
    if (concept && !code) reader.error('Condition.code.coding', 'required', coded('diagnosis-coding'));
    if (code && stated) {
      const conflict = classificationConflict(code.code, stated);
      if (conflict) reader.error('Condition.code', 'business-rule', conflict);
    }
  }
  const onset = onsetOf(reader, resource);
  const abatementKind = reader.choice(
    resource,
    'abatement',
    ['DateTime', 'Age', 'Period', 'Range', 'String'],
    'Condition',
  );
  const abatement =
    abatementKind === 'DateTime'
      ? reader.dateTime(resource.abatementDateTime, 'Condition.abatementDateTime')
      : undefined;
  const recorded = reader.dateTime(resource.recordedDate, 'Condition.recordedDate');

  if (subject === undefined || code === undefined) return rejected(reader);
  const record: DiagnosisRecord = {
    kind: 'diagnosis',
    subject,
    code,
    classification: classifyDiagnosis(code.code, verificationStatus, stated),
  };
  const own = ownIdentifier(resource, context);
  if (own !== undefined) record.sourceRecordId = own;
  if (clinicalStatus !== undefined) record.clinicalStatus = clinicalStatus;
  if (verificationStatus !== undefined) record.verificationStatus = verificationStatus;
  if (onset !== undefined) record.onset = onset;
  if (recorded !== undefined) record.recordedAt = recorded;
  if (abatement !== undefined) record.abatement = abatement;
  return result(reader, record);
}

function statusCode(
  reader: FhirReader,
  value: unknown,
  binding: { path: string; system: string; allowed: readonly string[] },
): string | undefined {
  const { path, system, allowed } = binding;
  const concept = reader.codeableConcept(value, path);
  if (!concept) return undefined;
  const index = concept.codings.findIndex((c) => c.system === system);
  if (index < 0) return reader.error(`${path}.coding`, 'code-invalid', coded('coding-from', { system }));
  const code = concept.codings[index]!.code;
  return allowed.includes(code)
    ? code
    : reader.error(`${path}.coding`, 'code-invalid', coded('one-of', { values: allowed.join(', ') }));
}

function onsetOf(reader: FhirReader, resource: Json): string | undefined {
  const kind = reader.choice(
    resource,
    'onset',
    ['DateTime', 'Age', 'Period', 'Range', 'String'],
    'Condition',
  );
  if (kind === 'DateTime') return reader.dateTime(resource.onsetDateTime, 'Condition.onsetDateTime');
  if (kind === 'Period') return reader.period(resource.onsetPeriod, 'Condition.onsetPeriod')?.start;
  return undefined;
}
