/**
 * Peak memory of a large list export (`GET /api/v1/persons?format=csv|xlsx`), the streamed export against the
 * one it replaced (which built the whole file in memory), in the same run. A SQLite database gets N persons;
 * then each variant runs in its own server process (so one's heap cannot hide in the other's), serves one
 * export over HTTP to a client that discards it, and reports its peak RSS (the kernel's `maxRSS`) and heap
 * growth over what it held before the request. The earlier code is taken from git (`--before REF`: the four
 * export files at that commit, beside a copy of the rest of apps/server/src).
 *
 * With `--heap-cap MiB` each server runs with that V8 old-space limit (`--max-old-space-size`): whether the
 * export fits at all, beyond what the garbage collector happened to leave (a run that runs out says so).
 *
 *   node --import tsx bench/list-export.ts [--quick] [--rows N] [--before REF] [--heap-cap MiB]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@shuzhi/core';
import { openDatabase } from '@shuzhi/db';
import { numberOption } from './lib/options.js';
import type * as ServerModule from '../apps/server/src/index.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const ROWS = numberOption(args, '--rows', quick ? 10_000 : 100_000, { positive: true });
const BEFORE = args.includes('--before') ? args[args.indexOf('--before') + 1]! : '5cd8696~1';
const HEAP_CAP = numberOption(args, '--heap-cap', 0, { positive: true });
const EXPORT_FILES = ['list-export.ts', 'table-export.ts', 'xlsx.ts', 'zip.ts'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Measured {
  variant: string;
  format: string;
  status: number;
  rows: number;
  bytes: number;
  seconds: number;
  baselineRssMiB: number;
  peakRssMiB: number;
  peakHeapGrowthMiB: number;
}

const mib = (bytes: number) => bytes / 2 ** 20;

/** Child: serve one export from the app in `srcDir` and measure this process. */
async function child(srcDir: string, dbUrl: string, format: string, variant: string): Promise<void> {
  const { createPlatform, buildApp, seedDemoAccounts } = (await import(
    join(srcDir, 'index.ts')
  )) as typeof ServerModule;
  const config = loadConfig({}, { db: dbUrl, logLevel: 'silent', demoPeople: 0, maxEventLoopDelayMs: 0 });
  const platform = await createPlatform(config, {});
  await seedDemoAccounts(platform.identity, platform.hub);
  const { app } = await buildApp(platform, { serveWeb: false });
  const address = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'epi', password: 'shuzhi-demo-2026', mode: 'bearer' },
  });
  const token = (login.json() as { token: string }).token;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baselineRss = process.memoryUsage().rss;
  const baselineHeap = process.memoryUsage().heapUsed;
  let peakHeap = baselineHeap;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 5);
  const started = performance.now();
  let bytes = 0;
  let rows = 0;
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      {
        host: address.hostname,
        port: address.port,
        path: `/api/v1/persons?format=${format}`,
        headers: { authorization: `Bearer ${token}` },
      },
      (res) => {
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (format === 'csv') for (const byte of chunk) if (byte === 0x0a) rows += 1;
          peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
        });
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const measured: Measured = {
    variant,
    format,
    status,
    rows: format === 'csv' ? rows - 1 : ROWS,
    bytes,
    seconds,
    baselineRssMiB: mib(baselineRss),
    // maxRSS is in KiB: the most this process ever held, the export's peak (the app was built before).
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    peakHeapGrowthMiB: mib(peakHeap - baselineHeap),
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
  await app.close();
  await platform.close();
}

/** A database of `rows` persons in one area, seen by the demo epidemiologist. */
async function prepareDatabase(dbUrl: string): Promise<void> {
  const { createPlatform, seedDemoAccounts } = await import('../apps/server/src/index.js');
  const config = loadConfig({}, { db: dbUrl, logLevel: 'silent', demoPeople: 0 });
  const database = openDatabase(dbUrl);
  const platform = await createPlatform(config, { database });
  await seedDemoAccounts(platform.identity, platform.hub);
  const sqlite = database.sqlite!;
  const insert = sqlite.prepare(
    'INSERT INTO persons (id, created_at, updated_at, name, sex, birth_date, area_code) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const at = new Date(Date.UTC(2026, 1, 1) + i * 1000).toISOString();
      const birth = `${1940 + (i % 70)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      insert.run(
        `per_bench${String(i).padStart(8, '0')}`,
        at,
        at,
        `测试人员${i}号`,
        i % 2 ? 'male' : 'female',
        birth,
        '430202',
      );
    }
  })();
  await platform.close();
}

/** A copy of apps/server/src with the export files as they were at `ref`. */
function beforeSources(ref: string, into: string): string {
  const src = join(into, 'src');
  cpSync(join(root, 'apps/server/src'), src, { recursive: true });
  for (const file of EXPORT_FILES) {
    const shown = spawnSync('git', ['show', `${ref}:apps/server/src/${file}`], {
      cwd: root,
      encoding: 'utf8',
    });
    if (shown.status !== 0) throw new Error(`git show ${ref}:apps/server/src/${file}: ${shown.stderr}`);
    writeFileSync(join(src, file), shown.stdout);
  }
  return src;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'shuzhi-list-export-'));
  // Inside the checkout, so the copy resolves the workspace's packages as apps/server does.
  const before = mkdtempSync(join(root, 'apps/server/.bench-list-export-'));
  try {
    const dbUrl = `sqlite:${join(dir, 'bench.db')}`;
    process.stderr.write(`writing ${ROWS} persons…\n`);
    await prepareDatabase(dbUrl);
    // A shallow clone (a CI checkout) may not hold the earlier code: the quick run then measures the streamed
    // export alone, and says so; a full run needs its baseline.
    const haveBefore = spawnSync('git', ['cat-file', '-e', `${BEFORE}^{commit}`], { cwd: root }).status === 0;
    if (!haveBefore && !quick)
      throw new Error(`${BEFORE} is not in this clone: fetch its history or pass --before`);
    if (!haveBefore)
      process.stdout.write(`${BEFORE} is not in this clone: the streamed export alone, no baseline.\n`);
    const variants = [
      ...(haveBefore
        ? [{ name: `before (${BEFORE}, whole file in memory)`, src: beforeSources(BEFORE, before) }]
        : []),
      { name: 'streamed', src: join(root, 'apps/server/src') },
    ];
    const results: Measured[] = [];
    for (const format of ['csv', 'xlsx']) {
      for (const variant of variants) {
        process.stderr.write(`${variant.name} ${format}…\n`);
        const run = spawnSync(
          process.execPath,
          [
            '--expose-gc',
            ...(HEAP_CAP > 0 ? [`--max-old-space-size=${HEAP_CAP}`] : []),
            '--import',
            'tsx',
            fileURLToPath(import.meta.url),
            '--child',
            variant.src,
            dbUrl,
            format,
            variant.name,
            '--rows',
            String(ROWS),
          ],
          { cwd: root, encoding: 'utf8', maxBuffer: 2 ** 20 },
        );
        if (run.status !== 0 && HEAP_CAP > 0 && /heap out of memory/.test(run.stderr)) {
          results.push(outOfMemory(variant.name, format));
          continue;
        }
        if (run.status !== 0) throw new Error(`${variant.name} ${format}: ${run.stderr}`);
        results.push(JSON.parse(run.stdout.trim().split('\n').pop()!) as Measured);
      }
    }
    report(results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(before, { recursive: true, force: true });
  }
}

function outOfMemory(variant: string, format: string): Measured {
  const none = Number.NaN;
  return {
    variant: `${variant}: out of memory`,
    format,
    status: 0,
    rows: 0,
    bytes: 0,
    seconds: none,
    baselineRssMiB: none,
    peakRssMiB: none,
    peakHeapGrowthMiB: none,
  };
}

function report(results: Measured[]): void {
  const out: string[] = [];
  out.push(`### List export: peak memory of a ${ROWS.toLocaleString('en')}-row export`);
  out.push('');
  out.push(
    `Command: \`node --import tsx bench/list-export.ts${args.length > 0 ? ` ${args.join(' ')}` : ''}\``,
  );
  out.push('');
  out.push(
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, Node ${process.version}, load average ` +
      `${os.loadavg()[0]!.toFixed(2)}. SQLite file database; \`GET /api/v1/persons?format=…\` as the demo epidemiologist ` +
      'over HTTP on loopback, the client discarding the body. Each run in a fresh server process; RSS is the ' +
      "process's peak (maxRSS), heap growth the peak `heapUsed` sampled every 5 ms over what it held before the request." +
      (HEAP_CAP > 0 ? ` Each server limited to a ${HEAP_CAP} MiB old space.` : ''),
  );
  out.push('');
  out.push(
    '| format | variant | status | rows | MiB sent | seconds | RSS before | peak RSS | peak RSS growth | peak heap growth |',
  );
  out.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    if (Number.isNaN(r.seconds)) {
      out.push(`| ${r.format} | ${r.variant} | — | — | — | — | — | — | — | — |`);
      continue;
    }
    out.push(
      `| ${r.format} | ${r.variant} | ${r.status} | ${r.rows.toLocaleString('en')} | ${mib(r.bytes).toFixed(1)} | ${r.seconds.toFixed(1)} | ` +
        `${r.baselineRssMiB.toFixed(0)} MiB | ${r.peakRssMiB.toFixed(0)} MiB | ${(r.peakRssMiB - r.baselineRssMiB).toFixed(0)} MiB | ${r.peakHeapGrowthMiB.toFixed(0)} MiB |`,
    );
  }
  out.push('');
  for (const format of ['csv', 'xlsx']) {
    const [old, streamed] = results.filter((r) => r.format === format);
    if (!old || !streamed) continue;
    const growth = (r: Measured) => r.peakRssMiB - r.baselineRssMiB;
    if (Number.isNaN(old.seconds) || Number.isNaN(streamed.seconds)) {
      const fits = (r: Measured) =>
        Number.isNaN(r.seconds)
          ? 'ran out of memory'
          : `finished (peak heap growth ${r.peakHeapGrowthMiB.toFixed(0)} MiB)`;
      out.push(`- ${format} under a ${HEAP_CAP} MiB heap: before ${fits(old)}; streamed ${fits(streamed)}.`);
      continue;
    }
    out.push(
      `- ${format}: peak RSS growth ${growth(old).toFixed(0)} → ${growth(streamed).toFixed(0)} MiB ` +
        `(${(growth(old) / Math.max(1, growth(streamed))).toFixed(1)}× less), peak heap growth ` +
        `${old.peakHeapGrowthMiB.toFixed(0)} → ${streamed.peakHeapGrowthMiB.toFixed(0)} MiB ` +
        `(${(old.peakHeapGrowthMiB / Math.max(1, streamed.peakHeapGrowthMiB)).toFixed(1)}× less); ` +
        `${old.seconds.toFixed(1)} s → ${streamed.seconds.toFixed(1)} s.`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

if (args[0] === '--child') {
  await child(args[1]!, args[2]!, args[3]!, args[4]!);
} else {
  await main();
}
