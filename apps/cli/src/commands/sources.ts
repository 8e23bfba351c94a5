/**
 * `shuzhi sources add`: register a data source and print its API key (shown once); `sources keys`,
 * `revoke-key` and `rotate-key`: list a source's keys (never the secret), revoke one at once, or replace one;
 * `sources disable` and `enable`: stop a source's keys and accounts at once, and let them work again.
 */
import type { Command } from 'commander';
import { AppError } from '@shuzhi/core';
import { sourceTypes, type SourceType } from '@shuzhi/hub';
import { messagesIn } from '../messages.js';
import { languageOf, output, withPlatform, type CommandAudit } from '../runtime.js';
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
    .option(
      '--consumer-only',
      'reads what its data-sharing agreements grant and submits nothing (its keys are refused on every write)',
    )
    .action(
      async (
        options: {
          name: string;
          type: string;
          area?: string;
          id?: string;
          expectedIntervalHours: string;
          consumerOnly?: boolean;
        },
        command: Command,
      ) => {
        const say = messagesIn(languageOf(command));
        if (!(sourceTypes as readonly string[]).includes(options.type)) {
          const unknown = say.unknownSourceType(options.type, sourceTypes);
          throw new AppError('invalid_input', unknown.message, {
            issues: [{ field: 'type', reason: unknown.reason }],
          });
        }
        // Checked here so that the message names the option as typed, not the service's field name.
        const expectedIntervalHours = parsePositiveInt(
          options.expectedIntervalHours,
          'expected-interval-hours',
          languageOf(command),
        );
        const audit: CommandAudit = { resource: 'source', purpose: 'administration' };
        await withPlatform(command, audit, async (platform) => {
          const created = await platform.hub.sources.addSource({
            // The id a source already writes in urn:shuzhi:source:{id}: its records must land under it.
            ...(options.id !== undefined ? { id: options.id } : {}),
            name: options.name,
            type: options.type as SourceType,
            areaCode: options.area ?? null,
            expectedIntervalHours,
            consumerOnly: options.consumerOnly === true,
          });
          audit.resourceId = created.id;
          audit.detail = { type: created.source.type, consumerOnly: created.source.consumerOnly };
          output(command, { id: created.id, apiKey: created.apiKey }, () =>
            [
              say.sourceRegistered({
                type: created.source.type,
                name: created.source.name,
                id: created.id,
                consumerOnly: created.source.consumerOnly,
              }),
              say.apiKeyShownOnce(created.apiKey),
            ].join('\n'),
          );
        });
      },
    );

  sources
    .command('keys')
    .description(
      'list the API keys of a data source (id, prefix, created, last used, revoked; never the key)',
    )
    .argument('<source>', 'data source id')
    .action(async (sourceId: string, _options: unknown, command: Command) => {
      await withPlatform(
        command,
        { resource: 'api_key', purpose: 'administration', detail: { source: sourceId } },
        async (platform, ctx) => {
          const keys = await platform.hub.sources.listKeys(ctx, sourceId);
          const say = messagesIn(languageOf(command));
          output(command, keys, () =>
            keys.length === 0 ? say.noApiKeys(sourceId) : keys.map((k) => say.apiKeyLine(k)).join('\n'),
          );
        },
      );
    });
  sources
    .command('revoke-key')
    .description('revoke an API key of a data source at once (its next request, and any open stream, fail)')
    .argument('<source>', 'data source id')
    .argument('<key>', 'key id (from `shuzhi sources keys`)')
    .action(async (sourceId: string, keyId: string, _options: unknown, command: Command) => {
      await withPlatform(
        command,
        { resource: 'api_key', purpose: 'administration', resourceId: keyId, detail: { source: sourceId } },
        async (platform, ctx) => {
          const revoked = await platform.hub.sources.revokeKey(ctx, sourceId, keyId);
          output(command, revoked, () => messagesIn(languageOf(command)).apiKeyRevoked(revoked.id, sourceId));
        },
      );
    });
  sources
    .command('rotate-key')
    .description('issue a new API key for a data source and revoke the old one; prints {"id","apiKey"}')
    .argument('<source>', 'data source id')
    .argument('<key>', 'the key id to replace')
    .action(async (sourceId: string, keyId: string, _options: unknown, command: Command) => {
      await withPlatform(
        command,
        { resource: 'api_key', purpose: 'administration', resourceId: keyId, detail: { source: sourceId } },
        async (platform, ctx) => {
          const rotated = await platform.hub.sources.rotateKey(ctx, sourceId, keyId);
          const say = messagesIn(languageOf(command));
          output(command, { id: rotated.id, apiKey: rotated.apiKey, revoked: rotated.revoked.id }, () =>
            [
              say.apiKeyRotated({ id: rotated.id, sourceId, revoked: rotated.revoked.id }),
              say.apiKeyShownOnce(rotated.apiKey),
            ].join('\n'),
          );
        },
      );
    });

  sources
    .command('disable')
    .description(
      'disable a data source: its API keys and accounts are refused (writes, read-back, shared reads), its webhooks pause; its records stay',
    )
    .argument('<source>', 'data source id')
    .requiredOption('--reason <text>', 'why (kept with the source and shown on the data sources page)')
    .action(async (sourceId: string, options: { reason: string }, command: Command) => {
      await withPlatform(
        command,
        {
          resource: 'source',
          purpose: 'administration',
          resourceId: sourceId,
          detail: { reason: options.reason },
        },
        async (platform, ctx) => {
          const source = await platform.hub.sources.disableSource(ctx, sourceId, options.reason);
          output(command, source, () =>
            messagesIn(languageOf(command)).sourceDisabled({
              id: source.id,
              name: source.name,
              reason: source.disabledReason,
            }),
          );
        },
      );
    });
  sources
    .command('enable')
    .description(
      'enable a disabled data source: its keys and accounts work again (paused webhooks resume when their consumer resumes them)',
    )
    .argument('<source>', 'data source id')
    .action(async (sourceId: string, _options: unknown, command: Command) => {
      await withPlatform(
        command,
        { resource: 'source', purpose: 'administration', resourceId: sourceId },
        async (platform, ctx) => {
          const source = await platform.hub.sources.enableSource(ctx, sourceId);
          output(command, source, () => messagesIn(languageOf(command)).sourceEnabled(source));
        },
      );
    });
}
