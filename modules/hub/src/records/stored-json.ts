/**
 * The JSON text a new record is stored as, made from the content JSON its hash was already taken of instead
 * of serialising the resource a second time (on a million-line import the second `JSON.stringify` was a
 * tenth of the pipeline's own work). The text equals `JSON.stringify` of the stored resource exactly.
 */
import type { Json } from '../core/index.js';

/** The resource as stored: the server's id, no meta (versionId and lastUpdated are added when read). */
export function storedResource(resource: Json, id: string): Json {
  const { meta: _meta, ...rest } = resource;
  return { ...rest, id };
}

/**
 * `JSON.stringify(storedResource(resource, id))`, given `contentJson` — the JSON of the resource without
 * `id` and `meta`, in its own key order. When the resource opens with `resourceType` then `id` (meta
 * aside), as FHIR JSON is written, the id is spliced in after the `resourceType` member; in any other order
 * the resource is serialised again.
 */
export function storedResourceJson(resource: Json, contentJson: string, id: string): string {
  if (opensWithTypeThenId(resource)) {
    const head = `{"resourceType":${JSON.stringify(resource.resourceType)}`;
    if (contentJson.startsWith(head))
      return `${head},"id":${JSON.stringify(id)}${contentJson.slice(head.length)}`;
  }
  return JSON.stringify(storedResource(resource, id));
}

function opensWithTypeThenId(resource: Json): boolean {
  let position = 0;
  for (const key in resource) {
    if (key === 'meta') continue;
    if (position === 0 && key !== 'resourceType') return false;
    if (position === 1) return key === 'id';
    position++;
  }
  return false;
}
