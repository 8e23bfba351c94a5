/** `shuzhi users add --source` and `shuzhi users set-source`: a data-source account names its registered source. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '@shuzhi/db/testing';
import { runCli } from '../testing.js';

const PASSWORD = 'a long test passphrase';

for (const dialect of testDialects()) {
  describe(`shuzhi users [${dialect}]`, () => {
    let url: string;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      const handle = await createTestDatabase(dialect);
      url = handle.url;
      dispose = handle.dispose;
      await runCli(['--db', url, 'sources', 'add', '--name', '甲检验所', '--type', 'lab', '--id', 'lab-a']);
    }, 60_000);
    afterAll(async () => dispose());

    const add = (...args: string[]) =>
      runCli(['--db', url, 'users', 'add', '--role', 'data_source', '--password', PASSWORD, ...args]);

    it('refuses a data_source account without --source, or with a source nobody registered, naming sourceId', async () => {
      const missing = await add('--username', 'clerk-1');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('field sourceId');
      const unknown = await add('--username', 'clerk-1', '--source', 'lab-z');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('no data source lab-z is registered');
    }, 60_000);

    it('creates a data_source account bound to its source, and moves it to another with set-source', async () => {
      const created = await add('--username', 'clerk-2', '--source', 'lab-a', '--json');
      expect(created.code).toBe(0);
      expect(JSON.parse(created.stdout)).toMatchObject({ username: 'clerk-2', sourceId: 'lab-a' });
      await runCli(['--db', url, 'sources', 'add', '--name', '乙检验所', '--type', 'lab', '--id', 'lab-b']);
      const moved = await runCli(['--db', url, 'users', 'set-source', 'clerk-2', 'lab-b', '--json']);
      expect(moved.code).toBe(0);
      expect(JSON.parse(moved.stdout)).toMatchObject({ username: 'clerk-2', sourceId: 'lab-b' });
      const unknown = await runCli(['--db', url, 'users', 'set-source', 'clerk-2', 'lab-z']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('field sourceId');
    }, 60_000);
  });
}
