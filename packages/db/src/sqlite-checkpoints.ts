/**
 * SQLite's WAL checkpoints off the event loop. By default SQLite checkpoints in the connection that commits,
 * once the WAL passes 1,000 pages: after a large import that is seconds of copying pages into the database
 * file (0.8 s for a 350 MiB WAL on a quiet disk), during which a server answers nothing. Here the main
 * connection never checkpoints (`wal_autocheckpoint = 0`); a worker thread with its own connection to the same
 * file does (`sqlite-checkpoint-worker.mjs`), after large commits and on a timer, and starts the WAL again when
 * it has grown past a bound; the main connection's commits then cut the file back, a step at a time
 * (`walCutLimiter`). The commit itself still writes and syncs the WAL: durability is unchanged.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

export interface CheckpointPolicy {
  /** A commit that grew the WAL by this much since the last checkpoint starts one at once (default 4 MiB). */
  afterBytes: number;
  /** How often the worker checkpoints what the WAL holds, whatever the commits (default 1 s). */
  intervalMs: number;
  /**
   * A WAL file larger than this is started again from its beginning once all of it is checkpointed and no
   * other connection holds a lock on it (default 64 MiB); the main connection's next commit then cuts the file
   * back towards this (its `journal_size_limit`), by at most `cutBytes` at a time.
   */
  restartAboveBytes: number;
  /**
   * The most a commit cuts off the WAL file (default 32 MiB). Cutting a file the page cache holds is the
   * kernel dropping its pages, under the write lock, on the committing thread: 130 ms to 400 ms for 240 MiB
   * on a busy machine, 0.5 ms to 1.7 ms a MiB. A WAL left large by an import shrinks by this at each restart.
   */
  cutBytes: number;
  /** The worker's script: the platform's own unless a test gives another (one that fails, say). */
  script: URL;
}

export const defaultCheckpointPolicy: CheckpointPolicy = {
  afterBytes: 4 * 2 ** 20,
  intervalMs: 1000,
  restartAboveBytes: 64 * 2 ** 20,
  cutBytes: 32 * 2 ** 20,
  script: new URL('./sqlite-checkpoint-worker.mjs', import.meta.url),
};

/** What the worker did in one round: WAL frames in the log and copied, as `PRAGMA wal_checkpoint` says. */
export interface CheckpointRound {
  reason: 'timer' | 'commit' | 'asked';
  busy: number;
  log: number;
  checkpointed: number;
  /** The WAL was started again (a RESTART checkpoint): the writer's next commit begins it anew. */
  restarted: boolean;
  walBytes: number;
  ms: number;
}

export type CheckpointerState = 'running' | 'failed' | 'closed';

/** The main thread's handle on the checkpointer thread. */
export interface SqliteCheckpointer {
  readonly state: CheckpointerState;
  /** Rounds done so far (for tests and measurements). */
  readonly rounds: number;
  /** Tells the worker a transaction committed: a large one is checkpointed at once. */
  afterCommit(): void;
  /** Asks for a round now and resolves with it (or rejects when the worker has failed). */
  checkpointNow(): Promise<CheckpointRound>;
  /**
   * Call after the main connections are closed: the worker checkpoints what is left, truncates the WAL and
   * closes its connection, the last of this process, and the thread ends.
   */
  close(): Promise<void>;
}

type WorkerMessage =
  | ({ type: 'round' } & CheckpointRound)
  | { type: 'closed'; busy: number; log: number; checkpointed: number }
  | { type: 'failed'; message: string; code?: string };

interface StartOptions {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
  policy?: Partial<CheckpointPolicy>;
  warn: (message: string) => void;
}

/**
 * Turns the main connection's own checkpoints off and starts the worker. When the worker fails, the failure
 * is reported through `warn` and the main connection checkpoints again as SQLite does by default: slower for
 * the event loop, but the WAL stays bounded. A checkpoint only copies committed pages, so nothing committed
 * is lost by a checkpointer that stops halfway.
 */
export function startCheckpointer(main: SQLite.Database, options: StartOptions): SqliteCheckpointer {
  const policy = { ...defaultCheckpointPolicy, ...options.policy };
  main.pragma('wal_autocheckpoint = 0');
  const limitWalCut = walCutLimiter(main, resolve(options.file), policy);
  const { script, ...settings } = policy;
  const worker = new Worker(script, {
    workerData: { ...settings, file: resolve(options.file), synchronous: options.synchronous },
    // The worker is plain JavaScript: no need for the TypeScript loader the main thread may have been given.
    execArgv: [],
  });

  let state: CheckpointerState = 'running';
  let rounds = 0;
  let closing = false;
  const waiting: { resolve: (round: CheckpointRound) => void; reject: (error: Error) => void }[] = [];
  const exited = new Promise<void>((done) => worker.once('exit', () => done()));

  const fail = (reason: string) => {
    if (state !== 'running') return;
    state = 'failed';
    // Closed already (the last checkpoint at close failed): the WAL stays, and the next open reads it back.
    const fallback = main.open
      ? 'the database connection checkpoints again itself, holding the event loop while it does'
      : 'the WAL is left as it is and read back at the next start';
    if (main.open) main.pragma('wal_autocheckpoint = 1000');
    options.warn(
      `SQLite checkpoints of ${options.file} in the background stopped (${reason}); ${fallback}; nothing committed is lost`,
    );
    for (const w of waiting.splice(0)) w.reject(new Error(`checkpointer failed: ${reason}`));
    void worker.terminate();
  };

  worker.on('message', (message: WorkerMessage) => {
    switch (message.type) {
      case 'round': {
        rounds += 1;
        const { type: _type, ...round } = message;
        if (main.open) limitWalCut(round.walBytes);
        if (round.reason === 'asked') waiting.shift()?.resolve(round);
        return;
      }
      case 'closed':
        return;
      case 'failed':
        fail(message.code ? `${message.code}: ${message.message}` : message.message);
        return;
      default: {
        const unexpected: never = message;
        fail(`unexpected message ${JSON.stringify(unexpected)}`);
      }
    }
  });
  // An uncaught error reaches 'error' on its own channel, possibly before the worker's own 'failed' message,
  // which names the SQLite error: both are in by 'exit', the thread's last event.
  let uncaught: string | undefined;
  worker.on('error', (error) => (uncaught = error.message));
  worker.on('exit', (code) => {
    if (state !== 'running') return;
    if (closing && code === 0 && uncaught === undefined) state = 'closed';
    else fail(uncaught ?? `its thread ended with exit code ${code}`);
  });
  // A process that ends without closing its database must not be kept alive by the checkpointer. After the
  // listeners: attaching a 'message' listener refs the worker's port again, and the process never exited.
  worker.unref();

  return {
    get state() {
      return state;
    },
    get rounds() {
      return rounds;
    },
    afterCommit() {
      if (main.open) limitWalCut();
      if (state === 'running' && !closing) worker.postMessage({ type: 'commit' });
    },
    checkpointNow() {
      if (state !== 'running' || closing) return Promise.reject(new Error(`checkpointer is ${state}`));
      return new Promise<CheckpointRound>((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage({ type: 'now' });
      });
    },
    async close() {
      if (closing) return exited;
      closing = true;
      // Waited for now: the process must not end before the last checkpoint does.
      worker.ref();
      if (state === 'running') worker.postMessage({ type: 'close' });
      await exited;
      for (const w of waiting.splice(0)) w.reject(new Error('checkpointer closed'));
    },
  };
}

/**
 * Keeps the main connection's `journal_size_limit` at most `cutBytes` below the WAL file's size, and not below
 * `restartAboveBytes`: the first commit after the worker restarts the WAL cuts the file to it, so a WAL an
 * import left at 300 MiB is cut back in steps, each short, instead of in one that holds the event loop and
 * the write lock for hundreds of milliseconds. Set after each commit and round (the file changes size only at
 * commits), so that it is in place before the commit that cuts.
 */
function walCutLimiter(
  main: SQLite.Database,
  file: string,
  policy: Pick<CheckpointPolicy, 'restartAboveBytes' | 'cutBytes'>,
): (walBytes?: number) => void {
  let limit = -1;
  const walFile = `${file}-wal`;
  const sizeOfWal = () => statSync(walFile, { throwIfNoEntry: false })?.size ?? 0;
  const setLimit = (walBytes = sizeOfWal()) => {
    const next = Math.max(policy.restartAboveBytes, walBytes - policy.cutBytes);
    if (next === limit) return;
    main.pragma(`journal_size_limit = ${next}`);
    limit = next;
  };
  setLimit();
  return setLimit;
}
