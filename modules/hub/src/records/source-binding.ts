/**
 * Files are parsed before the import knows which source sends them (the parse step has no caller), so
 * records are parsed for a placeholder source and bound to the real one when applied: per-source identifier
 * systems are rewritten, and a FHIR record's own source record id is taken from the real source's identifier.
 */
import { sourceRecordSystem, type Identifier, type SubjectReference } from '../core/index.js';
import type { StoredRecord } from './record-kinds.js';

/** The source a file is parsed for until it is applied. */
export const PLACEHOLDER_SOURCE = '__source__';

const placeholderSystem = sourceRecordSystem(PLACEHOLDER_SOURCE);

export function bindSource(
  record: StoredRecord,
  sourceId: string,
  resource?: Record<string, unknown>,
): StoredRecord {
  const system = sourceRecordSystem(sourceId);
  const rebind = (identifier: Identifier): Identifier =>
    identifier.system === placeholderSystem ? { system, value: identifier.value } : identifier;
  let bound: StoredRecord = record;
  if (record.kind === 'person') {
    bound = {
      ...record,
      identifiers: record.identifiers.map(rebind),
      invalidIdentifiers: record.invalidIdentifiers.map((i) => ({ ...i, identifier: rebind(i.identifier) })),
    };
  } else if ('subject' in record) {
    const subject: SubjectReference =
      'identifier' in record.subject ? { identifier: rebind(record.subject.identifier) } : record.subject;
    bound = { ...record, subject } as StoredRecord;
  }
  if (resource && Array.isArray(resource['identifier']) && 'sourceRecordId' in bound) {
    const own = (resource['identifier'] as { system?: unknown; value?: unknown }[]).find(
      (i) => i.system === system && typeof i.value === 'string',
    );
    if (own) bound = { ...bound, sourceRecordId: String(own.value) } as StoredRecord;
  }
  return bound;
}
