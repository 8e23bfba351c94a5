import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './testing.js';

// Reference outputs made with R surveillance 1.20.3 and EpiEstim 2.2-4 (../shared/research/oracle/oracle.R).
const ORACLE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function readCsv(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header!.split(',').map((h) => h.replace(/"/g, ''));
  return rows.map((row) =>
    Object.fromEntries(row.split(',').map((v, i) => [names[i]!, v.replace(/"/g, '')])),
  );
}

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1e-300, Math.abs(b));
}

describe('shuzhi detect and shuzhi rt reproduce R', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-stats-'));
  const series = join(dir, 'salmonella.csv');
  const incidence = join(dir, 'flu2009.csv');
  beforeAll(() => {
    const agona = readCsv(join(ORACLE, 'input_salmonella_agona.csv'));
    writeFileSync(series, `t,count\n${agona.map((r) => `${r['t']},${r['observed']}`).join('\n')}\n`);
    const flu = readCsv(join(ORACLE, 'input_flu2009_incidence.csv'));
    writeFileSync(incidence, `date,count\n${flu.map((r) => `${r['dates']},${r['I']}`).join('\n')}\n`);
  });

  for (const method of ['C1', 'C2', 'C3'] as const) {
    it(`ears${method} on salmonella.agona: every upper bound to 1e-9 and every alarm`, async () => {
      const result = await runCli([
        'detect',
        '--algorithm',
        `ears${method}`,
        '--input',
        series,
        '--frequency',
        '52',
        '--json',
      ]);
      expect(result.code).toBe(0);
      const points = (
        JSON.parse(result.stdout) as { points: { t: number; upperbound: number; alarm: boolean }[] }
      ).points;
      const reference = readCsv(join(ORACLE, `earsC_${method}.csv`));
      expect(points.map((p) => p.t)).toEqual(reference.map((r) => Number(r['t'])));
      points.forEach((p, i) => {
        expect(relativeError(p.upperbound, Number(reference[i]!['upperbound']))).toBeLessThan(1e-9);
        expect(p.alarm).toBe(reference[i]!['alarm'] === 'TRUE');
      });
    });
  }

  it('Rt on Flu2009 with the parametric serial interval, to 1e-9', async () => {
    const result = await runCli([
      'rt',
      '--input',
      incidence,
      '--mean-si',
      '2.6',
      '--std-si',
      '1.5',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const windows = (JSON.parse(result.stdout) as { windows: Record<string, number>[] }).windows;
    const reference = readCsv(join(ORACLE, 'epiestim_flu2009_parametric_si.csv'));
    expect(windows).toHaveLength(reference.length);
    windows.forEach((w, i) => {
      const r = reference[i]!;
      expect([w['t_start'], w['t_end']]).toEqual([Number(r['t_start']), Number(r['t_end'])]);
      expect(relativeError(w['mean']!, Number(r['Mean(R)']))).toBeLessThan(1e-9);
      expect(relativeError(w['std']!, Number(r['Std(R)']))).toBeLessThan(1e-9);
      expect(relativeError(w['q025']!, Number(r['Quantile.0.025(R)']))).toBeLessThan(1e-9);
      expect(relativeError(w['median']!, Number(r['Median(R)']))).toBeLessThan(1e-9);
      expect(relativeError(w['q975']!, Number(r['Quantile.0.975(R)']))).toBeLessThan(1e-9);
    });
  });

  it('names an unknown control parameter and the known ones', async () => {
    const result = await runCli([
      'detect',
      '--algorithm',
      'farringtonFlexible',
      '--input',
      series,
      '--control',
      '{"bee":4}',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bee');
    expect(result.stderr).toContain('noPeriods');
  });

  it('names the line and column of a bad input row', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 't,count\n1,3\n2,three\n');
    const result = await runCli(['detect', '--algorithm', 'earsC1', '--input', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/3/);
    expect(result.stderr).toContain('count');
  });
});
