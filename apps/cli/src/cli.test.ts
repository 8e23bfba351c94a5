import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@shuzhi/db';
import { createTestDatabase, testDialects } from '@shuzhi/db/testing';
import { runCli } from './testing.js';

for (const dialect of testDialects()) {
  describe(`shuzhi CLI [${dialect}]`, () => {
    let url: string;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      const handle = await createTestDatabase(dialect);
      url = handle.url;
      dispose = handle.dispose;
    });
    afterAll(async () => dispose());

    it('migrates the database and reports what it applied', async () => {
      const first = await runCli(['--db', url, 'migrate', '--json']);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout).applied).toEqual(
        expect.arrayContaining(['identity/0001_init', 'hub/0001_sources']),
      );
      const second = await runCli(['--db', url, 'migrate', '--json']);
      expect(JSON.parse(second.stdout).applied).toEqual([]);
    });

    it('registers a data source and prints exactly {"id","apiKey"}', async () => {
      const result = await runCli([
        '--db',
        url,
        'sources',
        'add',
        '--name',
        '株洲市疾控中心',
        '--type',
        'cdc',
        '--json',
      ]);
      expect(result.code).toBe(0);
      const printed = JSON.parse(result.stdout) as Record<string, string>;
      expect(Object.keys(printed).sort()).toEqual(['apiKey', 'id']);
      expect(printed['apiKey']).toMatch(/^szk_/);
    });

    it("lists, rotates and revokes a source's API keys without ever printing a stored key", async () => {
      const added = await runCli([
        '--db',
        url,
        'sources',
        'add',
        '--name',
        '渌口区医院',
        '--type',
        'hospital',
        '--area',
        '430212',
        '--json',
      ]);
      const { id: sourceId, apiKey } = JSON.parse(added.stdout) as { id: string; apiKey: string };
      const keysOf = async () =>
        JSON.parse((await runCli(['--db', url, 'sources', 'keys', sourceId, '--json'])).stdout) as {
          id: string;
          prefix: string;
          revokedAt: string | null;
        }[];
      const [first] = await keysOf();
      expect(first).toMatchObject({ revokedAt: null });
      expect(JSON.stringify(await keysOf())).not.toContain(apiKey);
      const rotated = await runCli(['--db', url, 'sources', 'rotate-key', sourceId, first!.id, '--json']);
      expect(rotated.code).toBe(0);
      const replacement = JSON.parse(rotated.stdout) as { id: string; apiKey: string; revoked: string };
      expect(replacement).toMatchObject({ revoked: first!.id, apiKey: expect.stringMatching(/^szk_/) });
      const revoked = await runCli(['--db', url, 'sources', 'revoke-key', sourceId, replacement.id]);
      expect(revoked.code).toBe(0);
      expect((await keysOf()).every((k) => k.revokedAt !== null)).toBe(true);
      const again = await runCli(['--db', url, 'sources', 'revoke-key', sourceId, replacement.id]);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('already revoked');
    });

    it('names the field and reason of a bad option, with a non-zero exit', async () => {
      const result = await runCli([
        '--db',
        url,
        'sources',
        'add',
        '--name',
        'X',
        '--type',
        'bakery',
        '--json',
      ]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('field type');
    });

    it('registers a source under the fixed id given with --id, the id its records already carry', async () => {
      const result = await runCli(
        ['--db', url, 'sources', 'add', '--name', '株洲市中心医院', '--type', 'hospital', '--id', 'zzch-01'],
        {},
      );
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('as zzch-01');
      const again = await runCli([
        '--db',
        url,
        'sources',
        'add',
        '--name',
        'Other',
        '--type',
        'lab',
        '--id',
        'zzch-01',
      ]);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('a source with id "zzch-01" already exists');
    });

    it('names --expected-interval-hours when it is not a whole number of hours', async () => {
      const result = await runCli(
        [
          '--db',
          url,
          'sources',
          'add',
          '--name',
          'Quiet',
          '--type',
          'lab',
          '--expected-interval-hours',
          'soon',
        ],
        {},
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('field expected-interval-hours');
    });

    it('refuses to import under a --source that was never registered, and records no import; prints the job of one that was', async () => {
      const csv = 'person_id,venue_id,check_in,check_out\nP-1,V-1,2026-03-05T08:00:00+08:00,\n';
      const result = await runCli(
        ['--db', url, 'import', 'checkins', '-', '--source', 'no-such-lab'],
        {},
        csv,
      );
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('field source: no data source has this id');
      const database = openDatabase(url);
      try {
        const jobs = await database.db.selectFrom('import_jobs').select('id').execute();
        expect(jobs).toEqual([]);
      } finally {
        await database.close();
      }
      // A hospital sends FHIR (not check-ins: import kinds follow the source's type).
      const patient = { resourceType: 'Patient', id: 'cli-p1', name: [{ text: '王芳' }], gender: 'female' };
      const known = await runCli(
        ['--db', url, 'import', 'fhir', '-', '--source', 'zzch-01', '--json'],
        {},
        `${JSON.stringify(patient)}\n`,
      );
      expect(known.stderr).toBe('');
      const printed = JSON.parse(known.stdout) as { job: string; status: string; accepted: number };
      expect(printed).toMatchObject({ status: 'accepted', accepted: 1 });
      // The job id printed is the run the imports page lists, with the source it was recorded under.
      const after = openDatabase(url);
      try {
        const job = await after.db
          .selectFrom('import_jobs')
          .select(['id', 'source_id', 'status'])
          .where('id', '=', printed.job)
          .executeTakeFirst();
        expect(job).toEqual({ id: printed.job, source_id: 'zzch-01', status: 'accepted' });
      } finally {
        await after.close();
      }
    });

    it('creates users and refuses a duplicate', async () => {
      const ok = await runCli([
        '--db',
        url,
        'users',
        'add',
        '--username',
        'li.na',
        '--role',
        'epidemiologist',
        '--area',
        '4302',
        '--password',
        'a-long-password',
        '--json',
      ]);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({
        username: 'li.na',
        role: 'epidemiologist',
        areaCode: '4302',
      });
      const again = await runCli([
        '--db',
        url,
        'users',
        'add',
        '--username',
        'li.na',
        '--role',
        'analyst',
        '--password',
        'a-long-password',
      ]);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('already exists');
    });

    it('audits its own commands and detects tampering with the trail', async () => {
      const intact = await runCli(['--db', url, 'audit', 'verify', '--json']);
      expect(intact.code).toBe(0);
      const verified = JSON.parse(intact.stdout) as { ok: boolean; entries: number };
      expect(verified.ok).toBe(true);
      expect(verified.entries).toBeGreaterThanOrEqual(4);

      const database = openDatabase(url);
      try {
        if (dialect === 'postgres')
          await sql`drop trigger audit_log_no_update on audit_log`.execute(database.db);
        else await sql`drop trigger audit_log_no_update`.execute(database.db);
        await database.db.updateTable('audit_log').set({ outcome: 'denied' }).where('seq', '=', 2).execute();
      } finally {
        await database.close();
      }
      const broken = await runCli(['--db', url, 'audit', 'verify', '--json']);
      expect(broken.code).toBe(1);
      expect(JSON.parse(broken.stdout)).toMatchObject({
        ok: false,
        firstBreak: { seq: 2, kind: 'hash_mismatch' },
      });
      const human = await runCli(['--db', url, 'audit', 'verify']);
      expect(human.stdout).toContain('BROKEN at entry 2');
    });
  });
}

describe('shuzhi CLI errors', () => {
  it.each([
    ['an unknown command', ['frobnicate']],
    ['an unknown option', ['migrate', '--frobnicate']],
    ['a missing required option', ['sources', 'add', '--type', 'lab']],
    ['a missing argument', ['import', 'checkins']],
  ])('treats %s as invalid input: exit 2, the message on stderr, nothing on stdout', async (_what, args) => {
    const result = await runCli(['--db', 'sqlite::memory:', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: /);
  });

  it('still exits 0 for --help and --version', async () => {
    expect((await runCli(['--help'])).code).toBe(0);
    expect((await runCli(['--version'])).code).toBe(0);
  });

  it('names --port when it is not a port number, before opening anything', async () => {
    const result = await runCli(['--db', 'sqlite::memory:', 'serve', '--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('field port');
  });

  it('rejects an unknown database URL clearly, naming --db', async () => {
    const result = await runCli(['--db', 'mysql://nope', 'migrate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--db: must start with sqlite: .* or postgres:\/\//);
  });

  it.each([
    ['migrate', ['migrate']],
    ['import', ['import', 'checkins', '-']],
    ['demo', ['demo', '--people', '50', '--days', '1']],
    ['audit verify', ['audit', 'verify']],
  ])(
    'refuses --db sqlite: with no path for %s, naming --db, instead of running on a throw-away memory database',
    async (_command, args) => {
      const result = await runCli(
        ['--db', 'sqlite:', '--json', ...args],
        {},
        'person_id,venue_id,check_in\n',
      );
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/--db: sqlite: needs a file path/);
      expect(result.stderr).toContain('sqlite::memory:');
    },
  );
});

describe('shuzhi CLI against a PostgreSQL that is not there', () => {
  it('names the database, host and cause instead of a failed migration', async () => {
    const result = await runCli(['--db', 'postgres://shuzhi:secret@127.0.0.1:1/city', 'migrate']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('cannot connect to database city');
    expect(result.stderr).toContain('connection refused');
    expect(result.stderr).not.toContain('secret');
  });
});
