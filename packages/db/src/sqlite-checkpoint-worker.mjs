/**
 * The SQLite checkpointer thread (started by `sqlite-checkpoints.ts`): copies what the WAL holds into the
 * database file on its own connection, so that no request waits for it. Plain JavaScript, so that it loads
 * the same under tsx, vitest or plain node, whatever the main thread runs TypeScript with.
 *
 * PASSIVE checkpoints do the work (they never wait for, nor block, the writer or readers). The WAL file is cut
 * back (TRUNCATE) only when it has grown past its bound and a PASSIVE left almost nothing to copy: TRUNCATE holds
 * the write lock while it copies the rest and waits for readers, so both waits are kept short.
 * https://sqlite.org/c3ref/wal_checkpoint_v2.html
 */
import { closeSync, fdatasyncSync, openSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Sqlite from 'better-sqlite3';

const policy = workerData;
const walFile = `${policy.file}-wal`;
const db = new Sqlite(policy.file, { fileMustExist: true });
// A checkpoint syncs the WAL before copying and the database file after, at this connection's level: it must
// be the main connection's, or the WAL could be reused before the copied pages are on disk.
db.pragma(`synchronous = ${policy.synchronous}`);
db.pragma(`busy_timeout = ${policy.busyTimeoutMs}`);
// A WAL connection keeps a shared lock on the database file from its first read on: the main connection's
// close then leaves the last checkpoint (and removing the WAL) to this thread instead of doing it itself.
db.prepare('SELECT count(*) FROM sqlite_master').get();

/** WAL size when the last round ended: a commit that grew it by `afterBytes` since asks for a round at once. */
let walBytesAfterRound = walBytes();
/** WAL size at the last early sync (below). */
let walBytesSynced = walBytesAfterRound;
/** What the last round left, to tell a timer's idle round (nothing new in the WAL) from one that worked. */
let lastLeft = '';

function walBytes() {
  try {
    return statSync(walFile).size;
  } catch (error) {
    if (error.code === 'ENOENT') return 0;
    throw error;
  }
}

/** `{ busy, log, checkpointed }`: busy 1 when a lock was not free; log and checkpointed count WAL frames. */
function checkpoint(mode) {
  return db.pragma(`wal_checkpoint(${mode})`)[0];
}

/**
 * A large transaction spills its pages into the WAL long before it commits, and with `synchronous = FULL` its
 * commit then syncs all of them, on the event loop: 1–2 s for an import's 300 MiB. Syncing the growing WAL
 * from here as it is written leaves the commit little to sync. It changes nothing in the file, only when its
 * pages reach the disk, so it cannot hurt what SQLite relies on.
 */
function syncGrowingWal() {
  const size = walBytes();
  if (size < walBytesSynced) walBytesSynced = size;
  if (policy.synchronous !== 'FULL' || size - walBytesSynced < policy.afterBytes) return;
  const fd = openSync(walFile, 'r+');
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
  walBytesSynced = size;
}

function round(reason) {
  const started = performance.now();
  syncGrowingWal();
  let result = checkpoint('PASSIVE');
  // Commits go on while a PASSIVE copies; a second pass copies what they added.
  if (result.log - result.checkpointed > policy.truncateLeftoverFrames) result = checkpoint('PASSIVE');
  let truncated = false;
  if (
    walBytes() > policy.truncateAboveBytes &&
    result.log - result.checkpointed <= policy.truncateLeftoverFrames
  ) {
    const cut = checkpoint('TRUNCATE');
    // Busy: the writer or a reader was there; the next round tries again.
    if (cut.busy === 0) {
      truncated = true;
      result = cut;
    }
  }
  walBytesAfterRound = walBytes();
  return { reason, ...result, truncated, walBytes: walBytesAfterRound, ms: performance.now() - started };
}

/** Runs a round and tells the main thread what it did; a failure is told, then ends the thread. */
function reportedRound(reason) {
  let outcome;
  try {
    outcome = round(reason);
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: String(error?.message ?? error), code: error?.code });
    throw error;
  }
  const left = `${outcome.log}/${outcome.checkpointed}`;
  const idle = reason === 'timer' && left === lastLeft;
  lastLeft = left;
  // Idle rounds are not worth a message.
  if (!idle) parentPort.postMessage({ type: 'round', ...outcome });
}

const timer = setInterval(() => reportedRound('timer'), policy.intervalMs);

parentPort.on('message', (message) => {
  switch (message.type) {
    case 'commit':
      if (walBytes() - walBytesAfterRound >= policy.afterBytes) reportedRound('commit');
      return;
    case 'now':
      reportedRound('asked');
      return;
    case 'close': {
      clearInterval(timer);
      let result;
      try {
        // Nothing of this process writes any more: wait a little longer for other processes' readers.
        db.pragma(`busy_timeout = ${policy.closeBusyTimeoutMs}`);
        result = checkpoint('TRUNCATE');
        db.close();
      } catch (error) {
        parentPort.postMessage({
          type: 'failed',
          message: String(error?.message ?? error),
          code: error?.code,
        });
        throw error;
      }
      parentPort.postMessage({ type: 'closed', ...result });
      parentPort.close();
      return;
    }
    default:
      throw new Error(`checkpoint worker: unknown message ${JSON.stringify(message)}`);
  }
});
