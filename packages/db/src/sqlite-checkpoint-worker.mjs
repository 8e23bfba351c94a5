/**
 * The SQLite checkpointer thread (started by `sqlite-checkpoints.ts`): copies what the WAL holds into the
 * database file on its own connection, so that no request waits for it. Plain JavaScript, so that it loads
 * the same under tsx, vitest or plain node, whatever the main thread runs TypeScript with.
 *
 * PASSIVE checkpoints do the work: they never wait for, nor block, the writer or readers. The WAL file is cut
 * back (TRUNCATE) only when it has grown past its bound and a PASSIVE copied all of it, and without waiting
 * (no busy timeout): TRUNCATE holds the write lock while it copies what is left and waits for readers, and
 * every writer of the file (this process's, or a server's beside a CLI) would wait as long, its event loop
 * with it, and fail after its own busy timeout. Busy, it is tried again at the next round.
 * https://sqlite.org/c3ref/wal_checkpoint_v2.html
 */
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Sqlite from 'better-sqlite3';

const policy = workerData;
const walFile = `${policy.file}-wal`;
const db = new Sqlite(policy.file, { fileMustExist: true });
// A checkpoint syncs the WAL before copying and the database file after, at this connection's level: it must
// be the main connection's, or the WAL could be reused before the copied pages are on disk.
db.pragma(`synchronous = ${policy.synchronous}`);
db.pragma('busy_timeout = 0');
// A WAL connection keeps a shared lock on the database file from its first read on: the main connection's
// close then leaves the last checkpoint (and removing the WAL) to this thread instead of doing it itself.
db.prepare('SELECT count(*) FROM sqlite_master').get();

/** WAL size when the last round ended: a commit that grew it by `afterBytes` since asks for a round at once. */
let walBytesAfterRound = walBytes();
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

/** Cuts the WAL back to nothing if PASSIVE left nothing to copy and the locks are free this instant. */
function truncate(passive) {
  if (passive.log !== passive.checkpointed) return { result: passive, truncated: false };
  const cut = checkpoint('TRUNCATE');
  return cut.busy === 0 ? { result: cut, truncated: true } : { result: passive, truncated: false };
}

function round(reason) {
  const started = performance.now();
  let result = checkpoint('PASSIVE');
  // Commits go on while a PASSIVE copies; a second pass copies what they added.
  if (result.log > result.checkpointed) result = checkpoint('PASSIVE');
  let truncated = false;
  if (walBytes() > policy.truncateAboveBytes) ({ result, truncated } = truncate(result));
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
        // Other processes may still use the file: the same rule as in a round, no waiting for them. When this
        // connection is the last, closing it checkpoints what is left and removes the WAL.
        result = truncate(checkpoint('PASSIVE')).result;
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
