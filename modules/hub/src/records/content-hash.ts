/**
 * Content hashes of records. The fast hash is SHA-256 of the JSON as the object holds it (a source that
 * re-sends a record writes its keys in the same order); when it differs from a stored record's, the
 * canonical form (object keys sorted at every level, RFC 8785's ordering rule) decides whether the content
 * really changed, so reordered keys never make a new version.
 */
import * as crypto from 'node:crypto';

/** JSON with object keys in sorted order at every level (RFC 8785's ordering rule, without its number form). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedKeys(value)) ?? 'null';
}

function sortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortedKeys);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = sortedKeys(item);
  }
  return out;
}

// `crypto.hash` (one call, no Hash object) arrived in Node 20.12; older 20.x use createHash.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string })
  .hash;

function sha256(text: string): string {
  return oneShot
    ? oneShot('sha256', text, 'base64url')
    : crypto.createHash('sha256').update(text).digest('base64url');
}

/** The JSON text a content hash is taken of: the value in its own key order. */
export function contentJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of JSON text, base64url (43 characters); the text is `contentJson`'s, so callers can keep it. */
export function hashOfContentJson(json: string): string {
  return sha256(json);
}

/** SHA-256 of the JSON in the object's own key order, base64url (43 characters). */
export function contentHash(value: unknown): string {
  return sha256(contentJson(value));
}

/** Whether two JSON values hold the same content whatever the order of their keys. */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
