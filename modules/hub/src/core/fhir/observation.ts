/**
 * Observation → LabResultRecord: a LOINC-coded test (94500-6 PCR, 94558-4 antigen, others by code), its
 * patient, specimen time (effective[x]) and issue time, and a qualitative result from a SNOMED CT value
 * (10828004 positive, 260385009 negative), a text value, or a quantity with its interpretation.
 */
import type { Coding, LabResultRecord, TestResult } from '../records.js';
import {
  codeSystems,
  interpretationResults,
  loincCodePattern,
  resultFromText,
  snomedResults,
  testKindOf,
} from '../terminology.js';
import { FhirReader, type Json } from './fhir-reader.js';
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
  'basedOn',
  'partOf',
  'status',
  'category',
  'code',
  'subject',
  'focus',
  'encounter',
  'effectiveDateTime',
  'effectivePeriod',
  'effectiveTiming',
  'effectiveInstant',
  'issued',
  'performer',
  'valueQuantity',
  'valueCodeableConcept',
  'valueString',
  'valueBoolean',
  'valueInteger',
  'valueRange',
  'valueRatio',
  'valueSampledData',
  'valueTime',
  'valueDateTime',
  'valuePeriod',
  'dataAbsentReason',
  'interpretation',
  'note',
  'bodySite',
  'method',
  'specimen',
  'device',
  'referenceRange',
  'hasMember',
  'derivedFrom',
  'component',
];
const statuses = [
  'registered',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'cancelled',
  'entered-in-error',
  'unknown',
];
const valueTypes = [
  'Quantity',
  'CodeableConcept',
  'String',
  'Boolean',
  'Integer',
  'Range',
  'Ratio',
  'SampledData',
  'Time',
  'DateTime',
  'Period',
];

export function validateObservation(
  resource: unknown,
  context: FhirValidationContext,
): FhirValidation<LabResultRecord> {
  const reader = new FhirReader(context.zoneOffsetMinutes);
  if (!checkResourceType(reader, resource, 'Observation')) return rejected(reader);
  checkResourceBase(reader, resource, 'Observation', elements);

  const status = reader.required(resource.status, 'Observation.status')
    ? reader.code(resource.status, 'Observation.status', statuses)
    : undefined;
  const test = loincCoding(reader, resource);
  const subject = reader.required(resource.subject, 'Observation.subject')
    ? reader.reference(resource.subject, 'Observation.subject', ['Patient'])
    : undefined;
  const collected = effectiveTime(reader, resource);
  const issued = reader.instant(resource.issued, 'Observation.issued');
  const value = observationValue(reader, resource, status);
  const performer = reader
    .array(resource.performer, 'Observation.performer')
    .map((p, k) =>
      reader.reference(p, `Observation.performer[${k}]`, [
        'Organization',
        'Practitioner',
        'PractitionerRole',
      ]),
    )
    .find((r) => r !== undefined);

  if (status === undefined || test === undefined || subject === undefined) return rejected(reader);
  const record: LabResultRecord = {
    kind: 'lab-result',
    subject,
    status,
    test,
    testKind: testKindOf(test.code),
    result: value.result,
  };
  const own = ownIdentifier(resource, context);
  if (own !== undefined) record.sourceRecordId = own;
  if (value.text !== undefined) record.valueText = value.text;
  if (value.quantity !== undefined) record.valueQuantity = value.quantity;
  if (collected !== undefined) record.specimenCollectedAt = collected;
  if (issued !== undefined) record.resultedAt = issued;
  if (performer !== undefined && 'reference' in performer) record.performer = performer.reference;
  return result(reader, record);
}

/** The source's id of a resource: its identifier in the source's own system, else its resource id. */
export function ownIdentifier(resource: Json, context: FhirValidationContext): string | undefined {
  const system = `${context.systems?.sourcePrefix ?? 'urn:shuzhi:source:'}${context.sourceId}`;
  const identifiers = Array.isArray(resource.identifier) ? (resource.identifier as unknown[]) : [];
  for (const item of identifiers) {
    const identifier = item as Json;
    if (identifier && identifier.system === system && typeof identifier.value === 'string')
      return identifier.value;
  }
  return typeof resource.id === 'string' ? resource.id : undefined;
}

function loincCoding(reader: FhirReader, resource: Json): Coding | undefined {
  if (!reader.required(resource.code, 'Observation.code')) return undefined;
  const concept = reader.codeableConcept(resource.code, 'Observation.code');
  if (!concept) return undefined;
  const index = concept.codings.findIndex((c) => c.system === codeSystems.loinc);
  if (index < 0)
    return reader.error(
      'Observation.code.coding',
      'code-invalid',
      coded('loinc-coding', { system: codeSystems.loinc }),
    );
  const coding = concept.codings[index]!;
  const rawIndex = (resource.code as Json & { coding: Json[] }).coding.findIndex(
    (c) => c?.system === codeSystems.loinc,
  );
  if (!loincCodePattern.test(coding.code)) {
    return reader.error(
      `Observation.code.coding[${rawIndex}].code`,
      'code-invalid',
      coded('loinc-code', { code: coding.code }),
    );
  }
  return coding;
}

function effectiveTime(reader: FhirReader, resource: Json): string | undefined {
  const kind = reader.choice(
    resource,
    'effective',
    ['DateTime', 'Period', 'Instant', 'Timing'],
    'Observation',
  );
  if (kind === undefined) {
    reader.error('Observation.effective[x]', 'required', coded('specimen-time-required'));
    return undefined;
  }
  if (kind === 'DateTime')
    return reader.dateTime(resource.effectiveDateTime, 'Observation.effectiveDateTime');
  if (kind === 'Instant') return reader.instant(resource.effectiveInstant, 'Observation.effectiveInstant');
  if (kind === 'Period') return reader.period(resource.effectivePeriod, 'Observation.effectivePeriod')?.start;
  reader.error('Observation.effectiveTiming', 'not-supported', coded('specimen-time-timing'));
  return undefined;
}

function observationValue(
  reader: FhirReader,
  resource: Json,
  status: string | undefined,
): { result: TestResult; text?: string; quantity?: { value: number; unit?: string } } {
  const kind = reader.choice(resource, 'value', valueTypes, 'Observation');
  const interpretation = interpretationOf(reader, resource);
  if (kind === undefined) {
    const final = status === 'final' || status === 'amended' || status === 'corrected';
    const anyValue = Object.keys(resource).some((key) => /^value[A-Z]/.test(key));
    if (final && !anyValue && resource.dataAbsentReason === undefined && interpretation === undefined) {
      reader.error('Observation.value[x]', 'required', coded('final-result-value'));
    }
    return { result: interpretation ?? 'other' };
  }
  if (kind === 'CodeableConcept') {
    const concept = reader.codeableConcept(resource.valueCodeableConcept, 'Observation.valueCodeableConcept');
    const snomed = concept?.codings.find((c) => c.system === codeSystems.snomed);
    const fromCode = snomed ? snomedResults[snomed.code] : undefined;
    if (snomed && !fromCode)
      reader.warning(
        'Observation.valueCodeableConcept',
        'code-invalid',
        coded('snomed-result-unknown', { code: snomed.code }),
      );
    const fromText = concept?.text ? resultFromText(concept.text) : null;
    return {
      result: fromCode ?? fromText ?? interpretation ?? 'other',
      ...(concept?.text ? { text: concept.text } : {}),
    };
  }
  if (kind === 'String') {
    const text = reader.string(resource.valueString, 'Observation.valueString');
    return {
      result: (text ? resultFromText(text) : null) ?? interpretation ?? 'other',
      ...(text ? { text } : {}),
    };
  }
  if (kind === 'Quantity') {
    const quantity = reader.object(resource.valueQuantity, 'Observation.valueQuantity');
    const value = quantity ? reader.decimal(quantity.value, 'Observation.valueQuantity.value') : undefined;
    const unit = quantity ? reader.string(quantity.unit, 'Observation.valueQuantity.unit') : undefined;
    if (quantity && quantity.value === undefined)
      reader.error(
        'Observation.valueQuantity.value',
        'required',
        coded('element-required', { element: 'value' }),
      );
    return {
      result: interpretation ?? 'other',
      ...(value === undefined ? {} : { quantity: unit === undefined ? { value } : { value, unit } }),
    };
  }
  return { result: interpretation ?? 'other' };
}

function interpretationOf(reader: FhirReader, resource: Json): TestResult | undefined {
  for (const [k, item] of reader.array(resource.interpretation, 'Observation.interpretation').entries()) {
    const concept = reader.codeableConcept(item, `Observation.interpretation[${k}]`);
    const coding = concept?.codings.find((c) => c.system === codeSystems.observationInterpretation);
    if (coding && interpretationResults[coding.code]) return interpretationResults[coding.code];
  }
  return undefined;
}
