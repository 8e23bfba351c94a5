/**
 * The services' refusals the CLI shows (a source, key, user or person not found, a conflict, an argument the
 * service checks) are named by their reason code, so a zh-CN reader gets each wholly in Chinese and an English
 * reader the service's English. Runs the program in process (a child process per message would take minutes),
 * message by message, in both languages; cli-language.test.ts runs the real command.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testDialects } from '@shuzhi/db/testing';
import { runShuzhi } from './program.js';

const han = /\p{Script=Han}/u;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface Refusal {
  args: string[];
  exit: number;
  en: string;
  zh: string;
}

/** Runs `shuzhi` in process, with what it wrote on stdout and stderr and the exit code it set. */
async function shuzhi(args: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  process.exitCode = 0;
  try {
    await runShuzhi(args, 'user');
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = 0;
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  }
}

for (const dialect of testDialects()) {
  describe(`the services' refusals in the CLI, in Chinese and English [${dialect}]`, () => {
    let url: string;
    let dispose: () => Promise<void>;
    let keyId: string;
    const cli = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
      shuzhi(['--db', url, ...args], env);

    beforeAll(async () => {
      const handle = await createTestDatabase(dialect);
      url = handle.url;
      dispose = handle.dispose;
      const added = await cli([
        '--json',
        'sources',
        'add',
        '--name',
        'Lusong Lab',
        '--type',
        'lab',
        '--id',
        'ref-lab',
      ]);
      expect(added.code, added.stderr).toBe(0);
      const rotated = await cli(['--json', 'sources', 'keys', 'ref-lab']);
      keyId = (JSON.parse(rotated.stdout) as { id: string }[])[0]!.id;
      // A key revoked already, a source disabled already, an analyst, and a person with no case.
      await cli(['sources', 'add', '--name', 'Hetang Hospital', '--type', 'hospital', '--id', 'ref-off']);
      await cli(['sources', 'disable', 'ref-off', '--reason', 'under review']);
      const analyst = await cli(['users', 'add', '--username', 'ref-analyst', '--role', 'analyst'], {
        SHUZHI_NEW_PASSWORD: 'a long test passphrase',
      });
      expect(analyst.code, analyst.stderr).toBe(0);
      const checkins = join(await mkdtemp(join(tmpdir(), 'shuzhi-refusals-')), 'checkins.csv');
      await writeFile(
        checkins,
        'person_id,venue_id,check_in,check_out\nref-lonely,V-1,2026-03-05T08:00:00+08:00,\n',
      );
      const imported = await cli(['import', 'checkins', checkins]);
      expect(imported.code, imported.stderr).toBe(0);
    }, 120_000);
    afterAll(async () => dispose());

    const expectRefusal = async (refusal: Refusal, env: Record<string, string> = {}) => {
      const en = await cli(['--lang', 'en', ...refusal.args], env);
      const zh = await cli(['--lang', 'zh-CN', ...refusal.args], env);
      expect([en.code, en.stderr]).toEqual([refusal.exit, refusal.en]);
      expect(en.stderr).not.toMatch(han);
      expect([zh.code, zh.stderr]).toEqual([refusal.exit, refusal.zh]);
      // Wholly Chinese: no English sentence left above or beside the translation.
      expect(zh.stderr).not.toMatch(
        /not found|already|no access|give a|is known|has no case|ISO 8601 time|minutes/,
      );
    };

    it('a source not found or not visible', async () => {
      for (const args of [
        ['sources', 'keys', 'ref-none'],
        ['sources', 'enable', 'ref-none'],
        ['sources', 'revoke-key', 'ref-none', 'key_x'],
      ])
        await expectRefusal({
          args,
          exit: 1,
          en: 'error: source ref-none not found or no access\n',
          zh: '错误：数据源 ref-none 不存在，或您无权访问\n',
        });
    }, 120_000);

    it('an API key not found, and one revoked already', async () => {
      await expectRefusal({
        args: ['sources', 'rotate-key', 'ref-lab', 'key_none'],
        exit: 1,
        en: 'error: API key key_none of source ref-lab not found or no access\n',
        zh: '错误：数据源 ref-lab 的 API 密钥 key_none 不存在，或您无权访问\n',
      });
      expect((await cli(['sources', 'revoke-key', 'ref-lab', keyId])).code).toBe(0);
      for (const verb of ['revoke-key', 'rotate-key'])
        await expectRefusal({
          args: ['sources', verb, 'ref-lab', keyId],
          exit: 1,
          en: `error: API key ${keyId} of source ref-lab is already revoked\n`,
          zh: `错误：数据源 ref-lab 的 API 密钥 ${keyId} 已被吊销\n`,
        });
    }, 120_000);

    it('a source disabled already, enabled already, or disabled without a reason', async () => {
      await expectRefusal({
        args: ['sources', 'disable', 'ref-off', '--reason', 'once more'],
        exit: 1,
        en: 'error: source ref-off is already disabled\n',
        zh: '错误：数据源 ref-off 已经停用\n',
      });
      await expectRefusal({
        args: ['sources', 'enable', 'ref-lab'],
        exit: 1,
        en: 'error: source ref-lab is not disabled\n',
        zh: '错误：数据源 ref-lab 未停用\n',
      });
      await expectRefusal({
        args: ['sources', 'disable', 'ref-lab', '--reason', 'x'],
        exit: 2,
        en: 'error: give a reason (at least 3 characters)\n  - record ref-lab, field reason: give a reason (at least 3 characters)\n',
        zh: '错误：请说明原因（至少 3 个字符）\n  - 记录 ref-lab，字段 reason：请说明原因（至少 3 个字符）\n',
      });
    }, 120_000);

    it('a source name or id taken', async () => {
      await expectRefusal({
        args: ['sources', 'add', '--name', 'Lusong Lab', '--type', 'lab'],
        exit: 1,
        en: 'error: a source named "Lusong Lab" already exists\n  - record Lusong Lab, field name: a source named "Lusong Lab" already exists\n',
        zh: '错误：已有名为“Lusong Lab”的数据源\n  - 记录 Lusong Lab，字段 name：已有名为“Lusong Lab”的数据源\n',
      });
      await expectRefusal({
        args: ['sources', 'add', '--name', 'Another Lab', '--type', 'lab', '--id', 'ref-lab'],
        exit: 1,
        en: 'error: a source with id "ref-lab" already exists\n  - record Another Lab, field id: a source with id "ref-lab" already exists\n',
        zh: '错误：已有编号为“ref-lab”的数据源\n  - 记录 Another Lab，字段 id：已有编号为“ref-lab”的数据源\n',
      });
    }, 120_000);

    it('a user not found, and a username taken', async () => {
      const password = { SHUZHI_NEW_PASSWORD: 'a long test passphrase' };
      await expectRefusal({
        args: ['users', 'set-source', 'ref-nobody', 'ref-lab'],
        exit: 1,
        en: 'error: user ref-nobody not found or no access\n',
        zh: '错误：用户 ref-nobody 不存在，或您无权访问\n',
      });
      await expectRefusal(
        {
          args: ['users', 'add', '--username', 'ref-analyst', '--role', 'analyst'],
          exit: 1,
          en: 'error: user ref-analyst already exists\n  - record ref-analyst, field username: user ref-analyst already exists\n',
          zh: '错误：用户名 ref-analyst 已被占用\n  - 记录 ref-analyst，字段 username：用户名 ref-analyst 已被占用\n',
        },
        password,
      );
    }, 120_000);

    it('a trace window or overlap that is no time or no number (checked by the CLI itself)', async () => {
      await expectRefusal({
        args: ['trace', '--case', 'ref-lonely', '--from', '2026-03-05 08:00', '--to', '2026-03-06T08:00:00Z'],
        exit: 2,
        en: 'error: --from 2026-03-05 08:00: an ISO 8601 time with offset\n  - field from: an ISO 8601 date-time with offset, e.g. 2026-03-05T08:00:00+08:00\n',
        zh: '错误：--from 2026-03-05 08:00：应为带时区偏移的 ISO 8601 时间\n  - 字段 from：应为带时区偏移的 ISO 8601 日期时间，例如 2026-03-05T08:00:00+08:00\n',
      });
      await expectRefusal({
        args: ['trace', '--case', 'ref-lonely', '--min-overlap', 'ten'],
        exit: 2,
        en: 'error: --min-overlap ten: a number of minutes ≥ 0\n  - field min-overlap: a number of minutes ≥ 0\n',
        zh: '错误：--min-overlap ten：应为不小于 0 的分钟数\n  - 字段 min-overlap：应为不小于 0 的分钟数\n',
      });
    });

    it('a person nobody is known as, and one with no case to trace from', async () => {
      await expectRefusal({
        args: ['trace', '--case', 'ref-nobody'],
        exit: 1,
        en: 'error: no person is known as ref-nobody\n',
        zh: '错误：没有人员以 ref-nobody 为标识\n',
      });
      const noCase = 'ref-lonely has no case record; give the window with --from and --to';
      await expectRefusal({
        args: ['trace', '--case', 'ref-lonely'],
        exit: 1,
        en: `error: ${noCase}\n  - record ref-lonely, field case: ${noCase}\n`,
        zh: '错误：ref-lonely 没有病例记录；请用 --from 和 --to 指定时间窗\n  - 记录 ref-lonely，字段 case：ref-lonely 没有病例记录；请用 --from 和 --to 指定时间窗\n',
      });
    }, 120_000);
  });
}
