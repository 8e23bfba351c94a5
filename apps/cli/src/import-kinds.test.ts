/**
 * `shuzhi import KIND FILE --source ID` applies the import kinds of the source's type, as the HTTP imports
 * do: a venue's FHIR file is refused before any job exists, saying which kinds a venue submits.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@shuzhi/db';
import { createTestDatabase, testDialects } from '@shuzhi/db/testing';
import { runCli } from './testing.js';

const patient = JSON.stringify({
  resourceType: 'Patient',
  id: 'cli-p1',
  name: [{ text: '赵磊' }],
  gender: 'male',
});

for (const dialect of testDialects()) {
  describe(`shuzhi import by source type [${dialect}]`, () => {
    let url: string;
    let dispose: () => Promise<void>;
    let dir: string;
    beforeAll(async () => {
      const handle = await createTestDatabase(dialect);
      url = handle.url;
      dispose = handle.dispose;
      dir = await mkdtemp(join(tmpdir(), 'shuzhi-import-kinds-'));
    }, 60_000);
    afterAll(async () => {
      await dispose();
      await rm(dir, { recursive: true, force: true });
    });

    const jobsOf = async (sourceId: string) => {
      const database = openDatabase(url);
      try {
        return await database.db
          .selectFrom('import_jobs')
          .select('kind')
          .where('source_id', '=', sourceId)
          .execute();
      } finally {
        await database.close();
      }
    };

    it('refuses a FHIR file in a venue’s name, streamed or not, and keeps no job; takes a lab’s', async () => {
      const sources = (...args: string[]) => runCli(['--db', url, 'sources', ...args]);
      expect((await sources('add', '--name', 'Plaza', '--type', 'venue', '--id', 'ik-venue')).code).toBe(0);
      expect((await sources('add', '--name', 'Lab', '--type', 'lab', '--id', 'ik-lab')).code).toBe(0);
      const ndjson = join(dir, 'patients.ndjson');
      await writeFile(ndjson, `${patient}\n`);
      const bundle = join(dir, 'bundle.json');
      await writeFile(
        bundle,
        JSON.stringify({
          resourceType: 'Bundle',
          type: 'batch',
          entry: [{ resource: JSON.parse(patient) as unknown, request: { method: 'POST', url: 'Patient' } }],
        }),
      );

      for (const file of [ndjson, bundle]) {
        const refused = await runCli(['--db', url, 'import', 'fhir', file, '--source', 'ik-venue']);
        expect(refused.code).not.toBe(0);
        expect(refused.stderr).toContain(
          'import kind fhir is not submitted by a venue source (it may submit checkins, venues)',
        );
      }
      expect(await jobsOf('ik-venue')).toEqual([]);

      const taken = await runCli(['--db', url, 'import', 'fhir', ndjson, '--source', 'ik-lab', '--json']);
      expect(taken.stderr).toBe('');
      expect(taken.code).toBe(0);
      expect(JSON.parse(taken.stdout)).toMatchObject({ status: 'accepted', accepted: 1 });
    }, 120_000);
  });
}
