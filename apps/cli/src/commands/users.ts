/** `shuzhi users add`: create a user account (the password is read from --password or SHUZHI_NEW_PASSWORD). */
import type { Command } from 'commander';
import { AppError, isRole, roles } from '@shuzhi/core';
import { output, withPlatform } from '../runtime.js';

export function registerUsers(program: Command): void {
  const users = program.command('users').description('manage user accounts');
  users
    .command('add')
    .description('create a user')
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--role <role>', `one of ${roles.join(', ')}`)
    .option('--name <displayName>', 'display name (default: the username)')
    .option('--area <code>', 'GB/T 2260 area code limiting what the user sees (default: all areas)')
    .option('--password <password>', 'initial password (or SHUZHI_NEW_PASSWORD)')
    .action(
      async (
        options: { username: string; role: string; name?: string; area?: string; password?: string },
        command: Command,
      ) => {
        const password = options.password ?? process.env['SHUZHI_NEW_PASSWORD'];
        if (!password) {
          throw new AppError('invalid_input', 'a password is required: --password or SHUZHI_NEW_PASSWORD', {
            issues: [{ field: 'password', reason: 'required' }],
          });
        }
        if (!isRole(options.role)) {
          throw new AppError('invalid_input', `unknown role "${options.role}"; one of ${roles.join(', ')}`, {
            issues: [{ field: 'role', reason: `one of ${roles.join(', ')}` }],
          });
        }
        const role = options.role;
        await withPlatform(command, { resource: 'user', purpose: 'administration' }, async (platform) => {
          const user = await platform.identity.users.createUser({
            username: options.username,
            displayName: options.name ?? options.username,
            role,
            areaCode: options.area ?? null,
            password,
          });
          output(command, user, () => `created ${user.role} ${user.username} (${user.id})`);
        });
      },
    );
}
