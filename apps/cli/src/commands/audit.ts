/** `shuzhi audit verify`: walk the audit hash chain and report the first broken link (exit 1 if broken). */
import type { Command } from 'commander';
import { messagesIn } from '../messages.js';
import { languageOf, output, progress, withPlatform } from '../runtime.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('verify the hash chain of the audit trail')
    .action(async (_options: unknown, command: Command) => {
      await withPlatform(command, { resource: 'audit_log', purpose: 'audit' }, async (platform) => {
        const say = messagesIn(languageOf(command));
        const bar = progress(say.verifying, 1);
        const result = await platform.identity.audit.verify((done, total) => bar.update(done, total));
        bar.stop();
        output(command, result, () =>
          result.ok
            ? say.auditIntact(result.entries)
            : say.auditBroken({
                seq: result.firstBreak?.seq,
                message: result.firstBreak?.message,
                entries: result.entries,
              }),
        );
        if (!result.ok) process.exitCode = 1;
      });
    });
}
