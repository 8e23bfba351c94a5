import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from './server.js';
import { serverTestConfig } from './testing.js';

describe('first start', () => {
  it('seeds the demo accounts and a demo city once, then serves; a second start seeds nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shuzhi-first-'));
    const config = serverTestConfig(dir, { demoPeople: 1500, demoDays: 3 });
    const lines: string[] = [];
    const first = await startServer(config, {
      seedDemo: true,
      handleSignals: false,
      print: (l) => lines.push(l),
    });
    try {
      expect(lines.join('\n')).toContain('Demo accounts');
      expect(lines.join('\n')).toContain('Demo city ready');
      expect(await first.platform.hub.persons.countPersons()).toBeGreaterThan(1000);
      const health = await fetch(`${first.url.replace('localhost', '127.0.0.1')}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await first.stop();
    }
    const again: string[] = [];
    const second = await startServer(config, {
      seedDemo: true,
      handleSignals: false,
      print: (l) => again.push(l),
    });
    await second.stop();
    expect(again.join('\n')).not.toContain('Seeding the demo city');
    expect(again.join('\n')).not.toContain('Demo accounts');
    rmSync(dir, { recursive: true, force: true });
  });
});
