/**
 * What a change-feed reader catching up on a backlog costs everyone else: the event loop's delay while it
 * reads, with the readers' ~20 ms time slices (modules/hub/src/feed/time-slices.ts) against a baseline without
 * them (a slice budget of Infinity: one slice), in the same run on the same database.
 *
 * - SSE reader: `GET /api/v1/feed/stream?after=0` over HTTP on a SQLite server, as the demo epidemiologist
 *   (city 4302), over N events of which it may see few (`--visible` share; the rest are in another city, as
 *   for a district reader of a province's feed): the reader the slices were made for, since a reader that
 *   writes every event is held back by its client anyway. Timed until the last event (visible) arrives.
 * - In-process subscriber (`ChangeFeed.subscribe`) doing `--work-ms` of synchronous work per event over
 *   `--subscriber-events` events, handed slices sized to the budget (`nextSliceSize`) or whole batches of 500.
 *
 * The event loop's delay is sampled every 10 ms from the request (or subscription) until the reader has caught
 * up, counting a delay still running at the end; p50, p99 and max, and the catch-up time, per run. Each reader
 * first catches up once unmeasured (warm-up: the first stream's queries and code paths are slower).
 *
 *   node --import tsx bench/feed-catch-up.ts [--quick] [--events N] [--visible 0.001] [--runs R]
 *        [--subscriber-events N] [--work-ms 1]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { loadConfig, systemClock } from '@shuzhi/core';
import { openDatabase } from '@shuzhi/db';
import { buildApp, createPlatform, seedDemoAccounts } from '../apps/server/src/index.js';
import { ChangeFeed } from '../modules/hub/src/feed/change-feed.js';
import { FeedRepository } from '../modules/hub/src/feed/feed.repository.js';
import { SLICE_BUDGET_MS, sliceBudget } from '../modules/hub/src/feed/time-slices.js';
import { numberOption } from './lib/options.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const EVENTS = numberOption(args, '--events', quick ? 50_000 : 200_000, { positive: true });
const VISIBLE = numberOption(args, '--visible', 0.001);
const RUNS = numberOption(args, '--runs', quick ? 1 : 3, { positive: true });
const SUBSCRIBER_EVENTS = numberOption(args, '--subscriber-events', quick ? 1_000 : 5_000, {
  positive: true,
});
const WORK_MS = numberOption(args, '--work-ms', 1, { positive: true });

interface Run {
  reader: string;
  budget: string;
  events: number;
  seen: number;
  catchUpMs: number;
  p50: number;
  p99: number;
  max: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Samples the event loop's delay while `work` runs: a timer due every 10 ms records how late it fires, and
 * at the end the lateness of the one still due (a loop held from start to end would otherwise record
 * nothing, as `monitorEventLoopDelay` does).
 */
async function sampled(work: () => Promise<number>): Promise<Omit<Run, 'reader' | 'budget' | 'events'>> {
  const TICK = 10;
  const delays: number[] = [];
  let due = performance.now() + TICK;
  let timer: NodeJS.Timeout;
  const tick = () => {
    const now = performance.now();
    delays.push(Math.max(0, now - due));
    due = now + TICK;
    timer = setTimeout(tick, TICK);
  };
  timer = setTimeout(tick, TICK);
  const started = performance.now();
  const seen = await work();
  const catchUpMs = performance.now() - started;
  clearTimeout(timer);
  delays.push(Math.max(0, performance.now() - due));
  const sorted = delays.sort((a, b) => a - b);
  return {
    seen,
    catchUpMs,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/** N events in the feed, a `VISIBLE` share of them (and the last) in the reader's city. */
function writeBacklog(
  sqlite: NonNullable<ReturnType<typeof openDatabase>['sqlite']>,
  events: number,
): number {
  const insert = sqlite.prepare(
    'INSERT INTO change_feed (at, topic, entity_type, entity_id, person_id, area_code, source_id, payload) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const every = VISIBLE > 0 ? Math.max(1, Math.round(1 / VISIBLE)) : Infinity;
  let visible = 0;
  sqlite.transaction(() => {
    for (let i = 1; i <= events; i++) {
      const shown = i === events || i % every === 0;
      if (shown) visible += 1;
      const payload = JSON.stringify({
        resourceType: 'Observation',
        code: '94500-6',
        value: 'negative',
        n: i,
      });
      insert.run(
        new Date(Date.UTC(2026, 2, 1) + i).toISOString(),
        'hub.observation.created',
        'Observation',
        `obs-${i}`,
        `per_${i % 5000}`,
        shown ? '430202' : '430102',
        'bench-lab',
        payload,
      );
    }
  })();
  return visible;
}

/** Opens the SSE stream from the start and reads until the event with id `lastSeq`; counts events seen. */
async function sseCatchUp(base: string, token: string, lastSeq: number): Promise<number> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/feed/stream?after=0`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  if (response.status !== 200) throw new Error(`stream answered ${response.status}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let seen = 0;
  const last = `id: ${lastSeq}\n`;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended before the last event');
    text += decoder.decode(value, { stream: true });
    const blocks = text.split('\n\n');
    text = blocks.pop() ?? '';
    for (const block of blocks) {
      if (!block.startsWith('id: ')) continue;
      seen += 1;
      if (`${block}\n`.startsWith(last)) {
        controller.abort();
        return seen;
      }
    }
  }
}

async function sseRuns(dir: string): Promise<{ runs: Run[]; visible: number }> {
  const dbUrl = `sqlite:${join(dir, 'feed.db')}`;
  const database = openDatabase(dbUrl);
  const config = loadConfig({}, { db: dbUrl, logLevel: 'silent', demoPeople: 0, maxEventLoopDelayMs: 0 });
  const platform = await createPlatform(config, { database });
  await seedDemoAccounts(platform.identity, platform.hub);
  const visible = writeBacklog(database.sqlite!, EVENTS);
  const lastSeq = Number(
    (database.sqlite!.prepare('SELECT max(seq) AS seq FROM change_feed').get() as { seq: number }).seq,
  );
  const { app } = await buildApp(platform, { serveWeb: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'epi', password: 'shuzhi-demo-2026', mode: 'bearer' },
  });
  const token = (login.json() as { token: string }).token;
  const runs: Run[] = [];
  try {
    await sseCatchUp(base, token, lastSeq);
    for (let r = 0; r < RUNS; r++) {
      // Alternating, so a change of the machine's load during the run weighs on both alike.
      for (const budget of [SLICE_BUDGET_MS, Infinity]) {
        sliceBudget.defaultMs = budget;
        const run = await sampled(() => sseCatchUp(base, token, lastSeq));
        runs.push({ reader: 'SSE stream', budget: label(budget), events: EVENTS, ...run });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    sliceBudget.defaultMs = SLICE_BUDGET_MS;
    await app.close();
    await platform.close();
  }
  return { runs, visible };
}

/** Synchronous work of about `WORK_MS` per event, as a subscriber writing its own rows would do. */
function work(events: number): void {
  const until = performance.now() + events * WORK_MS;
  while (performance.now() < until) {
    // busy: the subscriber's own (synchronous, on SQLite) work
  }
}

async function subscriberRuns(dir: string): Promise<Run[]> {
  const database = openDatabase(`sqlite:${join(dir, 'subscriber.db')}`);
  const config = loadConfig(
    {},
    { db: `sqlite:${join(dir, 'subscriber.db')}`, logLevel: 'silent', demoPeople: 0 },
  );
  const platform = await createPlatform(config, { database });
  writeBacklog(database.sqlite!, SUBSCRIBER_EVENTS);
  const runs: Run[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      for (const budget of [SLICE_BUDGET_MS, Infinity]) {
        sliceBudget.defaultMs = budget;
        const feed = new ChangeFeed(new FeedRepository(database), systemClock, {
          pollIntervalMs: 0,
          batchSize: 500,
        });
        const run = await sampled(async () => {
          let seen = 0;
          let caughtUp!: () => void;
          const done = new Promise<void>((resolve) => (caughtUp = resolve));
          await feed.subscribe({
            name: `bench-${r}-${budget}`,
            handle: async (events) => {
              work(events.length);
              seen += events.length;
              if (seen >= SUBSCRIBER_EVENTS) caughtUp();
            },
          });
          await done;
          await feed.drain();
          return seen;
        });
        runs.push({
          reader: `subscriber, ${WORK_MS} ms per event`,
          budget: label(budget),
          events: SUBSCRIBER_EVENTS,
          ...run,
        });
      }
    }
  } finally {
    sliceBudget.defaultMs = SLICE_BUDGET_MS;
    await platform.close();
  }
  return runs;
}

function label(budget: number): string {
  return Number.isFinite(budget) ? `${budget} ms slices` : 'baseline: one slice (budget ∞)';
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

function report(runs: Run[], visible: number): void {
  const out: string[] = [];
  out.push('### Change feed: a reader catching up, in time slices and without');
  out.push('');
  out.push(
    `Command: \`node --import tsx bench/feed-catch-up.ts${args.length > 0 ? ` ${args.join(' ')}` : ''}\``,
  );
  out.push('');
  out.push(
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, Node ${process.version}, load average ` +
      `${os.loadavg()[0]!.toFixed(2)} at the end. SQLite file database. SSE: ${EVENTS.toLocaleString('en')} events, ` +
      `${visible.toLocaleString('en')} of them in the reader's city. Subscriber: ${SUBSCRIBER_EVENTS.toLocaleString('en')} ` +
      `events, ${WORK_MS} ms of synchronous work each. Event-loop delay sampled every 10 ms while the reader caught up ` +
      `(after one unmeasured warm-up); ${RUNS} run(s) of each, alternating.`,
  );
  out.push('');
  out.push(
    '| reader | slicing | events | seen | catch-up (ms) | loop delay p50 (ms) | p99 (ms) | max (ms) |',
  );
  out.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of runs) {
    out.push(
      `| ${r.reader} | ${r.budget} | ${r.events.toLocaleString('en')} | ${r.seen.toLocaleString('en')} | ${r.catchUpMs.toFixed(0)} | ` +
        `${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} |`,
    );
  }
  out.push('');
  for (const reader of [...new Set(runs.map((r) => r.reader))]) {
    const sliced = runs.filter((r) => r.reader === reader && r.budget === label(SLICE_BUDGET_MS));
    const baseline = runs.filter((r) => r.reader === reader && r.budget !== label(SLICE_BUDGET_MS));
    const p99 = (rs: Run[]) => median(rs.map((r) => r.p99));
    const time = (rs: Run[]) => median(rs.map((r) => r.catchUpMs));
    out.push(
      `- ${reader} (medians): loop delay p99 ${p99(baseline).toFixed(0)} ms without slices → ${p99(sliced).toFixed(0)} ms ` +
        `with (${(p99(baseline) / Math.max(p99(sliced), 0.001)).toFixed(1)}× lower); catch-up ${time(baseline).toFixed(0)} → ` +
        `${time(sliced).toFixed(0)} ms (×${(time(sliced) / Math.max(time(baseline), 0.001)).toFixed(2)}).`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

const dir = mkdtempSync(join(os.tmpdir(), 'shuzhi-feed-catch-up-'));
try {
  const { runs, visible } = await sseRuns(dir);
  runs.push(...(await subscriberRuns(dir)));
  report(runs, visible);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
