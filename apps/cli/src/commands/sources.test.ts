/** `shuzhi sources add --consumer-only`, `sources disable --reason` and `sources enable`, as an operator runs them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

      const enabled = await cli('enable', 'reader', '--json');
      expect(enabled.code).toBe(0);
      expect(JSON.parse(enabled.stdout)).toMatchObject({ id: 'reader', active: true, disabledReason: null });
      const unknown = await cli('enable', 'nobody');
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('nobody');
    }, 120_000);
  });
}
