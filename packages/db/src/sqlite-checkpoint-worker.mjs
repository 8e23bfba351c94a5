/**
 * The SQLite checkpointer thread (started by `sqlite-checkpoints.ts`): copies what the WAL holds into the
 * database file on its own connection, so that no request waits for it. Plain JavaScript, so that it loads
 * the same under tsx, vitest or plain node, whatever the main thread runs TypeScript with.
 *
 * PASSIVE checkpoints do the work: they never wait for, nor block, the writer or readers. When the WAL file has
 * grown past its bound and a PASSIVE copied all of it, a RESTART (without waiting: no busy timeout) makes the
 * writer start the WAL again from its beginning; the main connection's `journal_size_limit` then shortens the
 * file at its next commit. A RESTART holds the write lock, and every writer of the file (this process's, or
 * a server's beside a CLI) waits as long, its event loop with it, failing after its own busy timeout (250 ms).
 * So it is kept to a moment: it copies nothing if no commit came since the PASSIVE, and it does not shorten
 * the file (TRUNCATE did: 140 ms to 420 ms to cut a 300 MiB WAL on a busy machine, all under the lock), and it
 * waits for a PASSIVE to have synced the database file when much was copied since the last sync (a RESTART
 * that copies anything syncs the database, flushing all of it: 450 ms after an import). Busy, it is tried
 * again at the next round. TRUNCATE is left for close, when this process writes no more.
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
/** Bytes of a WAL frame: a page and its 24-byte header. */
const frameBytes = db.pragma('page_size', { simple: true }) + 24;
/**
 * Bytes copied into the database file since it was last known synced: what a RESTART that copies anything
 * would flush while it holds the write lock. A checkpoint syncs the file only when no commit came while it
 * copied, which it does not tell: two in a row seeing the same WAL end, all of it copied, say it did.
 */
let unsyncedBytes = 0;
/** The previous checkpoint's result. */
let previous = { busy: 0, log: 0, checkpointed: 0 };
/** Above this many unsynced bytes a RESTART waits for a PASSIVE to sync them first (4 times `afterBytes`). */
const unsyncedLimit = 4 * policy.afterBytes;
/**
 * How long a RESTART waits so at most. Commits that never leave a PASSIVE the moment to sync would otherwise
 * keep the WAL from restarting, and growing, for as long as they go on; Linux writes a page back by itself
 * within 35 s of its change (`vm.dirty_expire_centisecs` 30 s, checked every 5 s), so by then the sync under
 * the lock has little left to flush.
 */
const unsyncedWaitMs = 35_000;
/** When a RESTART began waiting for the database file to be synced (undefined: it is not waiting). */
let waitingSince;

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
  const result = db.pragma(`wal_checkpoint(${mode})`)[0];
  // A log shorter than before: the writer started the WAL again, which it does only once all was copied and
  // synced. Otherwise what the log gained was copied now or will be by a later checkpoint.
  const restartedSince = result.log < previous.log;
  const copied = restartedSince
    ? result.checkpointed
    : Math.max(0, result.checkpointed - previous.checkpointed);
  const synced =
    restartedSince ||
    (mode === 'RESTART' && result.busy === 0) ||
    (result.log === previous.log && previous.checkpointed === previous.log);
  unsyncedBytes = synced ? 0 : unsyncedBytes + copied * frameBytes;
  previous = result;
  return result;
}

/**
 * Restarts the WAL if a PASSIVE left nothing to copy and the locks are free this instant. A PASSIVE copies what
 * was committed before it began: what came while it copied (an import's last commits, 60 MiB once) a RESTART
 * would copy under the write lock (6.5 s, and the writer failed 23 times). So further PASSIVEs copy that
 * first, and the RESTART follows one that found at most `afterBytes` new and, when much was copied since the
 * database file was last synced, left it synced (for 35 s at most); or it waits for the next round.
 */
function restart(passive) {
  let result = passive;
  for (let pass = 0; pass < 3 && result.log === result.checkpointed; pass++) {
    const before = result;
    result = checkpoint('PASSIVE');
    // A shorter log: the writer started the WAL again meanwhile, and all of it is new.
    const newBytes = (result.log >= before.log ? result.log - before.log : result.log) * frameBytes;
    if (result.log !== result.checkpointed || newBytes > policy.afterBytes) continue;
    waitingSince ??= performance.now();
    if (unsyncedBytes > unsyncedLimit && performance.now() - waitingSince < unsyncedWaitMs) continue;
    waitingSince = undefined;
    const restarted = checkpoint('RESTART');
    return { result: restarted, restarted: restarted.busy === 0 };
  }
  return { result, restarted: false };
}

/** At close: cuts the WAL back to nothing if PASSIVE left nothing to copy and the locks are free. */
function truncate(passive) {
  if (passive.log !== passive.checkpointed) return passive;
  const cut = checkpoint('TRUNCATE');
  return cut.busy === 0 ? cut : passive;
}

function round(reason) {
  const started = performance.now();
  let result = checkpoint('PASSIVE');
  // Commits go on while a PASSIVE copies; a second pass copies what they added.
  if (result.log > result.checkpointed) result = checkpoint('PASSIVE');
  let restarted = false;
  if (walBytes() > policy.restartAboveBytes) ({ result, restarted } = restart(result));
  walBytesAfterRound = walBytes();
  return { reason, ...result, restarted, walBytes: walBytesAfterRound, ms: performance.now() - started };
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
        result = truncate(checkpoint('PASSIVE'));
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
