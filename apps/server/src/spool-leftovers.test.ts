import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './server.js';
import { serverTestConfig } from './testing.js';

describe('starting after a crash mid-upload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-leftovers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('deletes the spooled uploads left beside the embedded database, and only those', async () => {
    const spool = join(dir, 'import-spool');
    mkdirSync(spool);
    const leftover = join(spool, `shuzhi-import-${'0f'.repeat(16)}.part`);
    writeFileSync(leftover, '{"resourceType":"Patient"');
    writeFileSync(join(spool, 'README.txt'), 'not an upload');
    const lines: string[] = [];
    const config = serverTestConfig(dir);
    const server = await startServer(config, { handleSignals: false, print: (line) => lines.push(line) });
    try {
      expect(existsSync(leftover)).toBe(false);
      expect(existsSync(join(spool, 'README.txt'))).toBe(true);
      expect(lines).toContain('1 upload file(s) left by the last shutdown were deleted');
    } finally {
      await server.stop();
    }
  });
});
