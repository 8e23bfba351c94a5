/**
 * `shuzhi import KIND FILE`: import a file through the hub (fhir, checkins, trips, stays, gate-access,
 * households, travelers, indicators…). Prints accepted/rejected counts with the line, field and reason
 * of every rejected record, then the warnings (records imported despite a problem, such as a resident ID
 * whose check digit fails). All-or-nothing per file unless --partial; a refused file exits with 2.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '@shuzhi/core';
import type { ImportIssue } from '@shuzhi/hub';
import type { CliLanguage } from '../language.js';
import { messagesIn, reasonIn } from '../messages.js';
import { languageOf, output, progress, withPlatform } from '../runtime.js';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'import a file: KIND is fhir, checkins, trips, stays, gate-access, households, travelers, indicators, …',
    )
    .argument('<kind>', 'what the file holds')
    .argument('<file>', 'path of the file, or - for standard input')
    .option('--partial', 'apply the valid records even if some are rejected')
    .option('--source <sourceId>', 'the data source the records come from')
    .action(
      async (
        kind: string,
        file: string,
        options: { partial?: boolean; source?: string },
        command: Command,
      ) => {
        const language = languageOf(command);
        const say = messagesIn(language);
        // NDJSON files are streamed (any size, bounded memory) to kinds that can read a stream.
        const streamed = file !== '-' && /\.(ndjson|jsonl)$/i.test(file);
        const size = streamed ? await fileSize(file, language) : 0;
        const text = streamed ? '' : await readInput(file, language);
        await withPlatform(
          command,
          { resource: 'import_job', purpose: 'data_submission' },
          async (platform, ctx) => {
            // An unknown id would be recorded as the records' source and show up nowhere else.
            if (options.source !== undefined && !(await platform.hub.sources.getSource(options.source))) {
              const unknown = say.unknownSource(options.source);
              throw new AppError('invalid_input', unknown.message, {
                issues: [{ field: 'source', reason: unknown.reason }],
              });
            }
            // A disabled or consumer-only source submits nothing, whoever imports in its name.
            if (options.source !== undefined) await platform.hub.sources.assertMaySubmit(options.source);
            const bar = progress(say.importing(kind), streamed ? size : 1, streamed ? 'bytes' : 'items');
            const report = await platform.hub.imports.run(ctx, {
              kind,
              fileName: file === '-' ? 'stdin' : basename(file),
              text,
              ...(streamed
                ? {
                    stream: countingBytes(createReadStream(file), (n) => bar.update(n)),
                    streamBytes: size,
                  }
                : {}),
              partial: options.partial ?? false,
              sourceId: options.source ?? null,
              onProgress: (done, total) => bar.update(done, total),
            });
            bar.stop();
            output(
              command,
              {
                // The job on the imports page and at GET /api/v1/imports/{id}, where the run can be found again.
                job: report.jobId,
                kind: report.kind,
                file: report.fileName,
                status: report.status,
                total: report.total,
                accepted: report.accepted,
                unchanged: report.unchanged,
                rejected: report.rejected,
                errors: report.errors,
                warnings: report.warnings,
              },
              () => {
                const lines = [
                  say.importSummary({
                    file: report.fileName,
                    status: report.status,
                    accepted: report.accepted,
                    unchanged: report.unchanged,
                    rejected: report.rejected,
                    total: report.total,
                    job: report.jobId,
                  }),
                ];
                lines.push(...issueLines(report.errors, PRINTED_ERRORS, language));
                if (report.status === 'rejected') lines.push(say.nothingImported);
                if (report.warnings.length > 0) {
                  lines.push(say.importWarnings(report.warnings.length));
                  lines.push(...issueLines(report.warnings, PRINTED_WARNINGS, language));
                }
                return lines.join('\n');
              },
            );
            if (report.status === 'rejected') process.exitCode = 2;
          },
        );
      },
    );
}

/** At most this many errors and warnings are printed; all of them are in `--json` and on the job's report. */
const PRINTED_ERRORS = 100;
const PRINTED_WARNINGS = 20;

/** One indented line per issue (line, field, reason in the reader's language), the first `limit` of them. */
function issueLines(issues: ImportIssue[], limit: number, language: CliLanguage): string[] {
  const say = messagesIn(language);
  const lines = issues
    .slice(0, limit)
    .map((issue) => `  ${say.importIssue(issue, reasonIn(language, issue))}`);
  if (issues.length > limit) lines.push(`  ${say.andMore(issues.length - limit)}`);
  return lines;
}

async function readInput(file: string, language: CliLanguage): Promise<string> {
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(file, error, language);
  }
}

async function fileSize(file: string, language: CliLanguage): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    throw unreadable(file, error, language);
  }
}

function unreadable(file: string, error: unknown, language: CliLanguage): AppError {
  const { message, reason } = messagesIn(language).cannotRead(
    file,
    (error as NodeJS.ErrnoException).code ?? String(error),
  );
  return new AppError('invalid_input', message, { issues: [{ field: 'file', reason }] });
}

/** Passes the chunks through, reporting the bytes read so far (the progress bar of a streamed file). */
async function* countingBytes(
  chunks: AsyncIterable<Buffer>,
  onRead: (bytes: number) => void,
): AsyncIterable<Buffer> {
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    onRead(bytes);
    yield chunk;
  }
}
