/** Example FHIR R4 resources for the tests: one valid resource of each supported type. */
import { composeResidentId } from '../identifiers/resident-id.js';

export const residentId = composeResidentId('430202', '1985-03-12', '123');
export const context = { sourceId: 'lab-7' };

export const patient = {
  resourceType: 'Patient',
  id: 'pat-1',
  identifier: [
    { system: 'urn:shuzhi:source:lab-7', value: 'PAT-000123' },
    { system: 'urn:shuzhi:id:cn-resident', value: residentId.toLowerCase() },
  ],
  name: [{ use: 'official', family: '张', given: ['晓明'] }],
  gender: 'male',
  birthDate: '1985-03-12',
  telecom: [{ system: 'phone', value: '138 1234 5678' }],
  address: [{ text: '荷塘区新华路1号', district: '430202' }],
};

export const pcrObservation = {
  resourceType: 'Observation',
  identifier: [{ system: 'urn:shuzhi:source:lab-7', value: 'R-1' }],
  status: 'final',
  category: [
    {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }],
    },
  ],
  code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
  subject: { reference: 'Patient/pat-1' },
  effectiveDateTime: '2022-03-05T08:10:00+08:00',
  issued: '2022-03-05T20:30:00+08:00',
  valueCodeableConcept: {
    coding: [{ system: 'http://snomed.info/sct', code: '10828004', display: 'Positive' }],
  },
};

export const condition = {
  resourceType: 'Condition',
  clinicalStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
  },
  verificationStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
  },
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'U07.1' }] },
  subject: { reference: 'Patient/pat-1' },
  onsetDateTime: '2022-03-03',
  recordedDate: '2022-03-05T21:00:00+08:00',
};

export const feverClinicEncounter = {
  resourceType: 'Encounter',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
  serviceType: {
    coding: [{ system: 'urn:shuzhi:cs:encounter-setting', code: 'fever-clinic' }],
    text: '发热门诊',
  },
  subject: { reference: 'Patient/pat-1' },
  period: { start: '2022-03-05T10:15:00+08:00', end: '2022-03-05T11:00:00+08:00' },
  reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '386661006', display: 'Fever' }] }],
  serviceProvider: { reference: 'Organization/fc-1' },
};

export const immunization = {
  resourceType: 'Immunization',
  status: 'completed',
  vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '511' }] },
  patient: { reference: 'Patient/pat-1' },
  occurrenceDateTime: '2021-08-20',
  lotNumber: '202107A12',
  protocolApplied: [{ doseNumberPositiveInt: 2 }],
};

export const organization = {
  resourceType: 'Organization',
  name: '株洲市中心医院',
  identifier: [{ system: 'urn:shuzhi:source:lab-7', value: 'ORG-1' }],
  address: [
    {
      extension: [{ url: 'urn:shuzhi:fhir:StructureDefinition/area-code', valueCode: '430202' }],
      text: '株洲市荷塘区',
    },
  ],
};

export const location = {
  resourceType: 'Location',
  name: '新华路核酸采样点',
  address: { district: '430202', line: ['新华路 1 号'] },
  position: { longitude: 113.15, latitude: 27.83 },
  managingOrganization: { reference: 'Organization/org-1' },
};
