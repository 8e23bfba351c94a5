/**
 * Measurement: the single steps that hold the event loop at the end of a large streamed NDJSON import on
 * SQLite — the rebuild of each index a bulk load deferred (`records/bulk-load.ts`) and the commit (writing
 * the transaction's pages to the WAL and its fsync; with `--checkpoints=connection`, also the checkpoint that
 * follows) — against the batches before them. Every statement the import runs on the connection is timed from
 * outside (the driver's `exec` and `prepare` are wrapped), and a 5 ms heartbeat finds every stall of the event
 * loop. With the platform's checkpoint worker (the default), the loop is watched until the worker has
 * checkpointed the import's WAL.
 *
 *   node --import tsx bench/bulk-load-steps.ts [--lines N] [--cache-mb M] [--checkpoints=worker|connection]
 *     [--synchronous=full|normal] [--no-autocheckpoint] [--small-rows N]
 *
 * `--checkpoints=connection` is SQLite's default, the platform's before its checkpoint worker: the committing
 * connection checkpoints. `--synchronous=normal` leaves the WAL's fsync out of the commit (the difference to
 * `full` is the sync). `--no-autocheckpoint` (with `connection`) turns the checkpoint off and then times it
 * alone, once on the main thread and once (on a copy of the file) from a worker thread. `--small-rows N` skips
 * the import and times the commits of three transactions of N small rows each, in pairs of both modes.
 */
import { copyFileSync, createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../packages/db/src/index.js';
import { importNdjsonStream } from '../modules/hub/src/fhir/ndjson-stream-import.js';
import { writeLabFile } from './lib/lab-file.js';
import { openBenchHub } from './lib/bench-hub.js';
import { numberOption } from './lib/options.js';

const args = process.argv.slice(2);
const LINES = numberOption(args, '--lines', 200_000, { positive: true });
const CACHE_MB = numberOption(args, '--cache-mb', 256, { positive: true });
const SMALL_ROWS = numberOption(args, '--small-rows', 0, { positive: true });
const noAutocheckpoint = args.includes('--no-autocheckpoint');
/** `--name value`, or `--name=value` (what `npm run bench` passes on: it takes bare words for benchmark names). */
const stringOption = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
  const joined = args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  const value = joined ?? (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  return values.includes(value as T) ? (value as T) : fallback;
};
const CHECKPOINTS = noAutocheckpoint
  ? 'connection'
  : stringOption('--checkpoints', ['worker', 'connection'] as const, 'worker');
const SYNCHRONOUS = stringOption('--synchronous', ['full', 'normal'] as const, 'full');
const SOURCE = 'bench-lab';

interface Step {
  label: string;
  start: number;
  ms: number;
}

const steps: Step[] = [];
function timed<T>(label: string, run: () => T): T {
  const start = performance.now();
  try {
    return run();
  } finally {
    steps.push({ label, start, ms: performance.now() - start });
  }
}

/** Stalls of the event loop: a 5 ms timer that fires late by more than `threshold` ms. */
function heartbeat(threshold: number) {
  const stalls: { start: number; ms: number }[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last - 5 > threshold) stalls.push({ start: last, ms: now - last });
    last = now;
  }, 5);
  return { stalls, stop: () => clearInterval(timer) };
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const dir = mkdtempSync(join(os.tmpdir(), 'shuzhi-bulk-steps-'));
try {
  if (SMALL_ROWS > 0) await smallRowCommits(SMALL_ROWS);
  else await largeImport();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function largeImport(): Promise<void> {
  const file = join(dir, 'lab-results.ndjson');
  const lines = await writeLabFile(file, {
    records: Math.round((LINES * 5) / 6),
    positiveRate: 0.005,
    sourceId: SOURCE,
  });
  const dbFile = join(dir, 'hub.db');
  const database = openDatabase(`sqlite:${dbFile}`, {
    sqliteCacheMb: CACHE_MB,
    sqliteCheckpoints: CHECKPOINTS,
    sqliteSynchronous: SYNCHRONOUS,
  });
  const hub = await openBenchHub(database, SOURCE);
  const sqlite = database.sqlite!;
  const walBytes = () => (existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0);
  let walBeforeCommit = 0;
  if (noAutocheckpoint) sqlite.pragma('wal_autocheckpoint = 0');
  // Time every index build and the commit as the import runs them.
  const exec = sqlite.exec.bind(sqlite);
  sqlite.exec = (sql: string) => {
    const index = /^CREATE (?:UNIQUE )?INDEX "?(\w+)"?/i.exec(sql.trim());
    return index ? timed(`rebuild ${index[1]}`, () => exec(sql)) : exec(sql);
  };
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((sql: string) => {
    const statement = prepare(sql);
    if (/^commit$/i.test(sql.trim())) {
      const run = statement.run.bind(statement);
      statement.run = (...params: unknown[]) => {
        walBeforeCommit = walBytes();
        return timed('commit', () => run(...params));
      };
    }
    return statement;
  }) as typeof sqlite.prepare;

  const delay = monitorEventLoopDelay({ resolution: 10 });
  const beat = heartbeat(50);
  delay.enable();
  const started = performance.now();
  let lastBatch = started;
  const report = await importNdjsonStream(database, hub.data.records, createReadStream(file), {
    sourceId: SOURCE,
    sizeBytes: statSync(file).size,
    onProgress: () => {
      lastBatch = performance.now();
    },
  });
  const total = performance.now() - started;
  const walAfterCommit = walBytes();
  // The worker checkpoints the import's WAL after the commit: the loop is watched until it is done (a round
  // asked for now runs after the one the commit started).
  const checkpointStart = performance.now();
  const round = await database.checkpointer?.checkpointNow();
  const checkpointMs = performance.now() - checkpointStart;
  const walAfterCheckpoint = walBytes();
  // The import's last steps run after the last timer tick: let the timers see them before reading.
  await new Promise((resolve) => setTimeout(resolve, 50));
  delay.disable();
  const ms = (ns: number) => ns / 1e6;
  const out: string[] = [];
  out.push(
    `${lines.toLocaleString('en-US')} lines (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB), ${report.status}, ` +
      `${(total / 1000).toFixed(1)} s; cache ${CACHE_MB} MiB; synchronous ${SYNCHRONOUS}; checkpoints ${
        noAutocheckpoint ? 'off' : CHECKPOINTS === 'worker' ? 'in the worker' : 'in the committing connection'
      }; ` +
      `load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  out.push(
    `event loop: p50 ${fmt(ms(delay.percentile(50)))}, p99 ${fmt(ms(delay.percentile(99)))}, longest ${fmt(ms(delay.max))}`,
  );
  const endSteps = steps.filter((s) => s.start >= lastBatch);
  const rebuilds = endSteps.filter((s) => s.label.startsWith('rebuild'));
  for (const s of endSteps) out.push(`  ${s.label}: ${fmt(s.ms)}`);
  out.push(
    `  all rebuilds: ${fmt(rebuilds.reduce((sum, s) => sum + s.ms, 0))}; from the last batch's end to the commit's end: ${fmt(
      Math.max(...endSteps.map((s) => s.start + s.ms), lastBatch) - lastBatch,
    )}`,
  );
  const stalls = [...beat.stalls].sort((a, b) => b.ms - a.ms);
  const during = (stall: { start: number; ms: number }) =>
    stall.start + stall.ms > lastBatch ? 'end of import' : 'batches';
  out.push(
    `stalls over 50 ms: ${stalls.length}; longest: ${stalls
      .slice(0, 8)
      .map((s) => `${fmt(s.ms)} (${during(s)})`)
      .join(', ')}`,
  );
  out.push(
    `stalls from the last batch on (ms after it: length): ${beat.stalls
      .filter((s) => s.start >= lastBatch - 500)
      .map((s) => `${fmt(s.start - lastBatch)}: ${fmt(s.ms)}`)
      .join(', ')}`,
  );
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  out.push(`WAL before the commit: ${mib(walBeforeCommit)}; after it: ${mib(walAfterCommit)}`);
  if (round)
    out.push(
      `worker checkpoint done ${fmt(checkpointMs)} after the import returned (${round.checkpointed} of ${round.log} frames ` +
        `in its last round); WAL then ${mib(walAfterCheckpoint)}`,
    );
  if (noAutocheckpoint) {
    // The same WAL checkpointed on a copy from a worker, then on this thread: what each holds the loop. The
    // copy is taken while the database is open (nothing writes it now): closing it would checkpoint.
    const copy = join(dir, 'copy.db');
    copyFileSync(dbFile, copy);
    copyFileSync(`${dbFile}-wal`, `${copy}-wal`);
    const workerBeat = heartbeat(20);
    const workerStart = performance.now();
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(
        `const S = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
         const db = new S(${JSON.stringify(copy)}); db.pragma('synchronous = FULL');
         db.pragma('wal_checkpoint(TRUNCATE)'); db.close();`,
        { eval: true },
      );
      worker.on('exit', () => resolve());
      worker.on('error', reject);
    });
    workerBeat.stop();
    out.push(
      `checkpoint in a worker thread: ${fmt(performance.now() - workerStart)}; longest stall of this thread meanwhile: ${fmt(
        Math.max(0, ...workerBeat.stalls.map((s) => s.ms)),
      )}`,
    );
    const mainStart = performance.now();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    out.push(`checkpoint on the main thread: ${fmt(performance.now() - mainStart)}`);
  }
  await database.close();
  beat.stop();
  process.stdout.write(`${out.join('\n')}\n`);
}

/**
 * Three transactions of `rows` small rows each on a fresh database, committed through Kysely as the platform
 * commits, timed from the end of the transaction's callback to its end: the commit's event-loop hold. The WAL
 * passes SQLite's automatic checkpoint threshold (1,000 pages) at one of them, which then checkpoints in the
 * committing connection unless the worker does it. Five pairs, alternating which mode goes first.
 */
async function smallRowCommits(rows: number): Promise<void> {
  const pairs = 5;
  const transactions = 3;
  type Mode = 'connection' | 'worker';
  const holds: Record<Mode, number[][]> = { connection: [], worker: [] };
  const wal: Record<Mode, number[]> = { connection: [], worker: [] };
  for (let pair = 0; pair < pairs; pair++)
    for (const mode of pair % 2 === 0
      ? (['connection', 'worker'] as const)
      : (['worker', 'connection'] as const)) {
      const file = join(dir, `small-${pair}-${mode}.db`);
      const database = openDatabase(`sqlite:${file}`, {
        sqliteCheckpoints: mode,
        sqliteSynchronous: SYNCHRONOUS,
        sqliteCacheMb: CACHE_MB,
      });
      await database.db.schema
        .createTable('rows')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('person', 'text')
        .addColumn('value', 'text')
        .execute();
      for (let t = 0; t < transactions; t++) {
        let commitStart = 0;
        await database.db.transaction().execute(async (trx) => {
          for (let i = t * rows; i < (t + 1) * rows; i += 1000) {
            const values = [];
            for (let j = i; j < Math.min(i + 1000, (t + 1) * rows); j++)
              values.push({ id: j, person: `per_${j}`, value: j % 7 === 0 ? 'positive' : 'negative' });
            await trx.insertInto('rows').values(values).execute();
          }
          // Kysely commits right after this callback returns.
          commitStart = performance.now();
        });
        (holds[mode][t] ??= []).push(performance.now() - commitStart);
        if (t === 0) wal[mode].push(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
      }
      await database.close();
    }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const line = (mode: Mode) =>
    `${mode.padEnd(10)} ${holds[mode]
      .map(
        (ms, t) => `commit ${t + 1}: ${median(ms).toFixed(0)} ms (${ms.map((m) => m.toFixed(0)).join(', ')})`,
      )
      .join('; ')}`;
  process.stdout.write(
    `commits of ${rows.toLocaleString('en-US')} small rows each (WAL after the first: ${(
      median(wal.worker) /
      2 ** 20
    ).toFixed(1)} MiB), synchronous ${SYNCHRONOUS}, medians of ${pairs} pairs; load average ${os
      .loadavg()[0]!
      .toFixed(2)}\n${line('connection')}\n${line('worker')}\n`,
  );
}
