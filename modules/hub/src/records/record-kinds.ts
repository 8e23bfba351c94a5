/**
 * The kinds of normalised records the record store keeps, the type each is stored under (FHIR resource
 * types where there is one), and the values searches and quality measures need from each: code, date
 * range, recorded date and effective time.
 */
import {
  parsePartialDateTime,
  type ClinicalRecord,
  type LocationRecord,
  type OrganizationRecord,
  type PersonRecord,
  type PharmacySaleRecord,
  type TravelerRecord,
} from '../core/index.js';

export type StoredRecord =
  PersonRecord | ClinicalRecord | OrganizationRecord | LocationRecord | TravelerRecord | PharmacySaleRecord;

export type StoredKind = StoredRecord['kind'];

export const storedTypeOf: Record<StoredKind, string> = {
  person: 'Patient',
  'lab-result': 'Observation',
  diagnosis: 'Condition',
  encounter: 'Encounter',
  vaccination: 'Immunization',
  organization: 'Organization',
  location: 'Location',
  traveler: 'Traveler',
  'pharmacy-sale': 'PharmacySale',
};

/** The entity name in change-feed topics (`hub.<entity>.created`); see `datasetOfTopic`. */
export const topicEntityOf: Record<StoredKind, string> = {
  person: 'person',
  'lab-result': 'observation',
  diagnosis: 'condition',
  encounter: 'encounter',
  vaccination: 'immunization',
  organization: 'organization',
  location: 'location',
  traveler: 'traveler',
  'pharmacy-sale': 'pharmacy_sale',
};

export const idPrefixOf: Record<StoredKind, string> = {
  person: 'pat',
  'lab-result': 'obs',
  diagnosis: 'cnd',
  encounter: 'enc',
  vaccination: 'imm',
  organization: 'org',
  location: 'loc',
  traveler: 'trv',
  'pharmacy-sale': 'phs',
};

const storedKinds = new Set<string>(Object.keys(storedTypeOf));

export function isStoredRecord(record: { kind: string }): record is StoredRecord {
  return storedKinds.has(record.kind);
}

/** The source record id of a record that has none of its own (travellers, pharmacy sales). */
export function naturalKeyOf(record: StoredRecord): string | undefined {
  if (record.kind === 'traveler') return `${record.personId}|${record.arrival}`;
  if (record.kind === 'pharmacy-sale') return `${record.pharmacyId}|${record.date}|${record.productClass}`;
  return 'sourceRecordId' in record ? record.sourceRecordId : undefined;
}

export interface SearchFields {
  codeSystem: string | null;
  code: string | null;
  /** The record's main date as a half-open range in epoch ms (FHIR `date`, `onset-date`). */
  dateFrom: number | null;
  dateTo: number | null;
  recordedMs: number | null;
  /** When the fact happened (UTC ISO), for the delay between it and its arrival. */
  effectiveAt: string | null;
}

export function searchFieldsOf(record: StoredRecord): SearchFields {
  const none: SearchFields = {
    codeSystem: null,
    code: null,
    dateFrom: null,
    dateTo: null,
    recordedMs: null,
    effectiveAt: null,
  };
  switch (record.kind) {
    case 'lab-result':
      return {
        ...none,
        codeSystem: record.test.system,
        code: record.test.code,
        ...range(record.specimenCollectedAt),
        effectiveAt: record.specimenCollectedAt ?? record.resultedAt ?? null,
      };
    case 'diagnosis':
      return {
        ...none,
        codeSystem: record.code.system,
        code: record.code.code,
        ...range(record.onset),
        recordedMs: record.recordedAt ? Date.parse(record.recordedAt) : null,
        effectiveAt: record.recordedAt ?? instantOf(record.onset),
      };
    case 'encounter': {
      const start = range(record.start);
      const end = range(record.end);
      return {
        ...none,
        dateFrom: start.dateFrom,
        dateTo: end.dateTo ?? start.dateTo,
        effectiveAt: record.start ?? null,
      };
    }
    case 'vaccination':
      return {
        ...none,
        codeSystem: record.vaccine.system,
        code: record.vaccine.code,
        ...range(record.occurred),
        effectiveAt: instantOf(record.occurred),
      };
    case 'traveler':
      return { ...none, ...range(record.arrival), effectiveAt: record.arrival };
    case 'pharmacy-sale':
      return { ...none, ...range(record.date), effectiveAt: instantOf(record.date) };
    case 'person':
    case 'organization':
    case 'location':
      return none;
  }
}

function range(value: string | undefined): { dateFrom: number | null; dateTo: number | null } {
  const parsed = value === undefined ? null : parsePartialDateTime(value);
  return parsed
    ? { dateFrom: parsed.range.start, dateTo: parsed.range.end }
    : { dateFrom: null, dateTo: null };
}

/** A date or instant as a UTC instant (a date is read as its first moment in UTC+8). */
function instantOf(value: string | undefined): string | null {
  const parsed = value === undefined ? null : parsePartialDateTime(value);
  return parsed ? new Date(parsed.range.start).toISOString() : null;
}
