/**
 * The normalised records the hub's ingest produces, whether the data came as FHIR resources or as CSV
 * rows: one shape per kind of fact, identifiers in canonical form, times as UTC ISO 8601 strings, dates as
 * YYYY-MM-DD. Both paths feed these into one pipeline (linkage, storage, change feed).
 */
import type { Identifier } from './identifiers/identifier-systems.js';

export type Sex = 'male' | 'female' | 'other' | 'unknown';

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

/** How a record names its person: a FHIR reference (`Patient/123`, `urn:uuid:…`) or a logical identifier. */
export type SubjectReference = { reference: string } | { identifier: Identifier };

/** A source's record of a person (FHIR Patient; the person columns of a CSV row; a traveller). */
export interface PersonRecord {
  kind: 'person';
  /** The source's own id of this person record, when known (FHIR: the source-system identifier). */
  sourceRecordId?: string;
  /** Valid identifiers in canonical form. */
  identifiers: Identifier[];
  /** Identifiers kept but not trusted (a resident ID failing its check digit…), with the reason. */
  invalidIdentifiers: { identifier: Identifier; problem: string }[];
  name?: string;
  sex?: Sex;
  birthDate?: string;
  /** E.164 for a mainland mobile (`+86…`), else as given. */
  phone?: string;
  /** GB/T 2260 code of the area of residence. */
  areaCode?: string;
  address?: string;
  /** ISO 3166-1 alpha-3. */
  nationality?: string;
}

export type TestKind = 'pcr' | 'antigen' | 'antibody' | 'other';
export type TestResult = 'positive' | 'negative' | 'indeterminate' | 'other';

/** A laboratory result (FHIR Observation of category laboratory; CSV lab-results). */
export interface LabResultRecord {
  kind: 'lab-result';
  sourceRecordId?: string;
  subject: SubjectReference;
  status: string;
  /** The test, a LOINC coding (94500-6 SARS-CoV-2 PCR, 94558-4 antigen…). */
  test: Coding;
  testKind: TestKind;
  result: TestResult;
  valueText?: string;
  valueQuantity?: { value: number; unit?: string };
  /** When the specimen was collected (Observation.effective[x]). */
  specimenCollectedAt?: string;
  /** When the result was issued (Observation.issued). */
  resultedAt?: string;
  performer?: string;
}

export type CaseClassification = 'confirmed' | 'clinical' | 'suspected' | 'asymptomatic' | 'other';

/** A diagnosis (FHIR Condition; CSV case-reports). */
export interface DiagnosisRecord {
  kind: 'diagnosis';
  sourceRecordId?: string;
  subject: SubjectReference;
  /** ICD-10 (U07.1 COVID-19 virus identified, U07.2 virus not identified) or another code. */
  code: Coding;
  classification: CaseClassification;
  clinicalStatus?: string;
  verificationStatus?: string;
  /** Symptom onset: a date or a UTC instant. */
  onset?: string;
  /** When the diagnosis was recorded (UTC). */
  recordedAt?: string;
  abatement?: string;
}

/** A visit (FHIR Encounter; CSV fever-clinic-visits). */
export interface EncounterRecord {
  kind: 'encounter';
  sourceRecordId?: string;
  subject: SubjectReference;
  status: string;
  /** v3 ActCode class: AMB ambulatory, EMER emergency, IMP inpatient, VR virtual… */
  encounterClass: string;
  /** `fever-clinic` for fever-clinic (发热门诊) visits. */
  setting: 'fever-clinic' | 'other';
  start?: string;
  end?: string;
  reasons: Coding[];
  fever?: boolean;
  temperatureC?: number;
  symptoms: string[];
  serviceProvider?: string;
}

/** A vaccination (FHIR Immunization; CSV vaccinations). */
export interface VaccinationRecord {
  kind: 'vaccination';
  sourceRecordId?: string;
  subject: SubjectReference;
  status: string;
  vaccine: Coding;
  /** A date or a UTC instant. */
  occurred: string;
  doseNumber?: number;
  lotNumber?: string;
  performer?: string;
}

export interface OrganizationRecord {
  kind: 'organization';
  sourceRecordId?: string;
  name: string;
  identifiers: Identifier[];
  type?: Coding;
  areaCode?: string;
  active: boolean;
}

export interface LocationRecord {
  kind: 'location';
  sourceRecordId?: string;
  name: string;
  areaCode?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
  managingOrganization?: string;
}

export type PharmacyProductClass = 'antipyretic' | 'cough' | 'antiviral';

/** Daily sales of one product class at one pharmacy (syndromic surveillance). */
export interface PharmacySaleRecord {
  kind: 'pharmacy-sale';
  pharmacyId: string;
  areaCode: string;
  date: string;
  productClass: PharmacyProductClass;
  units: number;
}

/**
 * Presence and population records (check-ins, trips, stays, gate passes, households, inbound travellers)
 * name their person by `personId` exactly as imported: a platform person id or any identifier the hub knows.
 */
export interface CheckinRecord {
  kind: 'checkin';
  personId: string;
  venueId: string;
  zone?: string;
  checkIn: string;
  checkOut: string;
  /** The check-out was missing and set to check-in plus the default dwell. */
  checkOutImputed: boolean;
}

export type TripMode = 'flight' | 'train' | 'bus' | 'metro';

export interface TripRecord {
  kind: 'trip';
  personId: string;
  tripId: string;
  mode: TripMode;
  departure: string;
  arrival: string;
  carriage?: string;
  seat?: string;
  /** The seat's row: its leading number (`12A` → 12). */
  seatRow?: number;
}

export interface StayRecord {
  kind: 'stay';
  personId: string;
  hotelId: string;
  room: string;
  checkIn: string;
  /** Absent while the guest is still checked in. */
  checkOut?: string;
}

export interface GatePassRecord {
  kind: 'gate-pass';
  personId: string;
  communityId: string;
  gateId: string;
  direction: 'in' | 'out';
  time: string;
}

export interface HouseholdRecord {
  kind: 'household';
  personId: string;
  householdId: string;
}

/** `cn-resident` names the resident identity card, as in the identifier system `urn:shuzhi:id:cn-resident`. */
export type TravelDocumentType = 'passport' | 'cn-resident' | 'travel-permit' | 'other';

/** An inbound traveller (境外输入 register): arrival, port and trip, origin and destination. */
export interface TravelerRecord {
  kind: 'traveler';
  personId: string;
  documentType: TravelDocumentType;
  documentNumber: string;
  arrival: string;
  port: string;
  tripId?: string;
  /** ISO 3166-1 alpha-3. */
  originCountry: string;
  /** GB/T 2260 code of the destination area (county, street, community or grid). */
  destinationArea: string;
}

/** One count of one indicator in one area on one day (the surveillance input `area,indicator,date,count`). */
export interface IndicatorRecord {
  kind: 'indicator';
  area: string;
  indicator: string;
  date: string;
  count: number;
}

export type ClinicalRecord = LabResultRecord | DiagnosisRecord | EncounterRecord | VaccinationRecord;
export type PresenceRecord = CheckinRecord | TripRecord | StayRecord | GatePassRecord | HouseholdRecord;

export type HubRecord =
  | PersonRecord
  | ClinicalRecord
  | OrganizationRecord
  | LocationRecord
  | PharmacySaleRecord
  | PresenceRecord
  | TravelerRecord
  | IndicatorRecord;
