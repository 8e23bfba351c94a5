/**
 * SIGTERM to a real `shuzhi serve` process while it imports a large file over HTTP: the import stops at its
 * next batch boundary and the process exits within seconds (it waited for the whole import, ~100 s for
 * 200,000 lines, longer than container runtimes wait before they kill).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@shuzhi/db';
import { createTestDatabase, testDialects } from '@shuzhi/db/testing';

const SHUZHI_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cli', 'bin', 'shuzhi.js');

/** Patients linked by passport (deterministic linkage), enough to take the import several seconds. */
function patients(count: number, prefix: string): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++)
    lines.push(
      JSON.stringify({
        resourceType: 'Patient',
        id: `${prefix}${i}`,
        identifier: [{ system: 'urn:shuzhi:id:passport', value: `CHN:E${prefix.toUpperCase()}${i}` }],
        gender: i % 2 === 0 ? 'female' : 'male',
        birthDate: '1980-01-01',
      }),
    );
  return `${lines.join('\n')}\n`;
}

interface Served {
  child: ChildProcess;
  base: string;
  exited: Promise<{ code: number | null; at: number }>;
}

async function serve(db: string, dir: string): Promise<Served> {
  const child = spawn(process.execPath, [SHUZHI_BIN, 'serve', '--port', '0'], {
    env: {
      ...process.env,
      SHUZHI_DB: db,
      SHUZHI_HOST: '127.0.0.1',
      SHUZHI_LOG_LEVEL: 'warn',
      SHUZHI_WEB_DIST: dir,
      SHUZHI_SQLITE_SYNCHRONOUS: 'normal',
      // The machine running the tests may be busy: no request of the test is shed.
      SHUZHI_MAX_EVENT_LOOP_DELAY_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, at: Date.now() })),
  );
  let out = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const url = /is serving on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url.replace('localhost', '127.0.0.1'));
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    void exited.then(() => reject(new Error(`server exited before serving:\n${out}`)));
  });
  return { child, base, exited };
}

async function signIn(base: string): Promise<Record<string, string>> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ops', password: 'a long passphrase for ops', mode: 'bearer' }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return { authorization: `Bearer ${((await response.json()) as { token: string }).token}` };
}

async function addUser(db: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      SHUZHI_BIN,
      'users',
      'add',
      '--username',
      'ops',
      '--role',
      'admin',
      '--password',
      'a long passphrase for ops',
    ],
    { env: { ...process.env, SHUZHI_DB: db, SHUZHI_LOG_LEVEL: 'warn' }, stdio: 'ignore' },
  );
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`users add exited ${code}`);
}

interface Job {
  id: string;
  status: string;
  progress: number;
  accepted: number;
  issues: { line: number; reason: string }[];
}

/** Uploads the file, waits until its import is under way (some batches stored), then sends SIGTERM. */
async function importThenTerminate(
  served: Served,
  file: string,
  partial: boolean,
): Promise<{ jobId: string; exitedAfterMs: number; code: number | null }> {
  const auth = await signIn(served.base);
  const upload = await fetch(`${served.base}/api/v1/imports?kind=fhir&partial=${partial}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/fhir+ndjson' },
    body: file,
  });
  expect(upload.status).toBe(202);
  const jobId = ((await upload.json()) as Job).id;
  for (;;) {
    const job = (await (
      await fetch(`${served.base}/api/v1/imports/${jobId}`, { headers: auth })
    ).json()) as Job;
    expect(job.status).toBe('running');
    if (job.progress > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const signalled = Date.now();
  served.child.kill('SIGTERM');
  const { code, at } = await served.exited;
  return { jobId, exitedAfterMs: at - signalled, code };
}

for (const dialect of testDialects()) {
  describe(`SIGTERM during a large HTTP import [${dialect}]`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'shuzhi-sigterm-'));
    const disposals: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const dispose of disposals) await dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    const databaseUrl = async (name: string): Promise<string> => {
      if (dialect === 'sqlite') return `sqlite:${join(dir, `${name}.db`)}`;
      const created = await createTestDatabase('postgres');
      disposals.push(created.dispose);
      // The server migrates it; this connection is not needed.
      return created.url;
    };

    const jobRow = async (db: string, jobId: string) => {
      const database = openDatabase(db);
      try {
        const job = await database.db
          .selectFrom('import_jobs')
          .select(['status', 'accepted', 'issues'])
          .where('id', '=', jobId)
          .executeTakeFirstOrThrow();
        const records = await database.db
          .selectFrom('hub_records')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('resource_type', '=', 'Patient')
          .executeTakeFirstOrThrow();
        const issues = (
          typeof job.issues === 'string' ? JSON.parse(job.issues) : job.issues
        ) as Job['issues'];
        return {
          status: job.status as string,
          accepted: Number(job.accepted),
          issues,
          stored: Number(records.n),
        };
      } finally {
        await database.close();
      }
    };

    it('rolls an all-or-nothing import back, fails its job with the reason, and exits within seconds', async () => {
      const db = await databaseUrl('whole');
      await addUser(db);
      const served = await serve(db, dir);
      const { jobId, exitedAfterMs, code } = await importThenTerminate(served, patients(40_000, 'w'), false);
      expect(code).toBe(0);
      expect(exitedAfterMs).toBeLessThan(5000);
      const job = await jobRow(db, jobId);
      expect(job).toMatchObject({ status: 'failed', stored: 0 });
      // The spooled upload (beside the embedded database) was deleted before the process exited.
      const spool = join(dir, 'import-spool');
      if (dialect === 'sqlite') expect(existsSync(spool) ? readdirSync(spool) : []).toEqual([]);
      expect(job.issues).toEqual([
        {
          line: 0,
          reason: expect.stringMatching(
            /^interrupted by a shutdown of the server at line \d+: nothing of this file was stored; send it again$/,
          ),
          // Coded, so the imports page can say it in Chinese.
          code: 'import-shutdown-at',
          params: { line: expect.any(Number) },
        },
      ]);
    });

    it('commits what a partial import stored, says at which line it stopped, and exits within seconds', async () => {
      const db = await databaseUrl('partial');
      await addUser(db);
      const served = await serve(db, dir);
      const { jobId, exitedAfterMs, code } = await importThenTerminate(served, patients(40_000, 'p'), true);
      expect(code).toBe(0);
      expect(exitedAfterMs).toBeLessThan(5000);
      const job = await jobRow(db, jobId);
      expect(job.status).toBe('partial');
      expect(job.accepted).toBeGreaterThan(0);
      expect(job.accepted).toBeLessThan(40_000);
      expect(job.stored).toBe(job.accepted);
      const stop = job.issues.at(-1)!;
      // Every line before the one named was imported, none from it on.
      expect(stop.line).toBe(job.accepted + 1);
      expect(stop.reason).toMatch(
        /^interrupted by a shutdown of the server: the lines before this one were imported/,
      );
    });
  });
}
