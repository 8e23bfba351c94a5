/**
 * Benchmark: the synthetic city and epidemic — build the city, simulate every day, and write the import
 * files, ground truth and reference data (1,000,000 residents × 14 days; `--quick` 20,000 × 3) — against a
 * plain baseline that writes the same files with the same number of rows of the same average length and
 * no simulation logic. Each runs in its own process, so peak RSS is its own. Prints a Markdown section.
 *
 *   node --import tsx bench/sim.ts [--quick] [--people N] [--days D] [--seed S] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BufferedFile } from '../packages/sim/src/csv-file.js';
import { CitySimulation } from '../packages/sim/src/simulation.js';
import { SimulationWriter } from '../packages/sim/src/write-simulation.js';
import { numberOption } from './lib/options.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string, fallback: number): number => numberOption(args, name, fallback);
const PEOPLE = option('--people', quick ? 20_000 : 1_000_000);
const DAYS = option('--days', quick ? 3 : 14);
const SEED = option('--seed', 20220410);

interface FileStats {
  rows: number;
  bytes: number;
}

interface ChildReport {
  seconds: number;
  /** User + system CPU time of the child process: what the run costs whatever else the machine does. */
  cpuSeconds: number;
  phases: Record<string, number>;
  files: Record<string, FileStats>;
  peakRssBytes: number;
  notes: Record<string, number | string>;
}

/** Peak resident set size of this process so far (Linux VmHWM), in bytes. */
function peakRss(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux: fall back to the current RSS
  }
  return process.memoryUsage().rss;
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function measureFiles(dir: string, rows: Record<string, number>): Record<string, FileStats> {
  const files: Record<string, FileStats> = {};
  for (const path of filesUnder(dir)) {
    const name = relative(dir, path);
    if (!name.endsWith('.csv') && !name.endsWith('.ndjson')) continue;
    files[name] = { rows: rows[name] ?? 0, bytes: statSync(path).size };
  }
  return files;
}

/** Child: build, simulate and write, streaming day by day. */
function runSimulation(dir: string): ChildReport {
  const t0 = performance.now();
  const simulation = new CitySimulation({
    people: PEOPLE,
    days: DAYS,
    seed: SEED,
    initialInfections: Math.max(5, Math.round(PEOPLE / 5000)),
    plantedCluster: { kind: 'market', day: Math.max(0, DAYS - 3) },
  });
  const built = performance.now();
  const writer = new SimulationWriter(dir);
  writer.begin(simulation.city);
  let simulating = 0;
  let writing = 0;
  while (!simulation.finished) {
    const a = performance.now();
    const day = simulation.step();
    const b = performance.now();
    writer.writeDay(day);
    simulating += b - a;
    writing += performance.now() - b;
  }
  const c = performance.now();
  const rows = writer.finish(simulation.result());
  writing += performance.now() - c;
  const seconds = (performance.now() - t0) / 1000;
  return {
    seconds,
    cpuSeconds: cpuSeconds(),
    phases: { build: (built - t0) / 1000, simulate: simulating / 1000, write: writing / 1000 },
    files: measureFiles(dir, rows),
    peakRssBytes: peakRss(),
    notes: {
      persons: simulation.city.population.size,
      venues: simulation.city.places.venues.count,
      infections: simulation.city.epidemic.infected.length,
    },
  };
}

/** Child: the same files, rows and bytes, written from a fixed template line: I/O and formatting only. */
function runBaseline(dir: string, plan: Record<string, FileStats>): ChildReport {
  const t0 = performance.now();
  for (const [name, stats] of Object.entries(plan)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    const length = stats.rows > 0 ? Math.max(1, Math.round(stats.bytes / stats.rows) - 1) : 1;
    const file = new BufferedFile(join(dir, name));
    for (let i = 0; i < stats.rows; i++) {
      // A row of the right length that still changes every line (as real rows do).
      const counter = String(i);
      file.line(counter + 'x'.repeat(Math.max(0, length - counter.length)));
    }
    file.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = Object.fromEntries(Object.entries(plan).map(([name, s]) => [name, s.rows]));
  return {
    seconds,
    cpuSeconds: cpuSeconds(),
    phases: { write: seconds },
    files: measureFiles(dir, rows),
    peakRssBytes: peakRss(),
    notes: {},
  };
}

function child(kind: 'simulate' | 'baseline', dir: string, planFile?: string): ChildReport {
  const here = fileURLToPath(import.meta.url);
  const result = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=7168',
      '--import',
      'tsx',
      here,
      ...args,
      '--child',
      kind,
      '--dir',
      dir,
      ...(planFile ? ['--plan', planFile] : []),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  if (result.status !== 0) throw new Error(`${kind} child failed (exit ${result.status}):\n${result.stderr}`);
  const last = result.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as ChildReport;
}

const totalRows = (r: ChildReport) => Object.values(r.files).reduce((s, f) => s + f.rows, 0);
const totalBytes = (r: ChildReport) => Object.values(r.files).reduce((s, f) => s + f.bytes, 0);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(2);
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

function main(): void {
  const childKind = args[args.indexOf('--child') + 1];
  const dirArg = args[args.indexOf('--dir') + 1];
  if (args.includes('--child') && dirArg) {
    const plan = args.includes('--plan')
      ? (JSON.parse(readFileSync(args[args.indexOf('--plan') + 1]!, 'utf8')) as Record<string, FileStats>)
      : {};
    const report = childKind === 'baseline' ? runBaseline(dirArg, plan) : runSimulation(dirArg);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const root = mkdtempSync(join(os.tmpdir(), 'shuzhi-bench-sim-'));
  try {
    const simulated = child('simulate', join(root, 'sim'));
    const planFile = join(root, 'plan.json');
    writeFileSync(planFile, JSON.stringify(simulated.files));
    const baseline = child('baseline', join(root, 'baseline'), planFile);
    report(simulated, baseline);
  } finally {
    if (!args.includes('--keep')) rmSync(root, { recursive: true, force: true });
    else process.stderr.write(`kept ${root}\n`);
  }
}

function report(sim: ChildReport, base: ChildReport): void {
  const rows = totalRows(sim);
  const simRate = rows / sim.seconds;
  const baseRate = totalRows(base) / base.seconds;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `## Synthetic city: ${thousands(PEOPLE)} people × ${DAYS} days${quick ? ' (quick)' : ''}`,
    '',
    'Builds the synthetic Zhuzhou (households, IDs, venues, transport, calibration), simulates every day',
    '(schedules, transmission, testing, reporting) and writes every import file, the reference data and the',
    'ground truth, streaming day by day. The baseline writes the same files with the same number of rows of',
    'the same average length from a template, with no simulation logic. Each runs in its own process.',
    '',
    `Command: \`node --import tsx bench/sim.ts${quick ? ' --quick' : ''}\` (seed ${SEED})`,
    '',
    `Machine: ${cpu}, ${os.cpus().length} cores, ${gib(os.totalmem())} GiB RAM, Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1/5/15 min) at the end of the run.`,
    '',
    '| run | wall time | CPU time | rows written | rows / s | data written | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| simulation (build ${sim.phases['build']!.toFixed(1)} s, days ${sim.phases['simulate']!.toFixed(1)} s, writing ${sim.phases['write']!.toFixed(1)} s) | ${sim.seconds.toFixed(1)} s | ${sim.cpuSeconds.toFixed(1)} s | ${thousands(rows)} | ${thousands(simRate)} | ${mib(totalBytes(sim))} MiB | ${mib(sim.peakRssBytes)} MiB |`,
    `| baseline (same rows, no logic) | ${base.seconds.toFixed(1)} s | ${base.cpuSeconds.toFixed(1)} s | ${thousands(totalRows(base))} | ${thousands(baseRate)} | ${mib(totalBytes(base))} MiB | ${mib(base.peakRssBytes)} MiB |`,
    `| **ratio simulation / baseline** | **${(sim.seconds / base.seconds).toFixed(1)}×** | **${(sim.cpuSeconds / base.cpuSeconds).toFixed(1)}×** | | **${(simRate / baseRate).toFixed(2)}×** | | **${(sim.peakRssBytes / base.peakRssBytes).toFixed(1)}×** |`,
    '',
    `Targets for 1,000,000 × 14: under 180 s and under 8 GiB — this run: ${sim.seconds.toFixed(0)} s wall (${sim.cpuSeconds.toFixed(0)} s CPU), ${gib(sim.peakRssBytes)} GiB peak RSS.`,
    `City: ${thousands(Number(sim.notes['persons']))} persons (residents, visitors, travellers), ${thousands(Number(sim.notes['venues']))} venues, ${thousands(Number(sim.notes['infections']))} infections.`,
    '',
    '| file | rows | MiB |',
    '| --- | ---: | ---: |',
    ...Object.entries(sim.files)
      .sort((a, b) => b[1].rows - a[1].rows)
      .map(([name, f]) => `| ${name} | ${thousands(f.rows)} | ${mib(f.bytes)} |`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
