/** `shuzhi migrate`: bring the database schema up to date. */
import type { Command } from 'commander';
import { messagesIn } from '../messages.js';
import { languageOf, withPlatform, output } from '../runtime.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async (_options: unknown, command: Command) => {
      await withPlatform(command, { resource: 'database', purpose: 'administration' }, async (platform) => {
        const report = platform.migration ?? { applied: [], total: 0 };
        output(command, { database: platform.database.description, ...report }, () =>
          messagesIn(languageOf(command)).migrated(
            platform.database.description,
            report.applied,
            report.total,
          ),
        );
      });
    });
}
