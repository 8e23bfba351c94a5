/**
 * CSV rows over persons their source sent before: each row's person keeps what the row leaves empty
 * (`keepUnstatedPersonFields`), taken from the record as stored — a CSV row's normalised record, or the
 * Patient resource a FHIR submission stored — or from an earlier row of the same file. Read inside the
 * import's transaction, so a concurrent import of the same source is seen as the store will see it.
 */
import { decodeRow } from '@shuzhi/db';
import { sourceRecordSystem, validatePatient, type Json, type PersonRecord } from '../core/index.js';
import { keepUnstatedPersonFields } from '../core/csv/unstated-person-fields.js';
import type { IncomingRecord } from '../records/incoming.js';
import type { Executor } from './import-handler.js';

/** Source record ids per look-up: well under SQLite's and PostgreSQL's limits on bound parameters. */
const KEYS_PER_QUERY = 500;

export async function withEarlierPersonFields(
  executor: Executor,
  items: readonly IncomingRecord[],
  sourceId: string,
): Promise<IncomingRecord[]> {
  const keys = [
    ...new Set(
      items.flatMap((i) =>
        i.record.kind === 'person' && i.record.sourceRecordId ? [i.record.sourceRecordId] : [],
      ),
    ),
  ];
  if (keys.length === 0) return [...items];
  const latest = await storedPersons(executor, sourceId, keys);
  const sourceSystem = sourceRecordSystem(sourceId);
  return items.map((item) => {
    const { record } = item;
    if (record.kind !== 'person' || record.sourceRecordId === undefined) return item;
    const earlier = latest.get(record.sourceRecordId);
    const person = earlier ? keepUnstatedPersonFields(record, earlier, sourceSystem) : record;
    // A later row of the file over the same person builds on this one, as the store will.
    latest.set(record.sourceRecordId, person);
    return person === record ? item : { ...item, record: person };
  });
}

/** The source's current person records by their source record ids. */
async function storedPersons(
  executor: Executor,
  sourceId: string,
  keys: readonly string[],
): Promise<Map<string, PersonRecord>> {
  const out = new Map<string, PersonRecord>();
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const rows = (await executor
      .selectFrom('hub_records')
      .select(['source_record_id', 'resource', 'record'])
      .where('source_id', '=', sourceId)
      .where('resource_type', '=', 'Patient')
      .where('source_record_id', 'in', keys.slice(i, i + KEYS_PER_QUERY))
      .execute()) as { source_record_id: string; resource: Json | null; record: Json | null }[];
    for (const row of rows) {
      const person = personOf(decodeRow(row, { json: ['resource', 'record'] }), sourceId);
      if (person) out.set(row.source_record_id, person);
    }
  }
  return out;
}

/** A stored Patient as a person record: a CSV row's record as it is, a FHIR resource read as on arrival. */
function personOf(
  row: { resource: Json | null; record: Json | null },
  sourceId: string,
): PersonRecord | undefined {
  const record = row.record as { kind?: unknown } | null;
  if (record?.kind === 'person') return record as unknown as PersonRecord;
  if (row.resource === null) return undefined;
  const read = validatePatient(row.resource, { sourceId });
  return read.ok ? read.record : undefined;
}
