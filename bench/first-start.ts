/**
 * Benchmark: the first start of `npm start` — the server migrating an empty database, creating the demo
 * accounts and seeding the demo city (simulated, then imported through the platform's import paths) until
 * `/healthz` answers — against the next start of the same server on the seeded database, in the same run.
 * Prints a Markdown section.
 *
 *   node --import tsx bench/first-start.ts [--quick] [--people N] [--days D]
 *
 * Runs `shuzhi serve --seed-demo` as `npm start` does, after its web build (which is timed apart). CPU time
 * of the server process is read from /proc before it is stopped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberOption } from './lib/options.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string, fallback: number): number => numberOption(args, name, fallback);
const people = option('--people', quick ? 2_000 : 50_000);
const days = option('--days', quick ? 5 : 21);

interface StartMeasure {
  readySeconds: number;
  cpuSeconds: number;
  lines: string[];
}

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

/** user + system CPU seconds of a live process (Linux /proc; fields 14 and 15 in clock ticks of 1/100 s). */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

/** Starts the server on the database, waits for /healthz, reads its CPU time, stops it with SIGTERM. */
async function startOnce(db: string): Promise<StartMeasure> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(root, 'apps/cli/bin/shuzhi.js'), '--db', db, 'serve', '--seed-demo', '--port', String(port)],
    {
      cwd: root,
      env: {
        ...process.env,
        SHUZHI_DEMO_PEOPLE: String(people),
        SHUZHI_DEMO_DAYS: String(days),
        SHUZHI_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${lines.join('\n')}`);
    if (await healthy(url)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const readySeconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsOf(child.pid!);
  child.kill('SIGTERM');
  await exited;
  return { readySeconds, cpuSeconds, lines };
}

function webBuildSeconds(): number {
  const started = performance.now();
  const result = spawnSync('npm', ['run', 'build', '-w', '@shuzhi/web'], { cwd: root, stdio: 'ignore' });
  if (result.status !== 0) throw new Error('web build failed');
  return (performance.now() - started) / 1000;
}

const dir = mkdtempSync(join(os.tmpdir(), 'shuzhi-first-start-'));
try {
  const db = `sqlite:${join(dir, 'shuzhi.db')}`;
  const build = webBuildSeconds();
  const first = await startOnce(db);
  const next = await startOnce(db);
  const seeded = first.lines.find((l) => l.startsWith('Demo city ready'))?.split(';')[0] ?? '';
  const fmt = (n: number) => n.toFixed(1);
  const load = os.loadavg().map((l) => l.toFixed(1));
  process.stdout.write(
    [
      `### First start: demo city of ${people.toLocaleString('en')} people × ${days} days${quick ? ' (quick)' : ''}`,
      '',
      `Command: \`node --import tsx bench/first-start.ts${quick ? ' --quick' : ''}\` — \`shuzhi serve --seed-demo\` (what \`npm start\` runs after its web build) on an empty SQLite database until \`/healthz\` answers 200, then the next start on the same database (the baseline: no seeding), in the same run.`,
      '',
      `Machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, load average ${load.join(' / ')} at the end.`,
      '',
      '| start | to /healthz (s) | server CPU (s) |',
      '| --- | ---: | ---: |',
      `| web build (\`npm run build -w @shuzhi/web\`, before either start) | ${fmt(build)} | — |`,
      `| first start: migrate, demo accounts, simulate and import the demo city | ${fmt(first.readySeconds)} | ${fmt(first.cpuSeconds)} |`,
      `| next start on the seeded database (baseline) | ${fmt(next.readySeconds)} | ${fmt(next.cpuSeconds)} |`,
      `| **ratio first / next** | **${(first.readySeconds / next.readySeconds).toFixed(1)}×** | **${(first.cpuSeconds / next.cpuSeconds).toFixed(1)}×** |`,
      '',
      `\`npm start\` on a fresh clone = web build + first start = ${fmt(build + first.readySeconds)} s here. Server log: “${seeded}”.`,
      '',
    ].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
