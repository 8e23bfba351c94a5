/** Identifiers: random, URL-safe, prefixed by kind so a log line or a URL says what it points at. */
import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghijkmnpqrstuvwxyz';

/**
 * Bytes for ids come from a pool the CSPRNG fills 4 KiB at a time: one call per ~200 ids instead of one per
 * id (a bulk import creates hundreds of thousands). Secrets never come from the pool.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function pooledRandomBytes(count: number): Buffer {
  if (offset + count > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + count);
  offset += count;
  return bytes;
}

/** 20 random characters of the id alphabet (~100 bits). */
export function randomIdChars(): string {
  const bytes = pooledRandomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** A new random id such as `usr_7k2m…` (20 characters after the prefix, ~100 bits). */
export function newId(prefix: string): string {
  return `${prefix}_${randomIdChars()}`;
}

/** A random secret token (API keys, session tokens), base64url, 32 bytes. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
