/** Test helpers of the master person index's tests. */
import type { Json } from '../core/index.js';

/** What a test says of a person a source reports. */
export interface PatientFields {
  residentId?: string;
  name: string;
  /** Female unless said. */
  gender?: 'male' | 'female';
  birthDate: string;
  phone?: string;
}

/** A FHIR Patient stating these fields (with this id when given). */
export function patient(fields: PatientFields, id?: string): Json {
  return {
    resourceType: 'Patient',
    ...(id ? { id } : {}),
    ...(fields.residentId
      ? { identifier: [{ system: 'urn:shuzhi:id:cn-resident', value: fields.residentId }] }
      : {}),
    name: [{ text: fields.name }],
    gender: fields.gender ?? 'female',
    birthDate: fields.birthDate,
    ...(fields.phone ? { telecom: [{ system: 'phone', value: fields.phone }] } : {}),
  };
}
