/**
 * `shuzhi detect --algorithm ALG --input CSV [--frequency 52] [--range FROM:TO] [--control JSON] --json`:
 * aberration detection mirroring R `surveillance` (earsC1–3, farringtonFlexible, farrington, cusum, glrnb)
 * with R's control names and defaults, on `t,count`, `date,count` or `area,indicator,date,count` input.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '@shuzhi/core';
import { detectFromCsv } from '@shuzhi/surveillance';
import { output } from '../runtime.js';
import type { CliLanguage } from '../language.js';
import { messagesIn } from '../messages.js';

export function registerDetect(program: Command): void {
  program
    .command('detect')
    .description(
      'aberration detection as R surveillance computes it (prints expected, upper bound and alarm per point)',
    )
    .requiredOption(
      '--algorithm <alg>',
      'earsC1, earsC2, earsC3, farringtonFlexible, farrington, cusum or glrnb',
    )
    .requiredOption('--input <csv>', 'CSV file: t,count or date,count or area,indicator,date,count')
    .option('--frequency <n>', 'observations per year (R freq)', '52')
    .option('--range <from:to>', "R's 1-based range of time points to monitor")
    .option('--control <json>', "R's control list as JSON, with R's names")
    .option('--missing <how>', 'for area,indicator,date,count input: error (default) or zero')
    .action(
      async (
        options: {
          algorithm: string;
          input: string;
          frequency: string;
          range?: string;
          control?: string;
          missing?: string;
        },
        command: Command,
      ) => {
        const text = await readInputFile(options.input);
        const result = detectFromCsv(text, {
          algorithm: options.algorithm,
          frequency: parsePositiveInt(options.frequency, 'frequency'),
          ...(options.range ? { range: parseRange(options.range) } : {}),
          ...(options.control ? { control: parseJson(options.control, 'control') } : {}),
          ...(options.missing ? { missing: parseMissing(options.missing) } : {}),
        });
        output(command, result, () => {
          const series =
            'series' in result ? result.series : [{ area: '', indicator: '', points: result.points }];
          const lines: string[] = [];
          for (const s of series) {
            if (s.area) lines.push(`${s.area} ${s.indicator}`);
            for (const p of s.points) {
              const at = 't' in p ? `t=${p.t}` : p.date;
              lines.push(
                `${at}\tobserved ${p.observed}\texpected ${p.expected ?? '—'}\tupper ${p.upperbound ?? '—'}${p.alarm ? '\tALARM' : ''}`,
              );
            }
          }
          return lines.join('\n');
        });
      },
    );
}

export async function readInputFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `--input ${path}: ${(error as NodeJS.ErrnoException).code ?? 'cannot be read'}`,
      {
        issues: [{ field: 'input', reason: 'cannot be read' }],
      },
    );
  }
}

function parseRange(text: string): [number, number] {
  const match = /^(\d+):(\d+)$/.exec(text.trim());
  if (!match || Number(match[1]) < 1 || Number(match[2]) < Number(match[1])) {
    throw new AppError('invalid_input', `--range ${text}: expected FROM:TO with 1 ≤ FROM ≤ TO`, {
      issues: [{ field: 'range', reason: 'expected FROM:TO' }],
    });
  }
  return [Number(match[1]), Number(match[2])];
}

export function parsePositiveInt(text: string, field: string, language: CliLanguage = 'en'): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    const wrong = messagesIn(language).positiveWholeNumber(field, text);
    throw new AppError('invalid_input', wrong.message, { issues: [{ field, reason: wrong.reason }] });
  }
  return n;
}

export function parsePositiveNumber(text: string, field: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    throw new AppError('invalid_input', `--${field} ${text}: expected a positive number`, {
      issues: [{ field, reason: 'expected a positive number' }],
    });
  return n;
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('invalid_input', `--${field}: not valid JSON`, {
      issues: [{ field, reason: 'not valid JSON' }],
    });
  }
}

function parseMissing(text: string): 'error' | 'zero' {
  if (text !== 'error' && text !== 'zero')
    throw new AppError('invalid_input', `--missing ${text}: error or zero`, {
      issues: [{ field: 'missing', reason: 'error or zero' }],
    });
  return text;
}
