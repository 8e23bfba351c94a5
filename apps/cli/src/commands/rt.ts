/**
 * `shuzhi rt --input CSV --mean-si X --std-si Y [--window 7] --json`: the time-varying reproduction number
 * as EpiEstim::estimate_R(method = "parametric_si") computes it (Cori et al. 2013), sliding windows.
 */
import type { Command } from 'commander';
import { rtFromCsv } from '@shuzhi/surveillance';
import { output } from '../runtime.js';
import { parsePositiveInt, parsePositiveNumber, readInputFile } from './detect.js';

export function registerRt(program: Command): void {
  program
    .command('rt')
    .description('reproduction number Rt as EpiEstim estimates it (parametric serial interval)')
    .requiredOption('--input <csv>', 'CSV file: date,count or t,count (incidence)')
    .requiredOption('--mean-si <days>', 'mean of the serial interval')
    .requiredOption('--std-si <days>', 'standard deviation of the serial interval')
    .option('--window <days>', 'length of the sliding window', '7')
    .action(
      async (options: { input: string; meanSi: string; stdSi: string; window: string }, command: Command) => {
        const text = await readInputFile(options.input);
        const result = rtFromCsv(text, {
          meanSi: parsePositiveNumber(options.meanSi, 'mean-si'),
          stdSi: parsePositiveNumber(options.stdSi, 'std-si'),
          window: parsePositiveInt(options.window, 'window'),
        });
        output(command, result, () =>
          result.windows
            .map(
              (w) =>
                `t ${w.t_start}–${w.t_end}\tR ${fixed(w.mean)} (95% CrI ${fixed(w.q025)}–${fixed(w.q975)})`,
            )
            .join('\n'),
        );
      },
    );
}

function fixed(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}
