/** `shuzhi sources add`: register a data source and print its API key (shown once). */
import type { Command } from 'commander';
import { AppError } from '@shuzhi/core';
import { sourceTypes, type SourceType } from '@shuzhi/hub';
import { output, withPlatform } from '../runtime.js';
import { parsePositiveInt } from './detect.js';

export function registerSources(program: Command): void {
  const sources = program.command('sources').description('manage data sources');
  sources
    .command('add')
    .description('register a data source; prints {"id","apiKey"}')
    .requiredOption('--name <name>', 'organisation name')
    .requiredOption('--type <type>', sourceTypes.join('|'))
    .option('--area <code>', 'GB/T 2260 area code of the organisation')
    .option(
      '--id <id>',
      'a fixed id (the id the source already uses in urn:shuzhi:source:{id}); default generated',
    )
    .option('--expected-interval-hours <hours>', 'warn when silent longer than this', '24')
    .action(
      async (
        options: { name: string; type: string; area?: string; id?: string; expectedIntervalHours: string },
        command: Command,
      ) => {
        if (!(sourceTypes as readonly string[]).includes(options.type)) {
          throw new AppError(
            'invalid_input',
            `unknown source type "${options.type}"; one of ${sourceTypes.join(', ')}`,
            {
              issues: [{ field: 'type', reason: `one of ${sourceTypes.join(', ')}` }],
            },
          );
        }
        // Checked here so that the message names the option as typed, not the service's field name.
        const expectedIntervalHours = parsePositiveInt(
          options.expectedIntervalHours,
          'expected-interval-hours',
        );
        await withPlatform(command, { resource: 'source', purpose: 'administration' }, async (platform) => {
          const created = await platform.hub.sources.addSource({
            // The id a source already writes in urn:shuzhi:source:{id}: its records must land under it.
            ...(options.id !== undefined ? { id: options.id } : {}),
            name: options.name,
            type: options.type as SourceType,
            areaCode: options.area ?? null,
            expectedIntervalHours,
          });
          output(command, { id: created.id, apiKey: created.apiKey }, () =>
            [
              `registered ${created.source.type} source "${created.source.name}" as ${created.id}`,
              `API key (shown once): ${created.apiKey}`,
            ].join('\n'),
          );
        });
      },
    );
}
