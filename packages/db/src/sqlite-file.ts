/**
 * The embedded database's file holds personal data: a new one is made readable by its owner only, as the
 * upload spool is, and an existing one that others can read is reported once (its mode is the operator's).
 */
import { closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Paths already reported by this process: the warning is said once, not at every open. */
const reported = new Set<string>();

/**
 * Creates the file (and its folder) owner-only when it does not exist yet. SQLite gives the -wal and -shm
 * files it creates the mode of the database file (os_unix.c, `findCreateFileMode`), so they follow.
 */
export function prepareSqliteFile(file: string, warn: (message: string) => void): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(file, 'wx', 0o600));
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0 && !reported.has(file)) {
    reported.add(file);
    warn(
      `database file ${file} can be read by other users of this machine (mode ${mode.toString(8).padStart(4, '0')}); ` +
        `it holds personal data: chmod 600 it (and its -wal and -shm files)`,
    );
  }
}
