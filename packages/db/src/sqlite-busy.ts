/**
 * SQLite's one write lock, met while another process (a CLI import, a second server) holds it. The driver
 * waits for it synchronously, holding the whole event loop, so the wait is kept short and what is left is
 * reported as `unavailable` (503 with Retry-After), never as an internal error.
 */

/**
 * How long a statement waits for the write lock before failing with SQLITE_BUSY. better-sqlite3 sleeps
 * in the calling thread (https://sqlite.org/c3ref/busy_timeout.html), so this bounds how long one write
 * can freeze the server; ordinary transactions of other processes take milliseconds and still get through.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 250;

/** True for SQLite's "database is locked" family (SQLITE_BUSY, SQLITE_LOCKED and their extended codes). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code);
}
