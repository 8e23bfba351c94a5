/**
 * `shuzhi linkage export --json`: the master person index as it stands (DESIGN.md) — one entry per person with
 * the source record identifier of every source Patient linked to them; records waiting in the review queue
 * count as not linked (each is its own person until a reviewer merges it).
 */
import type { Command } from 'commander';
import { messagesIn } from '../messages.js';
import { languageOf, output, withPlatform } from '../runtime.js';

export function registerLinkage(program: Command): void {
  const linkage = program.command('linkage').description('the master person index');
  linkage
    .command('export')
    .description('print every person with the source record identifiers linked to them')
    .action(async (_options: unknown, command: Command) => {
      await withPlatform(
        command,
        { resource: 'linkage_export', purpose: 'data_quality' },
        async (platform) => {
          const exported = await platform.hub.data.mpi.exportLinkage();
          output(command, exported, () => {
            const records = exported.persons.reduce((n, p) => n + p.records.length, 0);
            const linked = exported.persons.filter((p) => p.records.length > 1).length;
            return messagesIn(languageOf(command)).linkageSummary({
              persons: exported.persons.length,
              records,
              linked,
            });
          });
        },
      );
    });
}
