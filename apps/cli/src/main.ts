/** The `shuzhi` command line: one program, one file per verb under commands/. */
import { Command } from 'commander';
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
import { reportError } from './runtime.js';

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
  .showHelpAfterError();

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

try {
  await program.parseAsync(process.argv);
} catch (error) {
  reportError(error);
}
