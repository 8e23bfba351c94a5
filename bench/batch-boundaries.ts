/**
 * Reproduction: does where an NDJSON import cuts its batches change what the hub stores or publishes? Writes
 * one lab-results file shaped like bench/hub-ingest.ts's (Patients each followed by their results, some
 * without a resident ID, some registered twice, a few positives), imports it into fresh SQLite databases
 * with different forced batch sizes, and compares everything stored: records, persons, links, identifiers,
 * observation facts, cases, review pairs, follow-ups and change-feed events (counted by topic, and compared
 * row by row with random ids replaced by what they name).
 *
 *   node --import tsx bench/batch-boundaries.ts [--records N] [--positive-rate P] [--batches 1000,1777,5000]
 *     [--show-topic hub.case.updated]
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../packages/db/src/index.js';
import { importNdjsonStream } from '../modules/hub/src/fhir/ndjson-stream-import.js';
import { writeLabFile } from './lib/lab-file.js';
import { openBenchHub } from './lib/bench-hub.js';
import { numberOption } from './lib/options.js';

const args = process.argv.slice(2);
const RECORDS = numberOption(args, '--records', 20_000);
const POSITIVE_RATE = numberOption(args, '--positive-rate', 0.02);
const batchArg = args[args.indexOf('--batches') + 1];
const BATCHES = (args.includes('--batches') && batchArg ? batchArg : '1000,1777,5000').split(',').map(Number);
const SOURCE = 'bench-lab';

/** Columns that only count or time the work (sequence numbers, index versions), not what was stored. */
const workColumns = new Set(['seq', 'mpi_version']);

type Row = Record<string, unknown>;

/** Every hub table as sorted text rows, with random ids replaced by what they name. */
async function snapshot(database: Database): Promise<Map<string, string[]>> {
  const sqlite = database.sqlite!;
  const tables = (
    sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  const all = (table: string) => sqlite.prepare(`SELECT * FROM "${table}"`).all() as Row[];
  // A person is named by the smallest record key linked to it; a case, review or task by what it is about.
  const label = new Map<string, string>();
  for (const link of all('person_links') as { person_id: string; record_key: string }[]) {
    const known = label.get(link.person_id);
    if (!known || link.record_key < known) label.set(link.person_id, `person<${link.record_key}>`);
  }
  for (const c of all('cases') as { id: string; person_id: string }[])
    label.set(c.id, `case<${label.get(c.person_id) ?? c.person_id}>`);
  for (const r of all('linkage_reviews') as { id: string; record_key: string }[])
    label.set(r.id, `review<${r.record_key}>`);
  for (const t of all('followup_tasks') as { id: string; trigger_id: string }[])
    label.set(t.id, `task<${t.trigger_id}>`);
  // Records have random platform ids (ADR 0002): named by their source and the id it sent.
  for (const r of all('hub_records') as { id: string; source_id: string; local_id: string | null }[])
    label.set(r.id, `record<${r.source_id}/${r.local_id ?? r.id}>`);
  const idPattern = /\b[a-z]{2,5}_[A-Za-z0-9_-]{16,}\b/g;
  const recordIdPattern = /\b[a-z]{2,5}-[0-9a-z]{20}\b/g;
  const rename = (text: string) =>
    text
      .replace(idPattern, (id) => label.get(id) ?? `?${id.split('_')[0]}`)
      .replace(recordIdPattern, (id) => label.get(id) ?? id);
  const out = new Map<string, string[]>();
  for (const table of tables) {
    // mpi_state counts the linking transactions: how the work was cut, not what was stored.
    if (
      table.startsWith('kysely_') ||
      ['users', 'sessions', 'audit_log', 'api_keys', 'mpi_state'].includes(table)
    )
      continue;
    const rows = all(table).map((row) => {
      const kept: Row = {};
      for (const [column, value] of Object.entries(row)) if (!workColumns.has(column)) kept[column] = value;
      if (table === 'change_feed') delete kept['id'];
      // A case's basis lists its records in platform-id order, random since ADR 0002: compared as a set.
      if (table === 'cases' && typeof kept['basis'] === 'string')
        kept['basis'] = (JSON.parse(kept['basis']) as string[]).map(rename).sort();
      return rename(JSON.stringify(kept));
    });
    out.set(table, rows.sort());
  }
  return out;
}

function topics(rows: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) {
    const topic = String((JSON.parse(row) as Row)['topic']);
    out.set(topic, (out.get(topic) ?? 0) + 1);
  }
  return out;
}

async function importWith(file: string, dir: string, batchSize: number): Promise<Map<string, string[]>> {
  const database = openDatabase(`sqlite:${join(dir, `batch-${batchSize}.db`)}`);
  const hub = await openBenchHub(database, SOURCE);
  // Infinity: batches are never sized by time, so every one holds `batchSize` lines (the first at most 1,000).
  const report = await importNdjsonStream(database, hub.data.records, createReadStream(file), {
    sourceId: SOURCE,
    batchSize,
    sliceMs: Infinity,
  });
  if (report.status !== 'accepted')
    throw new Error(`batch ${batchSize}: ${JSON.stringify(report).slice(0, 500)}`);
  const rows = await snapshot(database);
  await database.close();
  return rows;
}

const dir = mkdtempSync(join(os.tmpdir(), 'shuzhi-batch-boundaries-'));
try {
  const file = join(dir, 'lab-results.ndjson');
  const lines = await writeLabFile(file, { records: RECORDS, positiveRate: POSITIVE_RATE, sourceId: SOURCE });
  process.stdout.write(`${lines} lines, batch sizes ${BATCHES.join(', ')}\n`);
  const snapshots = new Map<number, Map<string, string[]>>();
  for (const size of BATCHES) snapshots.set(size, await importWith(file, dir, size));
  const [first, ...others] = BATCHES;
  const base = snapshots.get(first!)!;
  for (const size of BATCHES) {
    const feed = snapshots.get(size)!.get('change_feed') ?? [];
    process.stdout.write(
      `batch ${size}: ${feed.length} events ${JSON.stringify(Object.fromEntries(topics(feed)))}; ` +
        `${snapshots.get(size)!.get('cases')?.length ?? 0} cases, ${snapshots.get(size)!.get('persons')?.length ?? 0} persons\n`,
    );
  }
  const show = args.includes('--show-topic') ? args[args.indexOf('--show-topic') + 1] : undefined;
  if (show)
    for (const size of BATCHES)
      for (const row of snapshots.get(size)!.get('change_feed') ?? [])
        if (row.includes(`"topic":"${show}"`)) process.stdout.write(`batch ${size}: ${row}\n`);
  for (const size of others) {
    const other = snapshots.get(size)!;
    for (const [table, rows] of base) {
      const theirs = new Set(other.get(table) ?? []);
      const ours = new Set(rows);
      const missing = rows.filter((r) => !theirs.has(r));
      const extra = (other.get(table) ?? []).filter((r) => !ours.has(r));
      if (missing.length === 0 && extra.length === 0) continue;
      process.stdout.write(
        `\n${table}: batch ${first} vs ${size}: ${missing.length} only in ${first}, ${extra.length} only in ${size}\n`,
      );
      for (const r of missing.slice(0, 4)) process.stdout.write(`  - ${r.slice(0, 600)}\n`);
      for (const r of extra.slice(0, 4)) process.stdout.write(`  + ${r.slice(0, 600)}\n`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
