/** Identifiers: random, URL-safe, prefixed by kind so a log line or a URL says what it points at. */
import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghijkmnpqrstuvwxyz';

/** A new random id such as `usr_7k2m…` (20 characters after the prefix, ~100 bits). */
export function newId(prefix: string): string {
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${prefix}_${out}`;
}

/** A random secret token (API keys, session tokens), base64url, 32 bytes. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
