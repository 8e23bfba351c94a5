import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '@shuzhi/db/testing';
import { runCli } from './testing.js';

describe('shuzhi demo', () => {
  it('writes the files the sources would send, in the documented formats, and the ground truth apart', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shuzhi-demo-')), 'city');
    const result = await runCli([
      '--db',
      'sqlite::memory:',
      'demo',
      '--people',
      '2000',
      '--days',
      '3',
      '--seed',
      '7',
      '--out',
      out,
      '--files-only',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { people: number; days: number; outDir: string };
    expect(report).toMatchObject({ people: 2000, days: 3, outDir: out });
    expect(readFileSync(join(out, 'checkins.csv'), 'utf8').split('\n')[0]).toBe(
      'person_id,venue_id,check_in,check_out,zone',
    );
    expect(readFileSync(join(out, 'indicators.csv'), 'utf8').split('\n')[0]).toBe(
      'area,indicator,date,count',
    );
    expect(existsSync(join(out, 'truth', 'infections.csv'))).toBe(true);
    expect(existsSync(join(out, 'truth', 'persons.csv'))).toBe(true);
  });

  it('is deterministic by seed', async () => {
    const a = join(mkdtempSync(join(tmpdir(), 'shuzhi-demo-')), 'a');
    const b = join(mkdtempSync(join(tmpdir(), 'shuzhi-demo-')), 'b');
    const start = [
      '--people',
      '1500',
      '--days',
      '2',
      '--seed',
      '11',
      '--start',
      '2026-03-02',
      '--files-only',
    ];
    await runCli(['--db', 'sqlite::memory:', 'demo', ...start, '--out', a]);
    await runCli(['--db', 'sqlite::memory:', 'demo', ...start, '--out', b]);
    expect(readFileSync(join(a, 'checkins.csv'), 'utf8')).toBe(readFileSync(join(b, 'checkins.csv'), 'utf8'));
    expect(readFileSync(join(a, 'truth', 'infections.csv'), 'utf8')).toBe(
      readFileSync(join(b, 'truth', 'infections.csv'), 'utf8'),
    );
  });

  it("imports the city through the platform's own import paths", async () => {
    const { url, dispose } = await createTestDatabase('sqlite');
    try {
      const result = await runCli(['--db', url, 'demo', '--people', '2000', '--days', '3', '--json']);
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as {
        imported: { kind: string; accepted: number; rejected: number }[];
        skipped: { kind: string }[];
      };
      const kinds = [...report.imported.map((i) => i.kind), ...report.skipped.map((s) => s.kind)];
      expect(kinds).toEqual(expect.arrayContaining(['fhir', 'checkins', 'households', 'indicators']));
      // Everything the simulated sources send is valid: nothing rejected, nothing left unimported.
      expect(report.imported.filter((i) => i.rejected > 0)).toEqual([]);
      expect(report.skipped).toEqual([]);
      const audit = await runCli(['--db', url, 'audit', 'verify', '--json']);
      expect(JSON.parse(audit.stdout)).toMatchObject({ ok: true });
    } finally {
      await dispose();
    }
  });

  it('refuses a strain it does not know', async () => {
    const result = await runCli(['--db', 'sqlite::memory:', 'demo', '--strain', 'delta-plus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('omicron or ancestral');
  });
});
