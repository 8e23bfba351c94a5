/**
 * Measurement: the single steps that hold the event loop at the end of a large streamed NDJSON import on
 * SQLite — the rebuild of each index a bulk load deferred (`records/bulk-load.ts`) and the commit (writing
 * the transaction's pages to the WAL, its fsync, and the automatic checkpoint that follows) — against the
 * batches before them. Every statement the import runs on the connection is timed from outside (the driver's
 * `exec` and `prepare` are wrapped), and a 5 ms heartbeat finds every stall of the event loop.
 *
 *   node --import tsx bench/bulk-load-steps.ts [--lines N] [--cache-mb M] [--no-autocheckpoint]
 *
 * `--no-autocheckpoint` turns SQLite's automatic checkpoint off for the import's connection and then times
 * the checkpoint alone, once on the main thread and once (on a second copy of the file) from a worker thread,
 * with the heartbeat running, to show what moving it off the main thread would leave of the commit.
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
const noAutocheckpoint = args.includes('--no-autocheckpoint');
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
  const file = join(dir, 'lab-results.ndjson');
  const lines = await writeLabFile(file, {
    records: Math.round((LINES * 5) / 6),
    positiveRate: 0.005,
    sourceId: SOURCE,
  });
  const dbFile = join(dir, 'hub.db');
  const database = openDatabase(`sqlite:${dbFile}`, { sqliteCacheMb: CACHE_MB });
  const hub = await openBenchHub(database, SOURCE);
  const sqlite = database.sqlite!;
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
      statement.run = (...params: unknown[]) => timed('commit', () => run(...params));
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
  // The import's last steps run after the last timer tick: let the timers see them before reading.
  await new Promise((resolve) => setTimeout(resolve, 50));
  delay.disable();
  const walAfterCommit = existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0;
  const ms = (ns: number) => ns / 1e6;
  const out: string[] = [];
  out.push(
    `${lines.toLocaleString('en-US')} lines (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB), ${report.status}, ` +
      `${(total / 1000).toFixed(1)} s; cache ${CACHE_MB} MiB; autocheckpoint ${noAutocheckpoint ? 'off' : 'on'}; ` +
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
  out.push(`WAL after the commit: ${(walAfterCommit / 2 ** 20).toFixed(1)} MiB`);
  if (noAutocheckpoint) {
    // The same WAL checkpointed on a second copy from a worker, then on this thread: what each holds the loop.
    const copy = join(dir, 'copy.db');
    await database.close();
    copyFileSync(dbFile, copy);
    copyFileSync(`${dbFile}-wal`, `${copy}-wal`);
    const again = openDatabase(`sqlite:${dbFile}`, { sqliteCacheMb: CACHE_MB });
    again.sqlite!.pragma('wal_autocheckpoint = 0');
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
    again.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    out.push(`checkpoint on the main thread: ${fmt(performance.now() - mainStart)}`);
    await again.close();
  } else await database.close();
  beat.stop();
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
