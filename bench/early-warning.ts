/**
 * Benchmark: early warning against the simulator's truth, and the command centre's load time.
 *
 * 1. Timeliness and false alerts, on pairs of simulations with the same seed (the city with only a planted
 *    market cluster, and without it): days from the cluster's first infection to the first alert in its
 *    district that the run without the cluster did not also raise, and false alerts per district-month in
 *    the run without it — for Shuzhi's default rules against classic EARS C2 (7-day baseline, floor 1).
 * 2. The demo city as `npm start` seeds it (outbreak under way plus the planted cluster): its first alert.
 * 3. `GET /api/v1/dashboard` on SQLite holding a year of counts for the city, its districts and streets:
 *    median and 95th percentile over repeated requests, against the 2-second budget and against building
 *    the same figures from a full read of the counts table (what an unindexed dashboard does).
 *
 *   node --import tsx bench/early-warning.ts [--quick] [--seeds N] [--people N]
 *
 * Prints a Markdown section.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@shuzhi/core';
import { migrateToLatest, openDatabase, type Database } from '@shuzhi/db';
import { listAreas } from '@shuzhi/geo';
import { demoCityOptions } from '@shuzhi/sim';
import { createTestApp, signIn } from '../apps/server/src/testing.js';
import {
  pairedEvaluation,
  type PairedResult,
} from '../modules/surveillance/src/alerts/evaluation/paired-evaluation.js';
import { runWarningOnSimulation } from '../modules/surveillance/src/alerts/evaluation/simulated-warning.js';
import { timeliness } from '../modules/surveillance/src/alerts/evaluation/warning-scores.js';
import { surveillanceTestMigrations } from '../modules/surveillance/src/alerts/testing.js';
import type { RuleUpdate } from '../modules/surveillance/src/alerts/alerts.schema.js';
import { countIndicators } from '../modules/surveillance/src/indicators/indicator-catalogue.js';
import { allMigrations } from '../apps/server/src/migrations.js';
import { numberOption } from './lib/options.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string, fallback: number): number =>
  numberOption(args, name, fallback, { positive: true });
const seeds = option('--seeds', quick ? 1 : 5);
const people = option('--people', quick ? 3000 : 50_000);
const pairDays = quick ? 24 : 75;
const clusterDay = quick ? 16 : 60;
const warmUp = quick ? 10 : 30;
const countDays = quick ? 30 : 365;
const requests = quick ? 3 : 40;

const scratch = mkdtempSync(join(os.tmpdir(), 'shuzhi-bench-ew-'));
let databases = 0;
async function freshDatabase(): Promise<Database> {
  const database = openDatabase(`sqlite:${join(scratch, `run-${databases++}.db`)}`);
  await migrateToLatest(database, surveillanceTestMigrations);
  return database;
}

const classicEars: Record<string, RuleUpdate> = Object.fromEntries(
  [
    'confirmed_cases',
    'asymptomatic_infections',
    'fever_clinic_visits',
    'ili',
    'antipyretic_sales',
    'cough_medicine_sales',
    'school_absenteeism',
    'tests_positive',
  ].map((indicator) => [
    `ears-${indicator}-district`,
    { control: { alpha: 0.001, baseline: 7, minSigma: 1 } },
  ]),
);

const cpuStart = process.cpuUsage();
const wallStart = performance.now();

// 1. Paired runs.
const settings: { name: string; rules?: Record<string, RuleUpdate> }[] = [
  { name: 'Shuzhi defaults (EARS C2, baseline 28 growing from 7, minSigma 2)' },
  // --quick is a smoke test: the baseline comparison needs the full run's seeds to mean anything.
  ...(quick ? [] : [{ name: 'classic EARS C2 (baseline 7, minSigma 1) — baseline', rules: classicEars }]),
];
const paired = new Map<string, PairedResult[]>();
for (const setting of settings) {
  const results: PairedResult[] = [];
  for (let s = 0; s < seeds; s++)
    results.push(
      await pairedEvaluation(freshDatabase, {
        people,
        days: pairDays,
        clusterDay,
        seed: 1000 + s * 37,
        warmUpDays: warmUp,
        ...(setting.rules ? { rules: setting.rules } : {}),
      }),
    );
  paired.set(setting.name, results);
}

// 2. The demo city as seeded, and the same city without its planted cluster (the counterfactual).
const demoPeople = quick ? 3000 : 50_000;
const demo = await runWarningOnSimulation(
  await freshDatabase(),
  demoCityOptions({ people: demoPeople, days: 21 }),
);
const demoWithout = quick
  ? null
  : await runWarningOnSimulation(await freshDatabase(), {
      ...demoCityOptions({ people: demoPeople, days: 21 }),
      plantedCluster: null,
    });
const demoTimeliness = demo.cluster ? timeliness(demo.alerts, demo.cluster, demoWithout?.alerts ?? []) : null;

// 3. Command-centre load on a year of counts.
const appDir = mkdtempSync(join(os.tmpdir(), 'shuzhi-bench-dash-'));
const appDatabase = openDatabase(`sqlite:${join(appDir, 'dashboard.db')}`);
await migrateToLatest(appDatabase, allMigrations);
const areas = [
  ...listAreas('city').filter((a) => a.code === '4302'),
  ...listAreas('district'),
  ...listAreas('street'),
];
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const dayOf = (back: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
let rows = 0;
await appDatabase.db.transaction().execute(async (trx) => {
  const batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await trx.insertInto('surveillance_indicator_counts').values(batch.splice(0)).execute();
  };
  for (let back = countDays - 1; back >= 0; back--) {
    const date = dayOf(back);
    for (const area of areas) {
      const level = area.level === 'city' ? 'city' : area.level;
      const scale = level === 'city' ? 112 : level === 'district' ? 12 : 1;
      for (const [k, indicator] of countIndicators.entries()) {
        const count = Math.round(scale * (3 + ((back * 7 + k * 3 + area.code.length) % 5)));
        batch.push({
          area_code: area.code,
          indicator,
          date,
          area_level: level,
          derived: count,
          imported: null,
          count,
          updated_at: `${today}T00:00:00.000Z`,
        });
        rows++;
        if (batch.length >= 500) await flush();
      }
    }
  }
  await flush();
});
const app = await createTestApp(appDatabase, loadConfig({}, { logLevel: 'silent' }));
const analyst = await signIn(app.app, 'analyst');
const time = async (url: string) => {
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const response = await app.app.inject({ url, headers: analyst.headers });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)]!,
    p95: samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)]!,
  };
};
const cityLoad = await time('/api/v1/dashboard');
const districtLoad = await time('/api/v1/dashboard?area=430202');
// Baseline: the same figures from a full read of the counts table (no index use, aggregated in memory).
const naiveSamples: number[] = [];
for (let i = 0; i < Math.min(requests, 5); i++) {
  const started = performance.now();
  const all = (await appDatabase.db.selectFrom('surveillance_indicator_counts').selectAll().execute()) as {
    area_code: string;
    count: number;
  }[];
  let total = 0;
  for (const r of all) if (r.area_code.length === 6) total += Number(r.count);
  if (total < 0) throw new Error('impossible');
  naiveSamples.push(performance.now() - started);
}
naiveSamples.sort((a, b) => a - b);
const naive = naiveSamples[Math.floor(naiveSamples.length / 2)]!;
await app.close();
await appDatabase.close();

// Report.
const cpu = process.cpuUsage(cpuStart);
const fmt = (n: number | null | undefined, d = 1) => (n === null || n === undefined ? '—' : n.toFixed(d));
const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const out: string[] = [];
out.push('## Early warning against the simulator’s truth, and the command centre’s load time', '');
out.push(
  `Command: \`node --import tsx bench/early-warning.ts${quick ? ' --quick' : ''}\` — ${seeds} seed(s), ${people.toLocaleString('en')} residents, ${pairDays} days, market cluster from day ${clusterDay}; false alerts counted after a ${warmUp}-day warm-up.`,
  '',
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} vCPU, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' / ',
    )}; run took ${((performance.now() - wallStart) / 1000).toFixed(0)} s (${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU).`,
  '',
);
out.push('### Timeliness and false alerts (paired simulations)', '');
out.push(
  '| rules | seeds | cluster infections (median) | detected | days from first infection to first alert: median (min–max) | from the cluster’s start | false alerts per district-month | of them yellow or above |',
);
out.push('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |');
const summary = new Map<string, { delay: number | null; falseRate: number }>();
for (const [name, results] of paired) {
  const delays = results.flatMap((r) =>
    r.timeliness?.daysFromFirstInfection === null || r.timeliness === null
      ? []
      : [r.timeliness.daysFromFirstInfection],
  );
  const fromStart = results.flatMap((r) =>
    r.timeliness?.daysFromStart === null || r.timeliness === null ? [] : [r.timeliness.daysFromStart],
  );
  const falseAlerts = results.reduce((a, r) => a + r.falseAlerts.alerts, 0);
  const months = results.reduce((a, r) => a + r.falseAlerts.districtMonths, 0);
  const yellow = results.reduce((a, r) => a + r.falseAlertsYellowUp.alerts, 0);
  const delay = median(delays);
  summary.set(name, { delay, falseRate: months ? falseAlerts / months : 0 });
  out.push(
    `| ${name} | ${results.length} | ${fmt(median(results.map((r) => r.clusterInfections)), 0)} | ${delays.length}/${results.length} | ${fmt(delay)} (${delays.length ? `${Math.min(...delays)}–${Math.max(...delays)}` : '—'}) | ${fmt(median(fromStart))} | ${fmt(months ? falseAlerts / months : 0, 2)} (${falseAlerts} in ${fmt(months)}) | ${fmt(months ? yellow / months : 0, 2)} |`,
  );
  if (results.some((r) => !r.sameBackground))
    out.push('', `⚠ ${name}: a pair differed before the cluster began (the pairing did not hold).`);
}
const [ours, classic] = [...summary.values()];
if (quick) out.push('', '(--quick: defaults only; the comparison with classic EARS needs the full run.)');
if (ours && classic)
  out.push(
    '',
    `Ratio against the baseline in this run: false alerts ${fmt(classic.falseRate ? ours.falseRate / classic.falseRate : null, 2)}× classic EARS; median delay ${fmt(ours.delay)} vs ${fmt(classic.delay)} days.`,
  );
out.push(
  '',
  `### The demo city as seeded (${demoPeople.toLocaleString('en')} residents × 21 days, outbreak under way, market cluster from day 12)`,
  '',
);
if (demo.cluster && demoTimeliness) {
  out.push(
    `Cluster in ${demo.cluster.street} (district ${demo.cluster.district}), first infection ${demo.cluster.firstInfection}, spreading from ${demo.cluster.start}; ${demo.infections} infections in all.`,
    '',
    `First alert in its district that the same city without the cluster did not also raise: ${demoTimeliness.firstAlert ? `${demoTimeliness.firstAlert.firstAlarmDate} (${demoTimeliness.firstAlert.indicator}), ${demoTimeliness.daysFromFirstInfection} days after the first infection, ${demoTimeliness.daysFromStart} after the cluster started` : 'none'}. By indicator: ${demoTimeliness.byIndicator.map((b) => `${b.indicator} +${b.daysFromFirstInfection} d`).join(', ') || '—'}. Alerts raised in all: ${demo.alerts.length} (${[...new Set(demo.alerts.map((a) => a.area))].length} districts; the background outbreak is real, so these are not false alerts).`,
  );
}
out.push(
  '',
  `### Command centre load (\`GET /api/v1/dashboard\`, SQLite, ${rows.toLocaleString('en')} daily counts: ${countDays} days × ${areas.length} areas × ${countIndicators.length} indicators, ${requests} requests each)`,
  '',
);
out.push(
  '| view | median | p95 | ratio to the 2 s budget | ratio to a full read of the counts table |',
  '| --- | ---: | ---: | ---: | ---: |',
);
for (const [name, load] of [
  ['city (9 districts on the map)', cityLoad],
  ['district (its streets on the map)', districtLoad],
] as const)
  out.push(
    `| ${name} | ${fmt(load.median)} ms | ${fmt(load.p95)} ms | ${fmt(load.p95 / 2000, 3)} | ${fmt(load.median / naive, 3)} (full read ${fmt(naive)} ms) |`,
  );
process.stdout.write(`${out.join('\n')}\n`);
rmSync(scratch, { recursive: true, force: true });
rmSync(appDir, { recursive: true, force: true });
