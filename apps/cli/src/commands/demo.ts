/**
 * `shuzhi demo --people N --days D --seed S [--strain omicron|ancestral] [--out DIR]`: generates the
 * synthetic city with its epidemic and imports everything its data sources would send, through the
 * platform's own import paths. With --out the files (and the ground truth under truth/) are kept there.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '@shuzhi/core';
import { seedDemoCity } from '@shuzhi/server';
import { messagesIn } from '../messages.js';
import { languageOf, output, progress, withPlatform } from '../runtime.js';
import { parsePositiveInt } from './detect.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('generate the synthetic demo city and import it (or only write its files with --files-only)')
    .option('--people <n>', 'residents', '50000')
    .option('--days <d>', 'days to simulate, ending today', '21')
    .option('--seed <s>', 'random seed (same seed, same city)', '20220101')
    .option('--strain <name>', 'omicron or ancestral', 'omicron')
    .option('--start <date>', 'first simulated day YYYY-MM-DD (default: DAYS before today)')
    .option('--out <dir>', 'keep the generated files (FHIR NDJSON, CSVs, truth/) in this folder')
    .option('--files-only', 'write the files without importing them (requires --out)')
    .action(
      async (
        options: {
          people: string;
          days: string;
          seed: string;
          strain: string;
          start?: string;
          out?: string;
          filesOnly?: boolean;
        },
        command: Command,
      ) => {
        if (options.strain !== 'omicron' && options.strain !== 'ancestral') {
          throw new AppError('invalid_input', `--strain ${options.strain}: omicron or ancestral`, {
            issues: [{ field: 'strain', reason: 'omicron or ancestral' }],
          });
        }
        if (options.filesOnly && !options.out) {
          throw new AppError('invalid_input', '--files-only needs --out DIR', {
            issues: [{ field: 'out', reason: 'required with --files-only' }],
          });
        }
        const people = parsePositiveInt(options.people, 'people');
        const days = parsePositiveInt(options.days, 'days');
        const seed = Number(options.seed);
        if (!Number.isInteger(seed) || seed < 0)
          throw new AppError('invalid_input', `--seed ${options.seed}: a whole number ≥ 0`, {
            issues: [{ field: 'seed', reason: 'a whole number ≥ 0' }],
          });
        await withPlatform(
          command,
          { resource: 'demo_city', purpose: 'data_submission' },
          async (platform) => {
            let bar = progress('simulating', days);
            let stage = 'simulating';
            const report = await seedDemoCity(platform, {
              people,
              days,
              seed,
              strain: options.strain as 'omicron' | 'ancestral',
              ...(options.start ? { startDate: options.start } : {}),
              ...(options.out ? { outDir: resolve(options.out) } : {}),
              filesOnly: options.filesOnly ?? false,
              onProgress: (s, done, total) => {
                if (s !== stage) {
                  bar.stop();
                  bar = progress(s, total);
                  stage = s;
                }
                bar.update(done, total);
              },
            });
            bar.stop();
            output(command, report, () => {
              const say = messagesIn(languageOf(command));
              const lines = [
                say.demoCity({
                  people: report.people,
                  days: report.days,
                  infections: report.infections,
                  outDir: report.outDir ?? null,
                }),
              ];
              for (const i of report.imported) lines.push(`  ${say.demoImported(i)}`);
              if (report.skipped.length > 0)
                lines.push(`  ${say.demoSkipped([...new Set(report.skipped.map((s) => s.kind))])}`);
              return lines.join('\n');
            });
          },
        );
      },
    );
}
