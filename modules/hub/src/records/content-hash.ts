/**
 * Content hashes of records: a canonical JSON form (object keys sorted, no whitespace) hashed with SHA-256,
 * so that a re-sent record with the same content is recognised however its keys were ordered.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys in sorted order at every level (RFC 8785's ordering rule, without its number form). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 of the canonical JSON, base64url (43 characters). */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}
