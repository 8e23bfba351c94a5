/** The `shuzhi` program: its global options and one command per verb (commands/), and how a run ends. */
import { Command, CommanderError } from 'commander';
import { VERSION } from '@shuzhi/server';
import { registerAudit } from './commands/audit.js';
import { registerDemo } from './commands/demo.js';
import { registerDetect } from './commands/detect.js';
import { registerImport } from './commands/import.js';
import { registerLinkage } from './commands/linkage.js';
import { registerRt } from './commands/rt.js';
import { registerMigrate } from './commands/migrate.js';
import { registerServe } from './commands/serve.js';
import { registerSources } from './commands/sources.js';
import { registerTrace } from './commands/trace.js';
import { registerUsers } from './commands/users.js';
import { databaseOf, reportError, reportingLanguageOf } from './runtime.js';

export function shuzhiProgram(): Command {
  const program = new Command();
  program
    .name('shuzhi')
    .description('Shuzhi (数治): epidemic digital governance platform')
    .version(VERSION)
    .option(
      '--db <url>',
      'database: sqlite:PATH or postgres://… (default SHUZHI_DB or sqlite:./data/shuzhi.db)',
    )
    .option('--json', 'machine-readable output on stdout')
    .option(
      '--lang <language>',
      'language of the human-readable output: en or zh-CN (default from LC_ALL, LC_MESSAGES or LANG: zh* is Chinese)',
    )
    .showHelpAfterError()
    // Usage errors (unknown command or option, missing argument) are invalid input: exit 2, as the README
    // promises, not commander's default 1. Set before the commands are added, which inherit it.
    .exitOverride();

  registerServe(program);
  registerMigrate(program);
  registerUsers(program);
  registerSources(program);
  registerAudit(program);
  registerImport(program);
  registerDemo(program);
  registerLinkage(program);
  registerDetect(program);
  registerRt(program);
  registerTrace(program);
  return program;
}

/**
 * Runs `shuzhi` on its arguments (`from: 'user'`: without the node and script paths); a failure is written on
 * stderr in the reader's language and sets the exit code.
 */
export async function runShuzhi(argv: readonly string[], from: 'node' | 'user' = 'node'): Promise<void> {
  const program = shuzhiProgram();
  try {
    await program.parseAsync(argv, { from });
  } catch (error) {
    // Commander has already printed its message (and the usage) on stderr; only the exit code is left.
    if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : 2;
    else reportError(error, databaseOf(program), reportingLanguageOf(program));
  }
}
