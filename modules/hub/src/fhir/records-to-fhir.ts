/**
 * FHIR R4 resources for records that arrived as CSV rows (pure), so every record is readable and searchable
 * through the FHIR API whichever way it came: Patient, Observation, Condition, Encounter, Immunization.
 */
import { areaCodeExtensionUrl, codeSystems, type Json, type TestResult } from '../core/index.js';
import type { StoredRecord } from '../records/record-kinds.js';

/** The resource of a stored CSV record; `subjectId` is the id of its person's Patient record. */
export function fhirResourceOf(
  record: StoredRecord,
  ids: { id: string; subjectId: string | null; sourceId: string },
): Json | null {
  const subject = ids.subjectId ? { reference: `Patient/${ids.subjectId}` } : undefined;
  const own = (value: string | undefined) =>
    value ? [{ system: `urn:shuzhi:source:${ids.sourceId}`, value }] : undefined;
  switch (record.kind) {
    case 'person':
      return compact({
        resourceType: 'Patient',
        id: ids.id,
        identifier: [...record.identifiers, ...record.invalidIdentifiers.map((i) => i.identifier)],
        name: record.name ? [{ use: 'official', text: record.name }] : undefined,
        gender: record.sex,
        birthDate: record.birthDate,
        telecom: record.phone ? [{ system: 'phone', value: record.phone, use: 'mobile' }] : undefined,
        address:
          record.address || record.areaCode
            ? [
                compact({
                  text: record.address,
                  extension: record.areaCode
                    ? [{ url: areaCodeExtensionUrl, valueCode: record.areaCode }]
                    : undefined,
                }),
              ]
            : undefined,
      });
    case 'lab-result':
      return compact({
        resourceType: 'Observation',
        id: ids.id,
        identifier: own(record.sourceRecordId),
        status: record.status,
        category: [{ coding: [{ system: codeSystems.observationCategory, code: 'laboratory' }] }],
        code: { coding: [record.test] },
        subject,
        effectiveDateTime: record.specimenCollectedAt,
        issued: record.resultedAt,
        valueCodeableConcept: snomedFor(record.result),
        valueQuantity: record.valueQuantity,
        performer: record.performer ? [{ display: record.performer }] : undefined,
      });
    case 'diagnosis':
      return compact({
        resourceType: 'Condition',
        id: ids.id,
        identifier: own(record.sourceRecordId),
        clinicalStatus: record.clinicalStatus
          ? { coding: [{ system: codeSystems.conditionClinical, code: record.clinicalStatus }] }
          : undefined,
        verificationStatus: record.verificationStatus
          ? { coding: [{ system: codeSystems.conditionVerification, code: record.verificationStatus }] }
          : undefined,
        category: [{ coding: [{ system: codeSystems.caseClassification, code: record.classification }] }],
        code: { coding: [record.code] },
        subject,
        onsetDateTime: record.onset,
        recordedDate: record.recordedAt,
      });
    case 'encounter':
      return compact({
        resourceType: 'Encounter',
        id: ids.id,
        identifier: own(record.sourceRecordId),
        status: record.status,
        class: { system: codeSystems.actCode, code: record.encounterClass },
        type:
          record.setting === 'fever-clinic'
            ? [
                {
                  coding: [{ system: codeSystems.encounterSetting, code: 'fever-clinic' }],
                  text: '发热门诊 fever clinic',
                },
              ]
            : undefined,
        subject,
        period: record.start ? compact({ start: record.start, end: record.end }) : undefined,
        reasonCode: record.reasons.length > 0 ? record.reasons.map((r) => ({ coding: [r] })) : undefined,
      });
    case 'vaccination':
      return compact({
        resourceType: 'Immunization',
        id: ids.id,
        identifier: own(record.sourceRecordId),
        status: record.status,
        vaccineCode: { coding: [record.vaccine] },
        patient: subject,
        occurrenceDateTime: record.occurred,
        lotNumber: record.lotNumber,
        protocolApplied: record.doseNumber ? [{ doseNumberPositiveInt: record.doseNumber }] : undefined,
      });
    case 'organization':
    case 'location':
    case 'traveler':
    case 'pharmacy-sale':
      return null;
  }
}

/** SNOMED CT qualifier values for qualitative results (as the core reads them back). */
const resultCodes: Record<TestResult, { code: string; display: string } | null> = {
  positive: { code: '10828004', display: 'Positive' },
  negative: { code: '260385009', display: 'Negative' },
  indeterminate: { code: '419984006', display: 'Inconclusive' },
  other: null,
};

function snomedFor(result: TestResult): Json | undefined {
  const coding = resultCodes[result];
  return coding ? { coding: [{ system: codeSystems.snomed, ...coding }] } : undefined;
}

/** Drops undefined members, so resources carry no empty elements (FHIR forbids them). */
function compact(value: Record<string, unknown>): Json {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Json;
}
