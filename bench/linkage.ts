/**
 * Benchmark: master-person-index linkage of dirty synthetic records (batch and one by one), against an
 * exact-match baseline (same valid document, or same name and birth date — how Go.Data deduplicates)
 * measured on the same data in the same run. Prints a Markdown section.
 *
 *   node --import tsx bench/linkage.ts [--quick] [--records N] [--seed S] [--sim DIR]
 *
 * `--sim DIR` also links the Patient resources of a simulator output directory (fhir/*.ndjson) and scores
 * them against its truth/persons.csv. The machine is shared, so CPU seconds are reported beside wall time.
 */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { generateDirtyRecords } from '../modules/hub/src/core/linkage/dirty-records.js';
import { linkRecords } from '../modules/hub/src/core/linkage/link-records.js';
import { scoreLinkage, type LinkageScores } from '../modules/hub/src/core/linkage/linkage-evaluation.js';
import type { LinkageRecord } from '../modules/hub/src/core/linkage/linkage-record.js';
import { PersonIndex } from '../modules/hub/src/core/linkage/person-index.js';
import { validResidentId } from '../modules/hub/src/core/identifiers/resident-id.js';
import { passportValue } from '../modules/hub/src/core/identifiers/passport.js';
import { parseCsv } from '../modules/hub/src/core/csv/csv-reader.js';
import { parseNdjson } from '../modules/hub/src/core/fhir/ndjson.js';
import { validatePatient } from '../modules/hub/src/core/fhir/patient.js';
import { truthFromRows, type TruthRow } from '../modules/hub/src/core/linkage/linkage-evaluation.js';
import { toLinkageRecord } from '../modules/hub/src/core/linkage/person-to-linkage.js';
import { numberOption } from './lib/options.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string, fallback: number): number => numberOption(args, name, fallback);
const recordCount = option('--records', quick ? 20_000 : 1_000_000);
const seed = option('--seed', 20220101);
const incrementalCount = Math.min(recordCount, quick ? 5_000 : 100_000);

/** Exact-match deduplication: one person per valid resident ID or passport, or per exact name + birth date. */
function exactMatchLinkage(records: readonly LinkageRecord[]): { recordKeys: string[] }[] {
  const parent = records.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const firstWithKey = new Map<string, number>();
  records.forEach((record, i) => {
    const keys: string[] = [];
    const id = record.residentId ? validResidentId(record.residentId) : null;
    if (id) keys.push(`id:${id}`);
    const passport = record.passport ? passportValue(record.passport) : null;
    if (passport) keys.push(`passport:${passport}`);
    if (record.name && record.birthDate)
      keys.push(
        `name:${record.name.normalize('NFKC').replace(/\s+/g, '').toLowerCase()}|${record.birthDate}`,
      );
    for (const key of keys) {
      const first = firstWithKey.get(key);
      if (first === undefined) firstWithKey.set(key, i);
      else parent[find(i)] = find(first);
    }
  });
  const clusters = new Map<number, string[]>();
  records.forEach((record, i) => {
    const root = find(i);
    const keys = clusters.get(root);
    if (keys) keys.push(record.recordKey);
    else clusters.set(root, [record.recordKey]);
  });
  return [...clusters.values()].map((recordKeys) => ({ recordKeys }));
}

/** Wall-clock and CPU seconds (user + system, all threads of this process) of a run. */
function timed<T>(run: () => T): { result: T; seconds: number; cpuSeconds: number } {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  return {
    result,
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** Patients of a simulator output directory as linkage records, and its truth. */
function simulatorRecords(dir: string): {
  records: LinkageRecord[];
  truth: Map<string, string>;
  rejected: number;
} {
  const records: LinkageRecord[] = [];
  let rejected = 0;
  for (const file of readdirSync(join(dir, 'fhir')).filter((f) => f.endsWith('.ndjson'))) {
    for (const item of parseNdjson(readFileSync(join(dir, 'fhir', file), 'utf8'))) {
      if (!('value' in item) || (item.value as { resourceType?: string }).resourceType !== 'Patient')
        continue;
      const identifiers = ((item.value as { identifier?: { system?: string }[] }).identifier ?? []).map(
        (i) => i.system ?? '',
      );
      const sourceId = identifiers
        .find((system) => system.startsWith('urn:shuzhi:source:'))
        ?.slice('urn:shuzhi:source:'.length);
      if (!sourceId) continue;
      const person = validatePatient(item.value, { sourceId });
      if (person.ok) records.push(toLinkageRecord(person.record, sourceId));
      else rejected++;
    }
  }
  const [header, ...rows] = parseCsv(readFileSync(join(dir, 'truth', 'persons.csv'), 'utf8')).flatMap((r) =>
    'fields' in r ? [r.fields] : [],
  );
  const truth = truthFromRows(
    rows.map((f) => Object.fromEntries(header!.map((h, k) => [h, f[k]!])) as unknown as TruthRow),
  );
  return { records, truth, rejected };
}

const simDir = args.includes('--sim') ? args[args.indexOf('--sim') + 1] : undefined;
const percent = (x: number) => `${(x * 100).toFixed(2)}%`;
const perSecond = (n: number, seconds: number) => Math.round(n / seconds).toLocaleString('en-US');
const scoreCells = (s: LinkageScores) =>
  `${percent(s.pairwise.precision)} | ${percent(s.pairwise.recall)} | ${percent(s.cluster.precision)} | ${percent(s.cluster.recall)}`;

const generated = timed(() => generateDirtyRecords({ records: recordCount, seed }));
const data = generated.result;

const baseline = timed(() => exactMatchLinkage(data.records));
const baselineScores = scoreLinkage(baseline.result, data.truth);

const batch = timed(() => linkRecords(data.records));
const batchScores = scoreLinkage(batch.result.persons, data.truth);
const heapAfterBatch = process.memoryUsage().rss;

const subset = data.records.slice(0, incrementalCount);
const subsetTruth = new Map(subset.map((r) => [r.recordKey, data.truth.get(r.recordKey)!]));
const incremental = timed(() => {
  const index = new PersonIndex({ populationSize: subset.length });
  let next = 0;
  for (const record of subset) {
    const decision = index.match(record);
    // A record held back from the holder of its ID (review) is a new person holding that ID too.
    if (decision.outcome === 'link') index.add(record, decision.personId);
    else index.load(record, `new-${next++}`);
  }
  const clusters = new Map<string, string[]>();
  for (const record of subset) {
    const person = index.personOf(record.recordKey)!;
    clusters.set(person, [...(clusters.get(person) ?? []), record.recordKey]);
  }
  return [...clusters.values()].map((recordKeys) => ({ recordKeys }));
});
const incrementalScores = scoreLinkage(incremental.result, subsetTruth);
const subsetBaseline = timed(() => exactMatchLinkage(subset));

function row(
  method: string,
  records: number,
  run: { seconds: number; cpuSeconds: number },
  scores: LinkageScores,
): string {
  return (
    `| ${method} | ${records} | ${run.seconds.toFixed(2)} (${run.cpuSeconds.toFixed(2)}) | ` +
    `${perSecond(records, run.seconds)} (${perSecond(records, run.cpuSeconds)}) | ${scoreCells(scores)} |`
  );
}

const stats = batch.result.stats;
const lines = [
  `## Record linkage (master person index)`,
  ``,
  `Linkage of ${data.records.length.toLocaleString('en-US')} dirty synthetic person records (${data.persons.toLocaleString('en-US')} true persons, ` +
    `generator seed ${seed}: homophones, near-homophone and pinyin names, date and ID slips, missing IDs, shared household phones, twins), ` +
    `scored against the generator's truth. Baseline: exact-match deduplication on the same data in the same run ` +
    `(same valid resident ID or passport, or same name and birth date).`,
  ``,
  `Command: \`${['node --import tsx bench/linkage.ts', ...args].join(' ')}\``,
  ``,
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ` +
    `Node ${process.version}, ${os.platform()} ${os.release()}, load average ${os.loadavg()[0]!.toFixed(2)} at the end.`,
  ``,
  `| method | records | seconds (CPU) | records/s (per CPU s) | pairwise precision | pairwise recall | cluster precision | cluster recall |`,
  `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
  row('exact match (baseline)', data.records.length, baseline, baselineScores),
  row('Shuzhi batch (Fellegi–Sunter)', data.records.length, batch, batchScores),
  row(
    `exact match, first ${subset.length}`,
    subset.length,
    subsetBaseline,
    scoreLinkage(subsetBaseline.result, subsetTruth),
  ),
  row(
    `Shuzhi one by one (\`matchRecord\` + add), first ${subset.length}`,
    subset.length,
    incremental,
    incrementalScores,
  ),
  ``,
  `Ratios against the baseline: batch throughput ${(baseline.seconds / batch.seconds).toFixed(2)}× the exact-match rate ` +
    `(${(baseline.cpuSeconds / batch.cpuSeconds).toFixed(2)}× in CPU time) ` +
    `(it does ${(stats.candidatePairs / data.records.length).toFixed(2)} comparisons per record); pairwise recall ` +
    `${percent(batchScores.pairwise.recall)} vs ${percent(baselineScores.pairwise.recall)} (missed true pairs ` +
    `${(batchScores.pairwise.truePairs - batchScores.pairwise.correctPairs).toLocaleString('en-US')} vs ` +
    `${(baselineScores.pairwise.truePairs - baselineScores.pairwise.correctPairs).toLocaleString('en-US')}); wrongly joined pairs ` +
    `${(batchScores.pairwise.predictedPairs - batchScores.pairwise.correctPairs).toLocaleString('en-US')} vs ` +
    `${(baselineScores.pairwise.predictedPairs - baselineScores.pairwise.correctPairs).toLocaleString('en-US')}.`,
  ``,
  `Batch details: ${stats.residentIdLinks.toLocaleString('en-US')} links on a valid resident ID, ${stats.passportLinks} on a passport, ` +
    `${stats.probabilisticLinks.toLocaleString('en-US')} probabilistic links, ${stats.refusedForResidentIdConflict} links refused for conflicting resident IDs, ` +
    `${stats.candidatePairs.toLocaleString('en-US')} candidate pairs (${Object.entries(stats.pairsByRule)
      .map(([rule, n]) => `${rule} ${n.toLocaleString('en-US')}`)
      .join(
        ', ',
      )}), ${stats.oversizedBlocks.length} oversized blocks skipped, ${stats.reviewPairs.toLocaleString('en-US')} pairs for review; ` +
    `resident set ${(heapAfterBatch / 2 ** 20).toFixed(0)} MiB after the batch. Generating the records took ${generated.seconds.toFixed(1)} s (not counted).`,
];
if (simDir) {
  const sim = simulatorRecords(simDir);
  const simBaseline = timed(() => exactMatchLinkage(sim.records));
  const simBatch = timed(() => linkRecords(sim.records));
  lines.push(
    ``,
    `Simulator data (\`--sim ${simDir}\`): ${sim.records.length.toLocaleString('en-US')} Patient resources validated and linked ` +
      `(${sim.rejected} rejected by validation), scored against its truth/persons.csv.`,
    ``,
    `| method | records | seconds (CPU) | records/s (per CPU s) | pairwise precision | pairwise recall | cluster precision | cluster recall |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    row(
      'exact match (baseline)',
      sim.records.length,
      simBaseline,
      scoreLinkage(simBaseline.result, sim.truth),
    ),
    row(
      'Shuzhi batch (Fellegi–Sunter)',
      sim.records.length,
      simBatch,
      scoreLinkage(simBatch.result.persons, sim.truth),
    ),
  );
}
console.log(lines.join('\n'));
