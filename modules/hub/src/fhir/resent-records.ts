/**
 * A FHIR file sent again must change nothing. Its records are keyed by the source's own identifier
 * (`urn:shuzhi:source:{sourceId}`), as on the REST API; and a Bundle's created entries, which get new ids
 * when the file is read, take the ids their records already have, with every reference to them following.
 */
import { sourceRecordSystem, type Json } from '../core/index.js';
import type { Executor } from '../records/bulk-writer.js';
import type { IncomingRecord } from '../records/incoming.js';
import { naturalKeyOf, storedTypeOf, type StoredRecord } from '../records/record-kinds.js';

/** Finds the ids a source's records of one type have, by source record id. */
export type StoredIdLookup = (
  executor: Executor,
  request: { sourceId: string; resourceType: string; sourceRecordIds: string[] },
) => Promise<Map<string, string>>;

/**
 * The record with its source record id taken from the resource's identifier under the source's own system,
 * when reading the file (for a source not yet known) could not tell which identifier that was.
 */
export function withOwnRecordId(
  record: StoredRecord,
  resource: Json | undefined,
  sourceId: string,
): StoredRecord {
  if (!resource || record.kind === 'traveler' || record.kind === 'pharmacy-sale') return record;
  if (record.sourceRecordId !== undefined) return record;
  const system = sourceRecordSystem(sourceId);
  const identifiers = Array.isArray(resource.identifier) ? (resource.identifier as Json[]) : [];
  const own = identifiers.find((i) => i.system === system && typeof i.value === 'string');
  return own ? { ...record, sourceRecordId: own.value as string } : record;
}

/**
 * Gives each created entry (an id planned when the file was read, not the client's) whose record is stored
 * already that record's id, and points every reference to the planned id at the stored one.
 */
export async function bindResentRecords(
  executor: Executor,
  items: IncomingRecord[],
  options: { sourceId: string; lookup: StoredIdLookup },
): Promise<IncomingRecord[]> {
  const planned = new Map<string, { type: string; keys: Map<string, string> }>();
  for (const item of items) {
    const key = naturalKeyOf(item.record);
    if (item.id === undefined || item.idIsBinding || key === undefined) continue;
    const type = storedTypeOf[item.record.kind];
    const group = planned.get(type) ?? { type, keys: new Map<string, string>() };
    group.keys.set(key, item.id);
    planned.set(type, group);
  }
  const moved = new Map<string, string>();
  for (const { type, keys } of planned.values()) {
    const stored = await options.lookup(executor, {
      sourceId: options.sourceId,
      resourceType: type,
      sourceRecordIds: [...keys.keys()],
    });
    for (const [key, plannedId] of keys) {
      const id = stored.get(key);
      if (id !== undefined && id !== plannedId) moved.set(`${type}/${plannedId}`, `${type}/${id}`);
    }
  }
  if (moved.size === 0) return items;
  return items.map((item) => {
    const type = storedTypeOf[item.record.kind];
    const target = item.id === undefined ? undefined : moved.get(`${type}/${item.id}`);
    return {
      ...item,
      ...(target !== undefined ? { id: target.slice(type.length + 1) } : {}),
      record: repointed(item.record, moved),
      ...(item.resource ? { resource: repointed(item.resource, moved) } : {}),
    };
  });
}

/** A copy with every `reference` to a moved `Type/id` pointing at where it moved. */
function repointed<T>(value: T, moved: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) return value.map((item: unknown) => repointed(item, moved)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      key === 'reference' && typeof item === 'string' ? (moved.get(item) ?? item) : repointed(item, moved);
  }
  return copy as T;
}
