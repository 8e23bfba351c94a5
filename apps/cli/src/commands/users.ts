/**
 * `shuzhi users add`: create a user account (the password is read from --password or SHUZHI_NEW_PASSWORD);
 * a data-source account names the registered source it submits as (--source). `shuzhi users set-source`
 * binds an existing data-source account to its source.
 */
import type { Command } from 'commander';
import { AppError, isRole, roles } from '@shuzhi/core';
import { messagesIn } from '../messages.js';
import { languageOf, output, withPlatform } from '../runtime.js';

export function registerUsers(program: Command): void {
  const users = program.command('users').description('manage user accounts');
  users
    .command('add')
    .description('create a user')
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--role <role>', `one of ${roles.join(', ')}`)
    .option('--name <displayName>', 'display name (default: the username)')
    .option('--area <code>', 'GB/T 2260 area code limiting what the user sees (default: all areas)')
    .option(
      '--source <sourceId>',
      'for role data_source (required there): the registered source it submits as',
    )
    .option('--password <password>', 'initial password (or SHUZHI_NEW_PASSWORD)')
    .action(
      async (
        options: {
          username: string;
          role: string;
          name?: string;
          area?: string;
          source?: string;
          password?: string;
        },
        command: Command,
      ) => {
        const say = messagesIn(languageOf(command));
        const password = options.password ?? process.env['SHUZHI_NEW_PASSWORD'];
        if (!password) {
          throw new AppError('invalid_input', say.passwordRequired.message, {
            issues: [{ field: 'password', reason: say.passwordRequired.reason }],
          });
        }
        if (!isRole(options.role)) {
          const unknown = say.unknownRole(options.role, roles);
          throw new AppError('invalid_input', unknown.message, {
            issues: [{ field: 'role', reason: unknown.reason }],
          });
        }
        const role = options.role;
        await withPlatform(command, { resource: 'user', purpose: 'administration' }, async (platform) => {
          const user = await platform.identity.users.createUser({
            username: options.username,
            displayName: options.name ?? options.username,
            role,
            areaCode: options.area ?? null,
            sourceId: options.source ?? null,
            password,
          });
          output(command, user, () => say.userCreated(user));
        });
      },
    );
  users
    .command('set-source')
    .description('bind a data_source account to the registered source it submits as')
    .argument('<user>', 'username or user id')
    .argument('<sourceId>', 'the source id (shuzhi sources add printed it)')
    .action(async (user: string, sourceId: string, _options: unknown, command: Command) => {
      await withPlatform(command, { resource: 'user', purpose: 'administration' }, async (platform, ctx) => {
        const bound = await platform.identity.users.setSource(ctx, user, sourceId);
        output(command, bound, () => messagesIn(languageOf(command)).userSourceSet(bound.username, sourceId));
      });
    });
}
