/**
 * A record dated in the future is a typing error (2099 for 2029, a month and day swapped into next year), not
 * news from the future: a positive result "collected" in 2099 would sit in every epidemic curve's last
 * bucket, and a birth date in 2030 makes a negative age. The ingest pipeline refuses such a record, naming
 * the element (FHIR) or column (CSV). One day of tolerance covers time zones and clocks running ahead.
 *
 * Travellers are left out on purpose: their arrival is announced before it happens.
 */
import type { StoredRecord } from './record-kinds.js';
import { coded, type CodedReason } from '../core/index.js';

/** How far ahead of the hub's clock a date may be (time zones, a source's clock running fast). */
const TOLERANCE_MS = 24 * 60 * 60 * 1000;

interface DatedField {
  value: (record: StoredRecord) => string | undefined;
  /** The FHIR element, then the CSV column, that carries it. */
  fhir: string;
  csv: string;
}

const datedFields: Partial<Record<StoredRecord['kind'], DatedField[]>> = {
  person: [field((r) => (r.kind === 'person' ? r.birthDate : undefined), 'birthDate', 'birth_date')],
  'lab-result': [
    field(
      (r) => (r.kind === 'lab-result' ? r.specimenCollectedAt : undefined),
      'effectiveDateTime',
      'specimen_collected_at',
    ),
    field((r) => (r.kind === 'lab-result' ? r.resultedAt : undefined), 'issued', 'resulted_at'),
  ],
  diagnosis: [
    field((r) => (r.kind === 'diagnosis' ? r.onset : undefined), 'onsetDateTime', 'onset_date'),
    field((r) => (r.kind === 'diagnosis' ? r.recordedAt : undefined), 'recordedDate', 'diagnosed_at'),
  ],
  encounter: [field((r) => (r.kind === 'encounter' ? r.start : undefined), 'period.start', 'visit_at')],
  vaccination: [
    field((r) => (r.kind === 'vaccination' ? r.occurred : undefined), 'occurrenceDateTime', 'vaccinated_on'),
  ],
  'pharmacy-sale': [field((r) => (r.kind === 'pharmacy-sale' ? r.date : undefined), 'date', 'date')],
};

function field(value: DatedField['value'], fhir: string, csv: string): DatedField {
  return { value, fhir, csv };
}

/** The first date of the record that lies in the future, as the field and reason of a refusal; or null. */
export function futureDateIssue(
  record: StoredRecord,
  fromFhir: boolean,
  now: Date,
): ({ field: string } & CodedReason) | null {
  const latest = now.getTime() + TOLERANCE_MS;
  for (const dated of datedFields[record.kind] ?? []) {
    const value = dated.value(record);
    if (value === undefined || earliestInstantOf(value) <= latest) continue;
    return {
      field: fromFhir ? dated.fhir : dated.csv,
      ...coded('in-future', { value, today: now.toISOString().slice(0, 10) }),
    };
  }
  return null;
}

/**
 * The earliest moment a stored date or instant can stand for: a full instant as it is; a date, month or year
 * (`2026-03-01`, `2026-03`, `2026`) from its first day at 00:00 in the easternmost time zone (UTC+14), so
 * that no zone's "today" is taken for the future.
 */
function earliestInstantOf(value: string): number {
  if (value.length > 10) return Date.parse(value);
  const [year, month = '01', day = '01'] = value.split('-');
  return Date.parse(`${year}-${month}-${day}T00:00:00+14:00`);
}
