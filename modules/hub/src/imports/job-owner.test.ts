import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listParamsSchema } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubFixture, hubTestMigrations, type HubFixture } from '../testing.js';
import { HEARTBEAT_STALE_MS } from './job-owner.js';

/** A pid no process holds any more: a child that has run and been reaped. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describeEachDatabase(
  'import jobs whose process is gone',
  (getDatabase) => {
    let fixture: HubFixture;
    let sleeper: ChildProcess;
    beforeAll(() => {
      fixture = hubFixture(getDatabase());
      // Another live process on this host: a CLI import or a second server.
      sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    });
    afterAll(() => {
      sleeper.kill('SIGKILL');
    });

    const runningJob = async (id: string, owner: string | null, heartbeatAt: string | null = null) => {
      await getDatabase()
        .db.insertInto('import_jobs')
        .values({
          id,
          kind: 'fhir',
          file_name: `${id}.ndjson`,
          status: 'running',
          total: 0,
          accepted: 0,
          unchanged: 0,
          rejected: 0,
          progress: 0.4,
          issues: '[]',
          actor_id: 'usr_test',
          source_id: null,
          created_at: fixture.clock.now().toISOString(),
          finished_at: null,
          owner,
          heartbeat_at: heartbeatAt,
        })
        .execute();
    };
    const stored = async (id: string) =>
      getDatabase()
        .db.selectFrom('import_jobs')
        .select(['status', 'finished_at'])
        .where('id', '=', id)
        .executeTakeFirst();

    it('reports a job whose process was killed (kill -9 of shuzhi import) as failed, nothing of it applied', async () => {
      await runningJob('imp_killed', `${hostname()}:${deadPid()}:0a1b2c`);
      const job = await fixture.hub.imports.getJob('imp_killed');
      expect(job).toMatchObject({
        status: 'failed',
        issues: [{ line: 0, reason: expect.stringContaining('nothing of it was applied') }],
      });
      expect(job!.finished_at).not.toBeNull();
      // Written back, so every reader (another server, the sources page) sees it ended.
      expect(await stored('imp_killed')).toMatchObject({ status: 'failed' });
    });

    it('shows it failed in the list of imports too', async () => {
      await runningJob('imp_killed_listed', `${hostname()}:${deadPid()}:0a1b2c`);
      const page = await fixture.hub.imports.listJobs(fixture.ctx, listParamsSchema.parse({ limit: 100 }));
      expect(page.items.find((j) => j.id === 'imp_killed_listed')).toMatchObject({ status: 'failed' });
      expect(await stored('imp_killed_listed')).toMatchObject({ status: 'failed' });
    });

    it('leaves running the job of another live process on this host', async () => {
      await runningJob('imp_other_live', `${hostname()}:${sleeper.pid}:0a1b2c`);
      expect(await fixture.hub.imports.getJob('imp_other_live')).toMatchObject({ status: 'running' });
    });

    it('at a server start, fails only the jobs of processes that are gone', async () => {
      await runningJob('imp_gone_at_start', `${hostname()}:${deadPid()}:0a1b2c`);
      await runningJob('imp_live_at_start', `${hostname()}:${sleeper.pid}:0a1b2c`);
      // An earlier run of a process with this very pid (a restarted container's pid 1) is gone too.
      await runningJob('imp_same_pid_earlier_run', `${hostname()}:${process.pid}:ffffff`);
      const starting = hubFixture(getDatabase());
      expect(await starting.hub.imports.failInterruptedJobs()).toBeGreaterThanOrEqual(2);
      expect(await stored('imp_gone_at_start')).toMatchObject({ status: 'failed' });
      expect(await stored('imp_same_pid_earlier_run')).toMatchObject({ status: 'failed' });
      expect(await stored('imp_live_at_start')).toMatchObject({ status: 'running', finished_at: null });
    });

    it('judges a job of another host by its heartbeat where one is written (PostgreSQL), else leaves it', async () => {
      const now = fixture.clock.now().getTime();
      const fresh = new Date(now - 1000).toISOString();
      const stale = new Date(now - HEARTBEAT_STALE_MS - 1000).toISOString();
      await runningJob('imp_elsewhere_fresh', 'another-host:4242:0a1b2c', fresh);
      await runningJob('imp_elsewhere_stale', 'another-host:4243:0a1b2c', stale);
      expect(await fixture.hub.imports.getJob('imp_elsewhere_fresh')).toMatchObject({ status: 'running' });
      expect(await fixture.hub.imports.getJob('imp_elsewhere_stale')).toMatchObject({
        // SQLite's processes share one host, and no heartbeat can be written during its import.
        status: getDatabase().dialect === 'postgres' ? 'failed' : 'running',
      });
    });
  },
  { migrations: hubTestMigrations },
);
