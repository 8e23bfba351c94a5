/**
 * Benchmark: ingestion of news items into the platform (event-based surveillance) — classify, extract,
 * de-duplicate, store and cluster into signals through the signals module on a real database — against
 * the pure processing alone (`prepareNewsItems`: the classifier, extraction, keys and highlights) on the
 * same items in the same run. Prints a Markdown section.
 *
 *   node --import tsx bench/signals.ts [--quick] [--items N] [--postgres URL]
 *
 * Items: the labelled news set (`modules/surveillance/data/`) repeated to N items, each repeat made a
 * distinct item (its own URL and a numbered headline), so repeats of one story join its signal the way
 * follow-up reports do. SQLite on a temporary file by default; `--postgres URL` (an empty database the
 * benchmark may write to) measures PostgreSQL as well.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { FixedClock, type ListParams } from '@shuzhi/core';
import { migrateToLatest, openDatabase, type Database } from '@shuzhi/db';
import { createIdentityModule, identityMigrations, systemContext } from '@shuzhi/identity';
import {
  createSignalsModule,
  defaultGazetteer,
  signalsMigrations,
  type ChangeFeedPort,
  type NewsItem,
} from '../modules/surveillance/src/index.js';
import { asNewsItem, loadLabelledNews } from '../modules/surveillance/src/ebs/dataset/labelled-news.js';
import { isPrepared, prepareNewsItems } from '../modules/surveillance/src/signals/news-preparation.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const at = args.indexOf('--items');
const itemCount = at >= 0 && Number(args[at + 1]) > 0 ? Number(args[at + 1]) : quick ? 120 : 3000;
const pgAt = args.indexOf('--postgres');
const postgresUrl = pgAt >= 0 ? args[pgAt + 1] : undefined;

const labelled = loadLabelledNews();
const items: NewsItem[] = Array.from({ length: itemCount }, (_, i) => {
  const item = asNewsItem(labelled[i % labelled.length]!);
  const round = Math.floor(i / labelled.length);
  return {
    ...item,
    title: round === 0 ? item.title : `${item.title} (${round + 1})`,
    url: `https://bench.example/${i}`,
  };
});
const now = new Date('2025-06-01T00:00:00Z');
const clock = new FixedClock(now);
const silentFeed: ChangeFeedPort = { publish: async () => undefined, notify: () => undefined };

interface Timing {
  seconds: number;
  cpu: number;
}

async function timed<T>(work: () => Promise<T> | T): Promise<Timing & { result: T }> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await work();
  const cpu = process.cpuUsage(cpuStart);
  return { seconds: (performance.now() - started) / 1000, cpu: (cpu.user + cpu.system) / 1e6, result };
}

interface DatabaseRun {
  dialect: string;
  single: Timing;
  batched: Timing;
  duplicates: Timing;
  listMs: number;
  signals: number;
}

/** Ingests the first half one item per call (the web form, a feed with one new item) and the second half in batches of 100 (a feed page, a file). */
async function runOn(database: Database, dialect: string): Promise<DatabaseRun> {
  await migrateToLatest(database, { ...identityMigrations, ...signalsMigrations });
  const identity = createIdentityModule(database, clock, {
    sessionTtlHours: 1,
    loginMaxAttempts: 5,
    loginWindowMinutes: 15,
  });
  const module = createSignalsModule(
    database,
    clock,
    { feed: silentFeed, audit: identity.audit },
    { homeArea: ['4302'] },
  );
  const ctx = systemContext('bench', 'surveillance', clock);
  const half = Math.floor(items.length / 2);
  const single = await timed(async () => {
    for (const item of items.slice(0, half)) await module.news.ingest(ctx, [item], { origin: 'api' });
  });
  const batched = await timed(async () => {
    for (let i = half; i < items.length; i += 100)
      await module.news.ingest(ctx, items.slice(i, Math.min(i + 100, items.length)), { origin: 'import' });
  });
  const duplicates = await timed(async () => {
    for (let i = 0; i < items.length; i += 100)
      await module.news.ingest(ctx, items.slice(i, i + 100), { origin: 'feed' });
  });
  const params: ListParams = { limit: 20, offset: 0, order: 'desc', sort: 'lastSeen' };
  const list = await timed(() => module.signals.listSignals({ status: 'open' }, params));
  await identity.audit.drain();
  return {
    dialect,
    single,
    batched,
    duplicates,
    listMs: list.seconds * 1000,
    signals: list.result.total,
  };
}

defaultGazetteer().findPlaceMentions('Zhuzhou', 'en');
prepareNewsItems(items.slice(0, 50), { now, homeArea: ['4302'] });
const baseline = await timed(() => prepareNewsItems(items, { now, homeArea: ['4302'] }));
const relevant = baseline.result.prepared.filter((p) => isPrepared(p) && p.processed.relevant).length;

const runs: DatabaseRun[] = [];
const dir = mkdtempSync(join(os.tmpdir(), 'shuzhi-bench-signals-'));
const sqlite = openDatabase(`sqlite:${join(dir, 'bench.db')}`);
try {
  runs.push(await runOn(sqlite, 'SQLite'));
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}
if (postgresUrl) {
  const postgres = openDatabase(postgresUrl);
  try {
    runs.push(await runOn(postgres, 'PostgreSQL'));
  } finally {
    await postgres.close();
  }
}

const half = Math.floor(items.length / 2);
const perSecond = (count: number, t: Timing) => Math.round(count / t.seconds);
const ratio = (count: number, t: Timing) =>
  (count / t.seconds / (items.length / baseline.seconds)).toFixed(2);
const both = (t: Timing) => `${t.seconds.toFixed(2)} (${t.cpu.toFixed(2)})`;
const lines = [
  '### News ingestion into signals',
  '',
  `Command: \`node --import tsx bench/signals.ts${quick ? ' --quick' : ''}${at >= 0 ? ` --items ${itemCount}` : ''}${postgresUrl ? ' --postgres URL' : ''}\`.`,
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} vCPU, Node ${process.version}, ${os.platform()} ${os.arch()}, load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}.`,
  `Items: the ${labelled.length} labelled items repeated to ${items.length} distinct items (${relevant} relevant). Baseline: the pure processing of the same items in the same run (classifier, extraction, de-duplication keys, highlights), no database. Times are elapsed seconds with CPU seconds of this process in parentheses (the database server's CPU is not included).`,
  '',
  '| work | database | items | seconds (CPU) | items/s | × baseline |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
  `| pure processing (baseline) | — | ${items.length} | ${both(baseline)} | ${perSecond(items.length, baseline)} | 1.00 |`,
  ...runs.flatMap((r) => [
    `| ingest one item per call | ${r.dialect} | ${half} | ${both(r.single)} | ${perSecond(half, r.single)} | ${ratio(half, r.single)} |`,
    `| ingest in batches of 100 | ${r.dialect} | ${items.length - half} | ${both(r.batched)} | ${perSecond(items.length - half, r.batched)} | ${ratio(items.length - half, r.batched)} |`,
    `| re-ingest everything (all duplicates, batches of 100) | ${r.dialect} | ${items.length} | ${both(r.duplicates)} | ${perSecond(items.length, r.duplicates)} | ${ratio(items.length, r.duplicates)} |`,
  ]),
  '',
  ...runs.map(
    (r) =>
      `${r.dialect}: ${r.signals} open signals at the end; listing the first page of open signals took ${r.listMs.toFixed(1)} ms.`,
  ),
  '',
];
console.log(lines.join('\n'));
