/**
 * `shuzhi trace --case ID [--from ISO --to ISO] [--min-overlap MINUTES] --json`: one person's close and
 * secondary contacts by DESIGN.md's definition. ID is an id as imported or a platform person id; without
 * --from/--to the window comes from the person's case record. --json streams exactly
 * `{"case","window":{"from","to"},"contacts":[…]}`; otherwise a summary with the set-size report.
 */
import { once } from 'node:events';
import type { Command } from 'commander';
import { AppError } from '@shuzhi/core';
import type { TraceReport } from '@shuzhi/tracing';
import { messagesIn, type CliMessages } from '../messages.js';
import { globalsOf, languageOf, withPlatform } from '../runtime.js';

interface TraceOptions {
  case: string;
  from?: string;
  to?: string;
  minOverlap?: string;
}

export function registerTrace(program: Command): void {
  program
    .command('trace')
    .description("a case's close and secondary contacts (DESIGN.md contact definition)")
    .requiredOption('--case <id>', 'the person: an id as imported or a platform person id')
    .option('--from <iso>', 'start of the infectious window (ISO 8601 with offset); with --to')
    .option('--to <iso>', 'end of the infectious window; with --from')
    .option('--min-overlap <minutes>', 'minimum overlap at a venue, inclusive (default 15)')
    .action(async (options: TraceOptions, command: Command) => {
      const say = messagesIn(languageOf(command));
      const request = {
        subject: options.case,
        from: options.from === undefined ? undefined : instant(options.from, 'from', say),
        to: options.to === undefined ? undefined : instant(options.to, 'to', say),
        minOverlapMinutes: options.minOverlap === undefined ? undefined : minutes(options.minOverlap, say),
      };
      await withPlatform(
        command,
        { resource: 'contact_trace', purpose: 'contact_tracing' },
        async (platform, ctx) => {
          const run = await platform.tracing.trace.trace(ctx, request);
          if (globalsOf(command).json) {
            await writeStream(platform.tracing.trace.json(run));
            return;
          }
          const report = platform.tracing.trace.report(run);
          process.stdout.write(`${summary(say, options.case, run.window, report)}\n`);
        },
      );
    });
}

function instant(text: string, field: string, say: CliMessages): number {
  // An offset is required: a bare local time would be read in whatever zone the machine is in.
  const ms = /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms)) {
    const wrong = say.instantWithOffset(field, text);
    throw new AppError('invalid_input', wrong.message, { issues: [{ field, reason: wrong.reason }] });
  }
  return ms;
}

function minutes(text: string, say: CliMessages): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(value)) {
    const wrong = say.minutesAtLeastZero(text);
    throw new AppError('invalid_input', wrong.message, {
      issues: [{ field: 'min-overlap', reason: wrong.reason }],
    });
  }
  return value;
}

/** Writes the pieces in blocks of about 64 KiB, waiting when stdout's buffer is full. */
async function writeStream(pieces: Iterable<string>): Promise<void> {
  let block = '';
  const flush = async () => {
    if (block === '') return;
    const ok = process.stdout.write(block);
    block = '';
    if (!ok) await once(process.stdout, 'drain');
  };
  for (const piece of pieces) {
    block += piece;
    if (block.length >= 65_536) await flush();
  }
  block += '\n';
  await flush();
}

function summary(
  say: CliMessages,
  caseId: string,
  window: { from: number; to: number },
  report: TraceReport,
): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const lines = say.traceSummary({
    caseId,
    from: iso(window.from),
    to: iso(window.to),
    close: report.contacts.close,
    closeExposures: report.exposures.close,
    secondary: report.contacts.secondary,
    secondaryExposures: report.exposures.secondary,
  });
  if (report.topPlaces.length > 0) {
    lines.push(say.topPlacesHeading);
    for (const p of report.topPlaces)
      lines.push(
        `  ${say.topPlace({
          kind: p.kind,
          place: `${p.place_id}${p.category ? ` (${p.category})` : ''}`,
          close: p.close,
          secondary: p.secondary,
          share: (p.share * 100).toFixed(1),
        })}`,
      );
  }
  return lines.join('\n');
}
