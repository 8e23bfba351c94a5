/**
 * What every command shares: global options (--db, --json, --lang), the configuration, opening the platform,
 * printing results (human text or JSON on stdout), progress bars on stderr, and one error exit path.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { AppError, databaseUrlProblem, loadConfig, type Config, type Purpose } from '@shuzhi/core';
import { systemContext, type AccessContext } from '@shuzhi/identity';
import { createPlatform, type Platform } from '@shuzhi/server';
import { describeDatabaseError } from './database-errors.js';
import { cliLanguage, languageOfLocale, type CliLanguage } from './language.js';
import { isReasonCode, messagesIn, reasonIn } from './messages.js';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
  lang?: string;
}

export function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** The language of the human-readable output: --lang, else the locale (LC_ALL, LC_MESSAGES, LANG). */
export function languageOf(command: Command): CliLanguage {
  return cliLanguage(globalsOf(command).lang, process.env);
}

/** As `languageOf`, for reporting an error: a --lang that is itself the error falls back to the locale. */
export function reportingLanguageOf(command: Command): CliLanguage {
  try {
    return languageOf(command);
  } catch {
    return languageOfLocale(process.env);
  }
}

/** The database a command uses: --db, else SHUZHI_DB, else the default; undefined if the configuration is invalid. */
export function databaseOf(command: Command): string | undefined {
  try {
    return configOf(command).db;
  } catch {
    return undefined;
  }
}

export function configOf(command: Command, overrides: Partial<Config> = {}): Config {
  const { db } = globalsOf(command);
  // An option is not an environment variable: loadConfig checks SHUZHI_DB, not an override, so --db is checked
  // here (an empty `sqlite:` would otherwise run the command on a throw-away in-memory database).
  const problem = db === undefined ? undefined : databaseUrlProblem(db);
  if (problem)
    throw new AppError('invalid_input', `--db: ${problem}`, { issues: [{ field: '--db', reason: problem }] });
  return loadConfig(process.env, { ...(db ? { db } : {}), logLevel: 'warn', ...overrides });
}

export interface CommandAudit {
  /** What the command acts on, for the audit trail. */
  resource: string;
  purpose: Purpose;
  /** Which one (a source id, a key id); a command that creates it may set it once it knows. */
  resourceId?: string;
  /** What the trail should say of the action, beside who and when (never personal data: a reason, a source). */
  detail?: Record<string, unknown>;
}

/**
 * Opens the platform for one command, runs `body`, and always closes it. The command is recorded in the
 * audit trail as the system acting for the declared purpose, with its outcome.
 */
export async function withPlatform<T>(
  command: Command,
  audit: CommandAudit,
  body: (platform: Platform, ctx: AccessContext) => Promise<T>,
): Promise<T> {
  const platform = await createPlatform(configOf(command));
  const ctx = systemContext(`cli:${command.name()}`, audit.purpose, platform.clock);
  const action = `cli ${commandPath(command)}`;
  try {
    const result = await body(platform, ctx);
    await platform.identity.audit.record(ctx, { ...entryOf(audit), action, outcome: 'success' });
    return result;
  } catch (error) {
    await platform.identity.audit
      .record(ctx, { ...entryOf(audit), action, outcome: 'failure' })
      .catch(() => undefined);
    throw error;
  } finally {
    await platform.close();
  }
}

function entryOf(audit: CommandAudit) {
  return {
    resourceType: audit.resource,
    ...(audit.resourceId !== undefined ? { resourceId: audit.resourceId } : {}),
    ...(audit.detail !== undefined ? { detail: audit.detail } : {}),
  };
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c && c.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Prints a result: JSON on stdout with --json, otherwise the human-readable text. */
export function output(command: Command, value: unknown, human: () => string): void {
  if (globalsOf(command).json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else process.stdout.write(`${human()}\n`);
}

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, tests). The time left is
 * the average rate since the start, not cli-progress's last ten updates: a streamed import reads in
 * bursts and then stores a batch, which made that estimate jump between seconds and twenty minutes.
 */
export function progress(label: string, total: number, unit: 'items' | 'bytes' = 'items'): Progress {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {done}/{whole} | {left}`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let whole = total;
  const tokens = (done: number) => ({
    done: formatAmount(done, unit),
    whole: formatAmount(whole, unit),
    left: timeLeft(Date.now() - started, done, whole),
  });
  bar.start(total, 0, tokens(0));
  return {
    update(done, newTotal) {
      if (newTotal !== undefined && newTotal !== whole) {
        whole = newTotal;
        bar.setTotal(newTotal);
      }
      bar.update(done, tokens(done));
    },
    stop: () => bar.stop(),
  };
}

/** Bytes in MiB (a file of 200 MiB reads better than 209715200); items as they are. */
export function formatAmount(value: number, unit: 'items' | 'bytes'): string {
  return unit === 'bytes' ? `${(value / 1024 ** 2).toFixed(1)} MiB` : String(value);
}

/** Time left at the average rate so far: `4m05s left`, or `…` before there is a rate to go by. */
export function timeLeft(elapsedMs: number, done: number, total: number): string {
  if (done <= 0 || elapsedMs < 1000 || total <= done) return done >= total && total > 0 ? 'done' : '…';
  const seconds = Math.round(((total - done) * elapsedMs) / done / 1000);
  const m = Math.floor(seconds / 60);
  return `${m > 0 ? `${m}m` : ''}${String(seconds % 60).padStart(m > 0 ? 2 : 1, '0')}s left`;
}

/**
 * Prints an error on stderr (message, then one line per issue) in the reader's language and sets a non-zero
 * exit code. `database` (the URL the command used) lets a database or file-system error name the database and
 * its likely cause. A service's message without a code stays in English; an issue with a code is translated.
 */
/**
 * The first line of an error whose message is no coded reason: the service's English, except that a Chinese
 * reader whose every issue below has a code gets the one issue's reason, or a line saying the issues follow
 * (the English message joins the issues' English: `user x: sourceId: …`).
 */
function headerOf(error: AppError, language: CliLanguage): string {
  const coded = error.issues.filter((issue) => isReasonCode(issue.code));
  if (language === 'en' || coded.length === 0 || coded.length < error.issues.length) return error.message;
  return coded.length === 1 ? reasonIn(language, coded[0]!) : messagesIn(language).issuesFollow;
}

export function reportError(error: unknown, database?: string, language: CliLanguage = 'en'): void {
  const say = messagesIn(language);
  const described = database === undefined ? undefined : describeDatabaseError(error, database, language);
  if (described !== undefined) {
    process.stderr.write(`${say.errorPrefix}${described}\n`);
    process.exitCode = 1;
    return;
  }
  if (error instanceof AppError) {
    // A refusal whose message is its one coded reason (a disabled source, an import kind) is told by the code.
    const coded = error.issues.find((issue) => issue.code !== undefined && issue.reason === error.message);
    const message = coded === undefined ? headerOf(error, language) : reasonIn(language, coded);
    process.stderr.write(`${say.errorPrefix}${message}\n`);
    // The message's own issue is listed only when it adds where (a record, a field) to what was said.
    const issues = error.issues.filter(
      (issue) => issue !== coded || issue.record !== undefined || issue.field !== undefined,
    );
    for (const issue of issues.slice(0, 50))
      process.stderr.write(`  - ${say.errorIssue(issue, reasonIn(language, issue))}\n`);
    if (issues.length > 50) process.stderr.write(`  ${say.andMore(issues.length - 50)}\n`);
    process.exitCode = error.code === 'invalid_input' ? 2 : 1;
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${say.errorPrefix}${message}\n`);
  process.exitCode = 1;
}
