import { describe, expect, it } from 'vitest';
import { coded } from '../reasons.js';
import { validateResource } from './validate-resource.js';
import {
  condition,
  context,
  feverClinicEncounter,
  immunization,
  location,
  organization,
  patient,
  pcrObservation,
  residentId,
} from './fixtures.test-data.js';

const errorsOf = (resource: unknown) => {
  const result = validateResource(resource, context);
  return result.ok
    ? []
    : result.issues.filter((i) => i.severity === 'error').map((i) => `${i.expression}: ${i.diagnostics}`);
};

describe('FHIR Patient', () => {
  it('refuses a string longer than the 1 MiB a FHIR string may hold, naming the element', () => {
    const huge = { ...patient, name: [{ text: '张'.repeat(1024 * 1024 + 1) }] };
    expect(errorsOf(huge)).toEqual([
      'Patient.name[0].text: longer than 1048576 characters, the most a FHIR string holds',
    ]);
    expect(errorsOf({ ...patient, name: [{ text: '张'.repeat(1024 * 1024) }] })).toEqual([]);
  });

  it('becomes a person record with canonical identifiers, name, phone and area', () => {
    expect(validateResource(patient, context)).toEqual({
      ok: true,
      issues: [],
      record: {
        kind: 'person',
        sourceRecordId: 'PAT-000123',
        identifiers: [
          { system: 'urn:shuzhi:source:lab-7', value: 'PAT-000123' },
          { system: 'urn:shuzhi:id:cn-resident', value: residentId },
        ],
        invalidIdentifiers: [],
        name: '张晓明',
        sex: 'male',
        birthDate: '1985-03-12',
        phone: '+8613812345678',
        address: '荷塘区新华路1号',
        areaCode: '430202',
      },
    });
  });

  it('keeps a resident ID that fails its check digit, with a warning naming the element', () => {
    const broken = residentId.slice(0, 17) + (residentId[17] === '1' ? '2' : '1');
    const result = validateResource(
      { ...patient, identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: broken }] },
      context,
    );
    expect(result.ok).toBe(true);
    expect(result.issues[0]).toMatchObject({
      severity: 'warning',
      expression: 'Patient.identifier[0].value',
    });
    // What is wrong, coded as the CSV import's warning is, and never the number's digits (personal data).
    const warning = JSON.stringify(result.issues[0]);
    expect(warning).toContain(coded('resident-id-check-digit').reason);
    expect(warning).not.toContain(broken.slice(0, 6));
    expect(warning).not.toContain(broken.slice(6, 14));
    expect(warning).not.toMatch(/check character '?[0-9X]'?/i);
  });

  it('writes Latin names family first with a comma', () => {
    const result = validateResource(
      { ...patient, name: [{ family: 'Smith', given: ['John', 'Paul'] }] },
      context,
    );
    expect(result.ok && result.record.kind === 'person' && result.record.name).toBe('Smith, John Paul');
  });

  it('names the element and the reason of every error', () => {
    expect(
      errorsOf({
        resourceType: 'Patient',
        gender: 'M',
        birthDate: '1985-02-30',
        name: [{ family: '' }],
        identifier: [{ value: 'x' }],
      }),
    ).toEqual([
      'Patient.identifier[0].system: system is required so the identifier can be matched',
      'Patient.name[0].family: must not be empty or blank',
      'Patient.gender: must be one of male, female, other, unknown',
      'Patient.birthDate: must be a FHIR date: YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
  });

  it('warns about unknown elements and refuses modifier extensions', () => {
    const result = validateResource(
      { ...patient, favouriteColour: 'red', modifierExtension: [{ url: 'x' }] },
      context,
    );
    expect(result.issues.map((i) => [i.severity, i.expression])).toEqual([
      ['warning', 'Patient.favouriteColour'],
      ['error', 'Patient.modifierExtension[0]'],
    ]);
  });
});

describe('FHIR Observation', () => {
  it('becomes a lab result: LOINC test, PCR, positive, specimen and issue times in UTC', () => {
    const result = validateResource(pcrObservation, context);
    expect(result).toMatchObject({
      ok: true,
      record: {
        kind: 'lab-result',
        sourceRecordId: 'R-1',
        subject: { reference: 'Patient/pat-1' },
        status: 'final',
        test: { system: 'http://loinc.org', code: '94500-6' },
        testKind: 'pcr',
        result: 'positive',
        specimenCollectedAt: '2022-03-05T00:10:00.000Z',
        resultedAt: '2022-03-05T12:30:00.000Z',
      },
    });
  });

  it('reads an antigen result given as text, and a quantity with its interpretation', () => {
    const { valueCodeableConcept: _, ...base } = pcrObservation;
    const antigen = {
      ...base,
      code: { coding: [{ system: 'http://loinc.org', code: '94558-4' }] },
      valueString: '阴性',
    };
    expect(validateResource(antigen, context)).toMatchObject({
      ok: true,
      record: { testKind: 'antigen', result: 'negative', valueText: '阴性' },
    });
    const ct = {
      ...base,
      valueQuantity: { value: 24.5, unit: 'Ct' },
      interpretation: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'POS' },
          ],
        },
      ],
    };
    expect(validateResource(ct, context)).toMatchObject({
      ok: true,
      record: { result: 'positive', valueQuantity: { value: 24.5, unit: 'Ct' } },
    });
  });

  it('names the element and reason: code system, subject, time, value', () => {
    const { valueCodeableConcept: _, effectiveDateTime: __, ...base } = pcrObservation;
    const bad = {
      ...base,
      code: { coding: [{ system: 'http://example.org/tests', code: 'PCR' }] },
      subject: { reference: 'Organization/1' },
    };
    expect(errorsOf(bad)).toEqual([
      'Observation.code.coding: the test must be coded in LOINC (system http://loinc.org)',
      'Observation.subject.reference: must refer to Patient',
      'Observation.effective[x]: the specimen collection time (effectiveDateTime) is required for a laboratory result',
      'Observation.value[x]: a final result needs value[x] (or dataAbsentReason)',
    ]);
    expect(errorsOf({ ...pcrObservation, code: { coding: [{ code: '94500-6' }] } })).toContain(
      'Observation.code.coding[0].system: system is required to interpret the code',
    );
    expect(errorsOf({ ...pcrObservation, valueString: 'positive' })).toEqual([
      'Observation.value[x]: only one of valueCodeableConcept, valueString may be present',
    ]);
  });
});

describe('FHIR Condition', () => {
  it('classifies U07.1 as confirmed and U07.2 as clinical or, while provisional, suspected', () => {
    expect(validateResource(condition, context)).toMatchObject({
      ok: true,
      record: { classification: 'confirmed', onset: '2022-03-03', recordedAt: '2022-03-05T13:00:00.000Z' },
    });
    const u072 = {
      ...condition,
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'U07.2' }] },
    };
    expect(validateResource(u072, context)).toMatchObject({ record: { classification: 'clinical' } });
    const provisional = {
      ...u072,
      verificationStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'provisional' },
        ],
      },
    };
    expect(validateResource(provisional, context)).toMatchObject({ record: { classification: 'suspected' } });
  });

  it('takes a stated asymptomatic class and refuses one that contradicts the code', () => {
    const asymptomatic = {
      ...condition,
      code: {
        coding: [
          ...condition.code.coding,
          { system: 'urn:shuzhi:cs:case-classification', code: 'asymptomatic' },
        ],
      },
    };
    expect(validateResource(asymptomatic, context)).toMatchObject({
      record: { classification: 'asymptomatic' },
    });
    const contradictory = {
      ...condition,
      code: {
        coding: [
          ...condition.code.coding,
          { system: 'urn:shuzhi:cs:case-classification', code: 'suspected' },
        ],
      },
    };
    expect(errorsOf(contradictory)).toEqual([
      'Condition.code: U07.1 means the virus was identified; suspected cases are coded U07.2',
    ]);
  });

  it('applies invariant con-5', () => {
    const erroneous = {
      ...condition,
      verificationStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' },
        ],
      },
    };
    expect(errorsOf(erroneous)).toEqual([
      'Condition.clinicalStatus: clinicalStatus must be absent when verificationStatus is entered-in-error (con-5)',
    ]);
  });
});

describe('FHIR Encounter, Immunization, Organization, Location', () => {
  it('recognises a fever-clinic visit with fever', () => {
    expect(validateResource(feverClinicEncounter, context)).toMatchObject({
      ok: true,
      record: {
        kind: 'encounter',
        setting: 'fever-clinic',
        encounterClass: 'AMB',
        fever: true,
        start: '2022-03-05T02:15:00.000Z',
        serviceProvider: 'Organization/fc-1',
      },
    });
    expect(
      errorsOf({
        ...feverClinicEncounter,
        period: { start: '2022-03-05T10:15:00+08:00', end: '2022-03-05T09:00:00+08:00' },
      }),
    ).toEqual(['Encounter.period.end: end must not be before start (per-1)']);
    expect(
      errorsOf({
        ...feverClinicEncounter,
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'XYZ' },
      })[0],
    ).toMatch(/^Encounter.class.code/);
  });

  it('reads a vaccination with its dose number', () => {
    expect(validateResource(immunization, context)).toMatchObject({
      ok: true,
      record: { kind: 'vaccination', doseNumber: 2, occurred: '2021-08-20', lotNumber: '202107A12' },
    });
    const { occurrenceDateTime: _, ...noDate } = immunization;
    expect(errorsOf(noDate)).toEqual(['Immunization.occurrence[x]: occurrenceDateTime is required']);
  });

  it('reads organisations and locations with their area codes', () => {
    expect(validateResource(organization, context)).toMatchObject({
      ok: true,
      record: { kind: 'organization', areaCode: '430202', active: true },
    });
    expect(validateResource(location, context)).toMatchObject({
      ok: true,
      record: { kind: 'location', areaCode: '430202', latitude: 27.83, longitude: 113.15 },
    });
    expect(errorsOf({ ...location, position: { longitude: 200, latitude: 27.8 } })).toEqual([
      'Location.position.longitude: must be between -180 and 180',
    ]);
  });

  it('refuses resource types it does not support', () => {
    expect(errorsOf({ resourceType: 'MedicationRequest' })).toEqual([
      'MedicationRequest: resourceType must be one of Patient, Observation, Condition, Encounter, Immunization, Organization, Location',
    ]);
  });
});
