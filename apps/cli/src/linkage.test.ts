import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '@shuzhi/db/testing';
import { runCli } from './testing.js';

const patient = (id: string, source: string, value: string, residentId: string, name: string) =>
  JSON.stringify({
    resourceType: 'Patient',
    id,
    identifier: [
      { system: `urn:shuzhi:source:${source}`, value },
      { system: 'urn:shuzhi:id:cn-resident', value: residentId },
    ],
    name: [{ text: name }],
  });

for (const dialect of testDialects()) {
  describe(`shuzhi import fhir and linkage export [${dialect}]`, () => {
    let url: string;
    let dispose: () => Promise<void>;
    const dir = mkdtempSync(join(tmpdir(), 'shuzhi-linkage-'));
    beforeAll(async () => {
      const handle = await createTestDatabase(dialect);
      url = handle.url;
      dispose = handle.dispose;
    });
    afterAll(async () => {
      await dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('exports one person per resident with the source record identifiers, as DESIGN.md says', async () => {
      const file = join(dir, 'patients.ndjson');
      writeFileSync(
        file,
        [
          patient('h1-r1', 'h1', 'MZ01', '430203197211302183', '李娜'),
          patient('imm-r7', 'imm', 'YM07', '430203197211302183', '李 娜'),
          patient('h1-r2', 'h1', 'MZ02', '430211200106153360', '陈静'),
          '',
        ].join('\n'),
      );
      const imported = await runCli(['--db', url, 'import', 'fhir', file, '--json']);
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'accepted', accepted: 3, rejected: 0 });
      const exported = await runCli(['--db', url, 'linkage', 'export', '--json']);
      expect(exported.code).toBe(0);
      const document = JSON.parse(exported.stdout) as {
        persons: { person_id: string; records: { source_id: string; system: string; value: string }[] }[];
      };
      expect(document.persons).toHaveLength(2);
      const li = document.persons.find((p) => p.records.some((r) => r.value === 'MZ01'))!;
      expect(li.person_id).toMatch(/^per_/);
      expect(li.records).toEqual(
        expect.arrayContaining([
          { source_id: 'h1', system: 'urn:shuzhi:source:h1', value: 'MZ01' },
          { source_id: 'imm', system: 'urn:shuzhi:source:imm', value: 'YM07' },
        ]),
      );
      const again = await runCli(['--db', url, 'import', 'fhir', file, '--json']);
      expect(JSON.parse(again.stdout)).toMatchObject({ accepted: 0, unchanged: 3 });
    });

    it('names a file it cannot read, streamed or whole, with exit 2', async () => {
      for (const missing of [join(dir, 'missing.ndjson'), join(dir, 'missing.json')]) {
        const result = await runCli(['--db', url, 'import', 'fhir', missing]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`cannot read ${missing}: ENOENT`);
      }
    });

    it('streams an NDJSON file: a bad line refuses the whole file, --partial applies the rest', async () => {
      const file = join(dir, 'streamed.ndjson');
      writeFileSync(
        file,
        [
          patient('s-1', 'h2', 'S01', '430202198503121235', '张晓明'),
          '{"resourceType":"Patient","id":"bad_id"}',
          patient('s-3', 'h2', 'S03', '430211200106153360', '陈静'),
          '',
        ].join('\n'),
      );
      const refused = await runCli(['--db', url, 'import', 'fhir', file, '--json']);
      expect(refused.code).toBe(2);
      const report = JSON.parse(refused.stdout) as {
        status: string;
        accepted: number;
        errors: { line: number }[];
      };
      expect(report).toMatchObject({ status: 'rejected', accepted: 0, rejected: 1 });
      expect(new Set(report.errors.map((e) => e.line))).toEqual(new Set([2]));
      const partial = await runCli(['--db', url, 'import', 'fhir', file, '--partial', '--json']);
      expect(partial.code).toBe(0);
      expect(JSON.parse(partial.stdout)).toMatchObject({ status: 'partial', accepted: 2, rejected: 1 });
    });
  });
}
