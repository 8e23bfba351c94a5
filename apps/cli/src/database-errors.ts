/**
 * Turns the database's and the file system's own errors into messages an operator can act on: which
 * database, what went wrong, what to check. SQLite alone says "unable to open database file" or
 * "database is locked" without naming the file or the cause.
 */
import { redactUrl } from '@shuzhi/db';

/** SQLite result codes (https://sqlite.org/rescode.html) and Node file-system codes an operator can fix. */
const hints: { match: (code: string) => boolean; hint: string }[] = [
  {
    match: (c) => c === 'SQLITE_BUSY',
    hint: 'another process has held its write lock for longer than the 10 s wait (a large import?); try again when it has finished',
  },
  {
    match: (c) => c === 'SQLITE_CANTOPEN',
    hint: 'check that the path is a file (not a folder), that its folder exists, and that the folder is writable by this user on a disk mounted read-write (SQLite creates the -wal and -shm files beside it)',
  },
  {
    match: (c) => c.startsWith('SQLITE_READONLY') || c === 'EROFS' || c === 'EACCES' || c === 'EPERM',
    hint: 'the database file or its folder is read-only for this user (SQLite also writes the -wal and -shm files beside it)',
  },
  { match: (c) => c === 'SQLITE_FULL' || c === 'ENOSPC', hint: 'the disk is full' },
  {
    match: (c) => c.startsWith('SQLITE_IOERR'),
    hint: 'the disk reported an I/O error (full, failing or removed?)',
  },
  {
    match: (c) => c === 'SQLITE_CORRUPT' || c === 'SQLITE_NOTADB',
    hint: 'the file is not an intact SQLite database',
  },
  { match: (c) => c === 'ENOTDIR', hint: 'a part of the path is a file, not a folder' },
];

/**
 * Kysely answers a transaction that SQLite has already rolled back by itself (on a full disk, an I/O
 * error) with this message, which hides the first error; say what usually causes it.
 */
const ABORTED_TRANSACTION = 'cannot rollback - no transaction is active';

/**
 * A clearer message for a database or file-system error, or undefined when it is not one of those. Only
 * SQLite's errors are put on the database; a file-system error already names the path it is about.
 */
export function describeDatabaseError(error: unknown, database: string): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const where = `database ${redactUrl(database)}`;
  if (error.message.includes(ABORTED_TRANSACTION))
    return `${where}: SQLite aborted the transaction (${error.message}); nothing of it was stored — most often the disk is full or the file became unwritable`;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return undefined;
  const known = hints.find((h) => h.match(code));
  // A file-system error names its own path (the database's folder, an --out folder, an input file).
  if (!code.startsWith('SQLITE_')) return known ? `${error.message} — ${known.hint}` : undefined;
  return known ? `${where}: ${error.message} — ${known.hint}` : `${where}: ${error.message} (${code})`;
}
