/**
 * Seeds the demo city: runs the synthetic city (packages/sim) day by day, writes the files its data sources
 * would send, registers those sources, and imports every file through the platform's own import paths —
 * never around them. Used by `shuzhi demo` and by the first start of `npm start`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAY_MS, type Purpose } from '@shuzhi/core';
import { systemContext } from '@shuzhi/identity';
import type { SourceType } from '@shuzhi/hub';
import { CitySimulation, demoCityOptions, SimulationWriter, type StrainName } from '@shuzhi/sim';
import type { Platform } from '../platform.js';

export interface DemoSeedOptions {
  people: number;
  days: number;
  seed: number;
  strain?: StrainName;
  /** First simulated day; default: `days` before today, so the outbreak is in progress now. */
  startDate?: string;
  /** Keep the generated files here (default: a temporary folder, removed afterwards). */
  outDir?: string;
  /** Generate the files only; do not import them. */
  filesOnly?: boolean;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface DemoSeedReport {
  outDir: string | null;
  days: number;
  people: number;
  infections: number;
  imported: {
    kind: string;
    file: string;
    accepted: number;
    unchanged: number;
    rejected: number;
    status: string;
  }[];
  /** Files the platform cannot import yet (their module has not landed); nothing was lost, they are on disk. */
  skipped: { kind: string; file: string }[];
}

/** Presence and reference files in the order they are imported (after the FHIR files). */
const csvFiles: { file: string; kind: string }[] = [
  { file: 'venues.csv', kind: 'venues' },
  { file: 'households.csv', kind: 'households' },
  { file: 'checkins.csv', kind: 'checkins' },
  { file: 'trips.csv', kind: 'trips' },
  { file: 'stays.csv', kind: 'stays' },
  { file: 'gate-access.csv', kind: 'gate-access' },
  { file: 'travelers.csv', kind: 'travelers' },
  { file: 'indicators.csv', kind: 'indicators' },
];

const sourceTypeByPrefix: Record<string, SourceType> = {
  hospital: 'hospital',
  lab: 'lab',
  port: 'port',
  immunization: 'cdc',
};

export function demoStartDate(days: number, now: Date): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
}

export async function seedDemoCity(platform: Platform, options: DemoSeedOptions): Promise<DemoSeedReport> {
  const progress = options.onProgress ?? (() => undefined);
  const outDir = options.outDir ?? mkdtempSync(join(tmpdir(), 'shuzhi-demo-'));
  const startDate = options.startDate ?? demoStartDate(options.days, platform.clock.now());
  const simulation = new CitySimulation({
    ...demoCityOptions({
      people: options.people,
      days: options.days,
      seed: options.seed,
      ...(options.strain ? { strain: options.strain } : {}),
    }),
    startDate,
  });
  const writer = new SimulationWriter(outDir);
  writer.begin(simulation.city);
  let day = 0;
  let infections = 0;
  for (const output of simulation.days()) {
    writer.writeDay(output);
    infections += output.newInfections;
    progress('simulating', ++day, options.days);
  }
  const result = simulation.result();
  writer.finish(result);
  const report: DemoSeedReport = {
    outDir: options.outDir ?? null,
    days: options.days,
    people: options.people,
    infections,
    imported: [],
    skipped: [],
  };
  if (options.filesOnly) return report;
  try {
    await importDemoFiles(platform, outDir, report, progress);
  } finally {
    if (!options.outDir) rmSync(outDir, { recursive: true, force: true });
  }
  return report;
}

async function importDemoFiles(
  platform: Platform,
  dir: string,
  report: DemoSeedReport,
  progress: (stage: string, done: number, total: number) => void,
): Promise<void> {
  const ctx = systemContext('demo', 'data_submission' as Purpose, platform.clock);
  const kinds = new Set(platform.hub.imports.kinds().map((k) => k.kind));
  const fhirFiles = readdirSync(join(dir, 'fhir'))
    .filter((f) => f.endsWith('.ndjson'))
    .sort();
  const total = fhirFiles.length + csvFiles.length;
  let done = 0;
  for (const file of fhirFiles) {
    const [prefix, sourceId] = file.replace(/\.ndjson$/, '').split('-') as [string, string];
    if (!(await platform.hub.sources.getSource(sourceId))) {
      await platform.hub.sources.addSource({
        id: sourceId,
        name: `${sourceId} (demo ${prefix})`,
        // The city CDC's own laboratory sends results and the diagnoses it confirms: a CDC may submit both,
        // a laboratory only results.
        type: sourceId.startsWith('cdc') ? 'cdc' : (sourceTypeByPrefix[prefix] ?? 'hospital'),
        areaCode: '4302',
        expectedIntervalHours: 24,
      });
    }
    await importFile(
      platform,
      ctx,
      kinds,
      { kind: 'fhir', path: join(dir, 'fhir', file), fileName: `fhir/${file}`, sourceId },
      report,
    );
    progress('importing', ++done, total);
  }
  for (const { file, kind } of csvFiles) {
    await importFile(
      platform,
      ctx,
      kinds,
      { kind, path: join(dir, file), fileName: file, sourceId: null },
      report,
    );
    progress('importing', ++done, total);
  }
}

async function importFile(
  platform: Platform,
  ctx: ReturnType<typeof systemContext>,
  kinds: Set<string>,
  file: { kind: string; path: string; fileName: string; sourceId: string | null },
  report: DemoSeedReport,
): Promise<void> {
  if (!kinds.has(file.kind)) {
    report.skipped.push({ kind: file.kind, file: file.fileName });
    return;
  }
  const result = await platform.hub.imports.run(ctx, {
    kind: file.kind,
    fileName: file.fileName,
    text: readFileSync(file.path, 'utf8'),
    partial: true,
    sourceId: file.sourceId,
  });
  report.imported.push({
    kind: file.kind,
    file: file.fileName,
    accepted: result.accepted,
    unchanged: result.unchanged,
    rejected: result.rejected,
    status: result.status,
  });
}

/** Seeds the demo city unless the database already holds people (first start only). */
export async function seedDemoCityOnFirstStart(
  platform: Platform,
  print: (line: string) => void,
): Promise<DemoSeedReport | null> {
  if ((await platform.hub.persons.countPersons()) > 0) return null;
  const { demoPeople: people, demoDays: days, demoSeed: seed } = platform.config;
  const started = Date.now();
  print(
    `Seeding the demo city (Zhuzhou, ${people.toLocaleString('en')} people, ${days} days, seed ${seed})…`,
  );
  let lastStage = '';
  const report = await seedDemoCity(platform, {
    people,
    days,
    seed,
    onProgress: (stage, done, total) => {
      if (stage !== lastStage || done === total) print(`  ${stage} ${done}/${total}`);
      lastStage = stage;
    },
  });
  print(
    `Demo city ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${report.infections} infections so far; imported ${report.imported.map((i) => `${i.kind} ${i.accepted}`).join(', ') || 'nothing'}`,
  );
  if (report.skipped.length > 0)
    print(
      `  not imported yet (their modules have not landed): ${[...new Set(report.skipped.map((s) => s.kind))].join(', ')}`,
    );
  return report;
}
