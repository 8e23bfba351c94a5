/** `shuzhi sources add --consumer-only`, `sources disable --reason` and `sources enable`, as an operator runs them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@shuzhi/db';
import { createTestDatabase, testDialects } from '@shuzhi/db/testing';
import { runCli } from '../testing.js';

for (const dialect of testDialects()) {
  describe(`shuzhi sources lifecycle [${dialect}]`, () => {
    let url: string;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      const handle = await createTestDatabase(dialect);
      url = handle.url;
      dispose = handle.dispose;
    }, 60_000);
    afterAll(async () => dispose());

    const cli = (...args: string[]) => runCli(['--db', url, 'sources', ...args]);

    it('registers a consumer-only source in the command’s existing form, then disables and enables it', async () => {
      const added = await cli(
        'add',
        '--name',
        '市分析平台',
        '--type',
        'cdc',
        '--id',
        'reader',
        '--consumer-only',
      );
      expect(added.code).toBe(0);
      expect(added.stdout).toContain('consumer only');
      expect(added.stdout).toMatch(/API key \(shown once\): szk_/);

      const noReason = await cli('disable', 'reader');
      expect(noReason.code).not.toBe(0);
      expect(noReason.stderr).toContain('--reason');

      const disabled = await cli('disable', 'reader', '--reason', 'agreement under review', '--json');
      expect(disabled.code).toBe(0);
      expect(JSON.parse(disabled.stdout)).toMatchObject({
        id: 'reader',
        consumerOnly: true,
        active: false,
        disabledReason: 'agreement under review',
      });
      const again = await cli('disable', 'reader', '--reason', 'twice');
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('already disabled');

      // The trail says which source was registered and disabled, and why (as the HTTP routes record it).
      const trail = openDatabase(url);
      try {
        const rows = await trail.db
          .selectFrom('audit_log')
          .select(['action', 'resource_id', 'detail', 'outcome'])
          .where('action', 'in', ['cli sources add', 'cli sources disable'])
          .orderBy('seq')
          .execute();
        expect(
          rows.map((r) => ({ ...r, detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail })),
        ).toEqual([
          {
            action: 'cli sources add',
            resource_id: 'reader',
            detail: { type: 'cdc', consumerOnly: true },
            outcome: 'success',
          },
          {
            action: 'cli sources disable',
            resource_id: 'reader',
            detail: { reason: 'agreement under review' },
            outcome: 'success',
          },
          {
            action: 'cli sources disable',
            resource_id: 'reader',
            detail: { reason: 'twice' },
            outcome: 'failure',
          },
        ]);
      } finally {
        await trail.close();
      }

      const enabled = await cli('enable', 'reader', '--json');
      expect(enabled.code).toBe(0);
      expect(JSON.parse(enabled.stdout)).toMatchObject({ id: 'reader', active: true, disabledReason: null });
      const unknown = await cli('enable', 'nobody');
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('nobody');
    }, 120_000);

    it('refuses an import in the name of a consumer-only or a disabled source, and keeps no import job', async () => {
      const csv = 'person_id,venue_id,check_in,check_out\nP-1,V-1,2026-03-05T08:00:00+08:00,\n';
      const importAs = (source: string) =>
        runCli(['--db', url, 'import', 'checkins', '-', '--source', source], {}, csv);
      expect(
        (await cli('add', '--name', 'Reader', '--type', 'cdc', '--id', 'r2', '--consumer-only')).code,
      ).toBe(0);
      expect((await cli('add', '--name', 'Venue office', '--type', 'venue', '--id', 'v2')).code).toBe(0);
      expect((await cli('disable', 'v2', '--reason', 'contract ended')).code).toBe(0);

      const asReader = await importAs('r2');
      expect(asReader.code).not.toBe(0);
      expect(asReader.stderr).toContain('consumer only');
      const asDisabled = await importAs('v2');
      expect(asDisabled.code).not.toBe(0);
      expect(asDisabled.stderr).toContain('disabled');

      expect((await cli('enable', 'v2')).code).toBe(0);
      const enabled = await importAs('v2');
      expect(enabled.stderr).toBe('');
      expect(enabled.code).toBe(0);
      // Only the import after enabling left a job.
      const database = openDatabase(url);
      try {
        const jobs = await database.db
          .selectFrom('import_jobs')
          .select('source_id')
          .where('source_id', 'in', ['r2', 'v2'])
          .execute();
        expect(jobs).toEqual([{ source_id: 'v2' }]);
      } finally {
        await database.close();
      }
    }, 120_000);
  });
}
