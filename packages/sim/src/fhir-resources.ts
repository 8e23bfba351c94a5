/**
 * FHIR R4 resources the synthetic hospitals, laboratories, port and immunisation registry send: Patient,
 * Observation (SARS-CoV-2 PCR and antigen), Condition (COVID-19), Encounter (fever-clinic visits),
 * Immunization and Organization. Codes: LOINC 94500-6 / 94558-4, SNOMED CT 10828004 positive and
 * 260385009 negative, ICD-10 U07.1 / U07.2, CVX 510 / 511, HL7 v3 ActCode AMB.
 */

export const identifierSystems = {
  residentId: 'urn:shuzhi:id:cn-resident',
  passport: 'urn:shuzhi:id:passport',
  source: (sourceId: string) => `urn:shuzhi:source:${sourceId}`,
  organization: 'urn:shuzhi:organization',
} as const;

/** Extension carrying the GB/T 2260-based area code (grid, 15 digits) of a Patient's address. */
export const areaCodeExtensionUrl = 'urn:shuzhi:fhir:StructureDefinition/area-code';

export type Resource = Record<string, unknown> & { resourceType: string; id: string };

export interface PatientFields {
  id: string;
  sourceId: string;
  recordId: string;
  residentId?: string;
  passport?: string;
  family: string;
  given: string;
  /** Full name as written: 王小明 (family then given), or "John SMITH". */
  text: string;
  gender: 'male' | 'female';
  birthDate?: string;
  phone?: string;
  address?: { text: string; district: string; city: string; state: string; areaCode: string };
}

export function patient(f: PatientFields): Resource {
  const identifier: { system: string; value: string }[] = [
    { system: identifierSystems.source(f.sourceId), value: f.recordId },
  ];
  if (f.residentId) identifier.push({ system: identifierSystems.residentId, value: f.residentId });
  if (f.passport) identifier.push({ system: identifierSystems.passport, value: f.passport });
  return {
    resourceType: 'Patient',
    id: f.id,
    identifier,
    name: [{ use: 'official', text: f.text, family: f.family, given: [f.given] }],
    gender: f.gender,
    ...(f.birthDate ? { birthDate: f.birthDate } : {}),
    ...(f.phone ? { telecom: [{ system: 'phone', value: f.phone, use: 'mobile' }] } : {}),
    ...(f.address
      ? {
          address: [
            {
              use: 'home',
              ...(f.address.text ? { text: f.address.text } : {}),
              ...(f.address.district ? { district: f.address.district } : {}),
              ...(f.address.city ? { city: f.address.city } : {}),
              ...(f.address.state ? { state: f.address.state } : {}),
              country: 'CN',
              extension: [{ url: areaCodeExtensionUrl, valueCode: f.address.areaCode }],
            },
          ],
        }
      : {}),
  };
}

const loinc = {
  pcr: {
    code: '94500-6',
    display: 'SARS-CoV-2 (COVID-19) RNA [Presence] in Respiratory specimen by NAA with probe detection',
  },
  antigen: {
    code: '94558-4',
    display: 'SARS-CoV-2 (COVID-19) Ag [Presence] in Respiratory specimen by Rapid immunoassay',
  },
} as const;

export interface ObservationFields {
  id: string;
  patientId: string;
  organizationId: string;
  kind: 'pcr' | 'antigen';
  positive: boolean;
  /** Specimen collection time. */
  effective: string;
  /** Result time. */
  issued: string;
  /** Pool identifier for a negative result from a pooled (10-in-1) sample. */
  pool?: string;
}

export function observation(f: ObservationFields): Resource {
  const code = loinc[f.kind];
  return {
    resourceType: 'Observation',
    id: f.id,
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
        ],
      },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: code.code, display: code.display }] },
    subject: { reference: `Patient/${f.patientId}` },
    effectiveDateTime: f.effective,
    issued: f.issued,
    performer: [{ reference: `Organization/${f.organizationId}` }],
    valueCodeableConcept: {
      coding: [
        f.positive
          ? { system: 'http://snomed.info/sct', code: '10828004', display: 'Positive' }
          : { system: 'http://snomed.info/sct', code: '260385009', display: 'Negative' },
      ],
    },
    ...(f.pool
      ? {
          method: { text: 'pooled sample, 10 specimens' },
          identifier: [{ system: 'urn:shuzhi:sample-pool', value: f.pool }],
        }
      : {}),
  };
}

export interface ConditionFields {
  id: string;
  patientId: string;
  /** U07.1 confirmed by test; U07.2 diagnosed clinically or epidemiologically without a positive test. */
  code: 'U07.1' | 'U07.2';
  onsetDate?: string;
  recorded: string;
  encounterId?: string;
}

export function condition(f: ConditionFields): Resource {
  return {
    resourceType: 'Condition',
    id: f.id,
    clinicalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
    },
    verificationStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
          code: f.code === 'U07.1' ? 'confirmed' : 'provisional',
        },
      ],
    },
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis' },
        ],
      },
    ],
    code: {
      coding: [
        {
          system: 'http://hl7.org/fhir/sid/icd-10',
          code: f.code,
          display: f.code === 'U07.1' ? 'COVID-19, virus identified' : 'COVID-19, virus not identified',
        },
      ],
    },
    subject: { reference: `Patient/${f.patientId}` },
    ...(f.encounterId ? { encounter: { reference: `Encounter/${f.encounterId}` } } : {}),
    ...(f.onsetDate ? { onsetDateTime: f.onsetDate } : {}),
    recordedDate: f.recorded,
  };
}

export interface EncounterFields {
  id: string;
  patientId: string;
  organizationId: string;
  start: string;
  end: string;
  /** Location id of the fever clinic (the venue id in venues.csv). */
  locationId: string;
}

export function encounter(f: EncounterFields): Resource {
  return {
    resourceType: 'Encounter',
    id: f.id,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    type: [{ text: '发热门诊 fever clinic' }],
    subject: { reference: `Patient/${f.patientId}` },
    period: { start: f.start, end: f.end },
    reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '386661006', display: 'Fever' }] }],
    location: [{ location: { reference: `Location/${fhirId(f.locationId)}` } }],
    serviceProvider: { reference: `Organization/${f.organizationId}` },
  };
}

export interface ImmunizationFields {
  id: string;
  patientId: string;
  organizationId: string;
  /** CVX 510 Sinopharm BIBP, 511 Sinovac CoronaVac (inactivated vaccines). */
  cvx: '510' | '511';
  date: string;
  dose: number;
}

export function immunization(f: ImmunizationFields): Resource {
  return {
    resourceType: 'Immunization',
    id: f.id,
    status: 'completed',
    vaccineCode: {
      coding: [
        {
          system: 'http://hl7.org/fhir/sid/cvx',
          code: f.cvx,
          display:
            f.cvx === '510'
              ? 'COVID-19 IV Non-US Vaccine (BIBP, Sinopharm)'
              : 'COVID-19 IV Non-US Vaccine (CoronaVac, Sinovac)',
        },
      ],
    },
    patient: { reference: `Patient/${f.patientId}` },
    occurrenceDateTime: f.date,
    primarySource: true,
    performer: [{ actor: { reference: `Organization/${f.organizationId}` } }],
    protocolApplied: [{ doseNumberPositiveInt: f.dose }],
  };
}

/**
 * A FHIR resource id for a platform id: FHIR R4 ids are 1–64 of [A-Za-z0-9\-.] (R4 §2.24.0.1, type `id`),
 * so other characters (the `_` of `fever_clinic`) become `-`; the original id stays in the identifier.
 */
export function fhirId(id: string): string {
  return id.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);
}

/** A place where care is given (the fever clinic), identified by its venue id as in venues.csv. */
export function location(f: {
  id: string;
  name: string;
  organizationId: string;
  lon: number;
  lat: number;
}): Resource {
  return {
    resourceType: 'Location',
    id: fhirId(f.id),
    identifier: [{ system: 'urn:shuzhi:venue', value: f.id }],
    status: 'active',
    name: f.name,
    type: [{ text: '发热门诊 fever clinic' }],
    position: { longitude: f.lon, latitude: f.lat },
    managingOrganization: { reference: `Organization/${f.organizationId}` },
  };
}

export function organization(
  id: string,
  name: string,
  type: 'prov' | 'govt' | 'other',
  areaCode: string,
): Resource {
  return {
    resourceType: 'Organization',
    id,
    identifier: [{ system: identifierSystems.organization, value: id }],
    active: true,
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: type }] }],
    name,
    address: [{ country: 'CN', extension: [{ url: areaCodeExtensionUrl, valueCode: areaCode }] }],
  };
}
