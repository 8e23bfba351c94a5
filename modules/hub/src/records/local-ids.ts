/**
 * Ids a data source gives its records (PUT `Patient/p-0001`, an NDJSON line's `id`, a reference it writes)
 * belong to that source's own namespace (pure): two sources may both send `Patient/p-0001` and get two
 * records. Each record also has one platform-wide id, the one staff, consumers, the change feed and person
 * timelines name it by: the source's own id when no other record held it, a new one otherwise. Its source is
 * always shown its own id, so nothing tells it whether another source holds the same one.
 */
import type { Json } from '../core/index.js';

/** The id a record's source knows it by. */
export function localIdOf(row: { id: string; local_id: string | null }): string {
  return row.local_id ?? row.id;
}

const literalReference = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/;

/** The `Type/id` literal references a resource holds (relative ones: the only kind a source's ids are in). */
export function literalReferencesOf(resource: Json): { resourceType: string; localId: string }[] {
  const out: { resourceType: string; localId: string }[] = [];
  visitReferences(resource, (reference) => {
    const match = literalReference.exec(reference);
    if (match) out.push({ resourceType: match[1]!, localId: match[2]! });
    return reference;
  });
  return out;
}

/** A copy whose references `Type/localId` read `Type/platformId` where `platformIds` has one. */
export function withPlatformReferences(resource: Json, platformIds: ReadonlyMap<string, string>): Json {
  if (platformIds.size === 0) return resource;
  return visitReferences(resource, (reference) => {
    const match = literalReference.exec(reference);
    const target = match ? platformIds.get(`${match[1]!}/${match[2]!}`) : undefined;
    return target === undefined ? reference : `${target}${match![3] ?? ''}`;
  }) as Json;
}

function visitReferences(value: unknown, rewrite: (reference: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => visitReferences(item, rewrite));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    copy[key] =
      key === 'reference' && typeof item === 'string' ? rewrite(item) : visitReferences(item, rewrite);
  return copy;
}
