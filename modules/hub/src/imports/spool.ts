/**
 * Receives an uploaded file without holding it in one string (V8 strings stop near 512 MB; a city's NDJSON
 * lab file is ~900 MB): the body is written as it arrives to a private temporary file, up to a size limit,
 * and the import reads it back as a stream. Kinds that cannot stream get the body as text, within a limit.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { finished, Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@shuzhi/core';
import { ownerAlive } from './job-owner.js';

/** `SHUZHI_IMPORT_MAX_BYTES` unless configured: 4 GiB. */
export const DEFAULT_IMPORT_MAX_BYTES = 4 * 1024 ** 3;

/** The most a kind that reads its file as one string can take (V8's string length limit, in UTF-8 bytes). */
export const TEXT_IMPORT_MAX_BYTES = 512 * 1024 * 1024;

export interface SpoolOptions {
  /** Folder of the temporary files; created (0700) when missing. */
  directory: string;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /**
   * The folder is this server's alone (beside its embedded database), so files left in it by a crash can be
   * deleted at start; never the shared system temp folder, where another server may be receiving a file.
   */
  ownDirectory?: boolean;
  /**
   * The process receiving the upload (`job-owner.ts`), named in the file so that a starting server deletes
   * only the files of processes that are gone, not those another server beside it is receiving.
   */
  owner?: string;
}

/** Names of spooled uploads (`spoolUpload` makes them): `shuzhi-import-[PID-INSTANCE-]RANDOM.part`. */
const SPOOL_FILE = /^shuzhi-import-(?:(\d+)-([0-9a-f]+)-)?[0-9a-f]{32}\.part$/;

/**
 * Deletes the spooled uploads a crash left behind (an upload or an import cut off before its file was
 * deleted): those whose receiving process is gone, and those that name none (made before files named
 * theirs). Other files in the folder, and uploads live processes are receiving, are not touched.
 */
export async function discardLeftoverSpools(directory: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return 0;
  }
  const leftovers = names.filter((name) => {
    const match = SPOOL_FILE.exec(name);
    if (!match) return false;
    const [, pid, instance] = match;
    // The folder sits beside the embedded database: the processes writing into it share this host.
    return pid === undefined || ownerAlive(`${hostname()}:${pid}:${instance}`) !== true;
  });
  await Promise.all(leftovers.map((name) => rm(join(directory, name), { force: true })));
  return leftovers.length;
}

/** The file-name part naming the receiving process (`PID-INSTANCE-`), or nothing. */
function ownerPart(owner: string | undefined): string {
  const [, pid, instance] = owner?.split(':') ?? [];
  return pid && instance && /^\d+$/.test(pid) && /^[0-9a-f]+$/.test(instance) ? `${pid}-${instance}-` : '';
}

export interface UploadLimit {
  maxBytes: number;
  /** What the limit is, for the refusal: "the import limit (SHUZHI_IMPORT_MAX_BYTES)". */
  name: string;
  /** The body's declared Content-Length, if any: a body declared too large is refused before it is read. */
  declaredBytes?: number;
}

/** A body larger than the limit: HTTP 413 Content Too Large (RFC 9110 §15.5.14), naming the limit. */
export class UploadTooLargeError extends AppError {
  constructor(limit: UploadLimit) {
    const reason = `larger than ${limit.name}, ${limit.maxBytes} bytes`;
    super('content_too_large', `the file is ${reason}`, { issues: [{ field: 'body', reason }] });
  }
}

export interface SpooledUpload {
  /** Bytes received. */
  bytes: number;
  /** The file's contents from the start. */
  read(): AsyncIterable<Buffer>;
  /** Deletes the file; safe to call more than once. */
  discard(): Promise<void>;
}

/**
 * Writes the body to a new temporary file (mode 0600, an unguessable name, created exclusively). On any
 * failure — too large, the client gone mid-upload, the disk full — the file is deleted before this rejects.
 */
export async function spoolUpload(
  body: Readable,
  options: SpoolOptions & { limit: UploadLimit },
): Promise<SpooledUpload> {
  refuseDeclaredSize(options.limit);
  await mkdir(options.directory, { recursive: true, mode: 0o700 });
  const path = join(
    options.directory,
    `shuzhi-import-${ownerPart(options.owner)}${randomBytes(16).toString('hex')}.part`,
  );
  const file = await open(path, 'wx', 0o600);
  let bytes: number;
  try {
    // The write stream closes the file when it finishes or fails.
    bytes = await receive(body, file.createWriteStream(), options.limit);
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(path, { force: true });
    throw error;
  }
  return {
    bytes,
    read: () => createReadStream(path),
    discard: () => rm(path, { force: true }),
  };
}

/** Reads the body into a string (UTF-8), refusing it beyond the limit. */
export async function readUploadText(body: Readable, limit: UploadLimit): Promise<string> {
  refuseDeclaredSize(limit);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, next) {
      chunks.push(chunk);
      next();
    },
  });
  await receive(body, sink, limit);
  return Buffer.concat(chunks).toString('utf8');
}

/** `{ declaredBytes }` from a Content-Length header, or nothing when there is none (chunked uploads). */
export function declaredBytesOf(contentLength: string | undefined): { declaredBytes?: number } {
  const bytes =
    contentLength !== undefined && /^\d+$/.test(contentLength) ? Number(contentLength) : Number.NaN;
  return Number.isSafeInteger(bytes) ? { declaredBytes: bytes } : {};
}

function refuseDeclaredSize(limit: UploadLimit): void {
  if (limit.declaredBytes !== undefined && limit.declaredBytes > limit.maxBytes)
    throw new UploadTooLargeError(limit);
}

class UploadInterrupted extends Error {}

/**
 * Copies the body into `sink`, counting bytes. The body is read without being owned: on a refusal it is
 * left open (not destroyed), so the 413 can still be sent on the same connection.
 */
async function receive(body: Readable, sink: Writable, limit: UploadLimit): Promise<number> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      bytes += chunk.length;
      if (bytes > limit.maxBytes) next(new UploadTooLargeError(limit));
      else next(null, chunk);
    },
  });
  // A client that disconnects ends the body early (an error, or a close without end).
  const stopWatching = finished(body, { writable: false }, (error) => {
    if (error) counter.destroy(new UploadInterrupted('the upload ended before the whole file arrived'));
  });
  body.pipe(counter);
  try {
    await pipeline(counter, sink);
  } catch (error) {
    throw receiveError(error);
  } finally {
    stopWatching();
    body.unpipe(counter);
  }
  return bytes;
}

function receiveError(error: unknown): unknown {
  if (error instanceof UploadInterrupted)
    return new AppError('invalid_input', error.message, {
      issues: [{ field: 'body', reason: error.message }],
      cause: error,
    });
  if ((error as NodeJS.ErrnoException).code === 'ENOSPC')
    return new AppError('unavailable', 'not enough disk space to receive the file', { cause: error });
  return error;
}
