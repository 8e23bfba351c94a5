/**
 * The CLI speaks the reader's language (DESIGN.md: Simplified Chinese and English): Chinese when the locale is
 * zh* or `--lang zh-CN`, English otherwise; `--json` is the same in both. Runs the real command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '@shuzhi/db/testing';
import { languageOfLocale, parseLanguage } from './language.js';
import { runCli } from './testing.js';

const ZH = { LANG: 'zh_CN.UTF-8' };
const CHECKINS = [
  'person_id,venue_id,check_in,check_out',
  'lang-a,V-1,2026-03-05T08:00:00+08:00,',
  'lang-b,V-1,2026-03-05 08:00,',
  '',
].join('\n');

/** A made-up resident ID that passes GB 11643, and the same with its check character changed. */
const VALID_ID = '430202198503121235';
const WRONG_CHECK_ID = '430202198503121230';
const labResultRow = (id: string, who: string, residentId: string) =>
  `${id},${who},${residentId},,张晓明,male,,,430202,,94500-6,2026-02-28T08:00:00+08:00,,negative,,`;
const LAB_RESULTS = [
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id',
  labResultRow('lang-r1', 'lang-p1', VALID_ID),
  labResultRow('lang-r2', 'lang-p2', WRONG_CHECK_ID),
  '',
].join('\n');

describe('the language of the CLI', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG: zh* is Chinese, anything else English', () => {
    expect(languageOfLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(languageOfLocale({ LANG: 'zh' })).toBe('zh-CN');
    expect(languageOfLocale({ LANG: 'zh_TW.UTF-8' })).toBe('zh-CN');
    expect(languageOfLocale({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(languageOfLocale({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(languageOfLocale({ LC_ALL: '', LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(languageOfLocale({ LANG: 'C.UTF-8' })).toBe('en');
    expect(languageOfLocale({ LANG: 'zu_ZA.UTF-8' })).toBe('en');
    expect(languageOfLocale({})).toBe('en');
  });

  it('takes --lang en or zh-CN (and a locale’s spelling of them), and refuses another', () => {
    expect(parseLanguage('zh-CN')).toBe('zh-CN');
    expect(parseLanguage('zh_CN')).toBe('zh-CN');
    expect(parseLanguage('en')).toBe('en');
    expect(() => parseLanguage('fr')).toThrow('--lang fr: one of en, zh-CN');
  });
});

for (const dialect of testDialects()) {
  describe(`shuzhi in Chinese and English [${dialect}]`, () => {
    let url: string;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      const handle = await createTestDatabase(dialect);
      url = handle.url;
      dispose = handle.dispose;
    }, 60_000);
    afterAll(async () => dispose());

    it('reports an import and each rejected record in Chinese under a zh locale, in English otherwise', async () => {
      const zh = await runCli(['--db', url, 'import', 'checkins', '-'], ZH, CHECKINS);
      expect(zh.code).toBe(2);
      const [summary, issue, refused] = zh.stdout.trim().split('\n');
      expect(summary).toMatch(
        /^stdin：已拒绝 — 共 2 条，接受 0 条，未变 0 条，拒绝 1 条（导入任务 imp_\w+）$/,
      );
      // The reason from the hub's table of both languages, by its code.
      expect(issue).toBe(
        '  第 3 行，check_in 列：必须是带时区偏移的 ISO 8601 日期时间，例如 2022-03-05T08:30:00+08:00',
      );
      expect(refused).toBe('未导入任何记录（加 --partial 可只导入其中有效的记录）');

      const en = await runCli(['--db', url, 'import', 'checkins', '-'], {}, CHECKINS);
      expect(en.stdout).toContain('rejected of 2');
      expect(en.stdout).toContain(
        'line 3, check_in: must be an ISO 8601 date-time with offset, e.g. 2022-03-05T08:30:00+08:00',
      );
      expect(en.stdout).not.toMatch(/\p{Script=Han}/u);

      // --lang wins over the locale, both ways; --json is the same whatever the language.
      const forced = await runCli(['--db', url, '--lang', 'en', 'import', 'checkins', '-'], ZH, CHECKINS);
      expect(forced.stdout).toContain('nothing was imported');
      const chosen = await runCli(['--db', url, '--lang', 'zh-CN', 'import', 'checkins', '-'], {}, CHECKINS);
      expect(chosen.stdout).toContain('未导入任何记录');
      const jsonZh = await runCli(['--db', url, 'import', 'checkins', '-', '--json'], ZH, CHECKINS);
      const jsonEn = await runCli(['--db', url, 'import', 'checkins', '-', '--json'], {}, CHECKINS);
      const withoutJob = (text: string) => ({ ...JSON.parse(text), job: undefined }) as unknown;
      expect(withoutJob(jsonZh.stdout)).toEqual(withoutJob(jsonEn.stdout));
      expect(JSON.parse(jsonZh.stdout).errors[0].reason).toContain('must be an ISO 8601 date-time');
    }, 60_000);

    it('lists the warning of a row imported with a resident ID that fails its check, in either language', async () => {
      const zh = await runCli(['--db', url, 'import', 'lab-results', '-'], ZH, LAB_RESULTS);
      expect(zh.code, zh.stderr).toBe(0);
      const lines = zh.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^stdin：已导入 — 共 2 条，接受 2 条/);
      expect(lines.slice(1)).toEqual([
        '1 条警告：记录已导入，请核对以下字段',
        '  第 3 行，resident_id 列：校验码与前 17 位不符（GB 11643）；已保留，但不用于关联人员',
      ]);

      const en = await runCli(['--db', url, 'import', 'lab-results', '-', '--json'], {}, LAB_RESULTS);
      expect(JSON.parse(en.stdout).warnings).toMatchObject([
        { line: 3, field: 'resident_id', code: 'identifier-kept-invalid' },
      ]);
      const text = await runCli(['--db', url, 'import', 'lab-results', '-'], {}, LAB_RESULTS);
      expect(text.stdout).toContain(
        '1 warning: the record was imported; check its field\n  line 3, resident_id: its check character does not match its first 17 digits (GB 11643); kept, but not used to link persons',
      );
      // Never the number itself.
      expect(zh.stdout + text.stdout).not.toContain(WRONG_CHECK_ID.slice(0, 17));
    }, 60_000);

    it('says what the sources and users commands did in Chinese', async () => {
      const added = await runCli(
        ['--db', url, 'sources', 'add', '--name', '芦淞检验所', '--type', 'lab', '--id', 'lang-lab'],
        ZH,
      );
      expect(added.code).toBe(0);
      expect(added.stdout).toMatch(
        /^已登记检测机构类数据源“芦淞检验所”，编号 lang-lab\nAPI 密钥（只显示这一次）：szk_/,
      );
      const keys = await runCli(['--db', url, 'sources', 'keys', 'lang-lab'], ZH);
      expect(keys.stdout).toContain('最近使用 从未使用');
      const disabled = await runCli(
        ['--db', url, 'sources', 'disable', 'lang-lab', '--reason', '协议复核中'],
        ZH,
      );
      expect(disabled.stdout.trim()).toBe('已停用数据源 lang-lab“芦淞检验所”：协议复核中');
      const enabled = await runCli(['--db', url, 'sources', 'enable', 'lang-lab'], ZH);
      expect(enabled.stdout.trim()).toBe('已启用数据源 lang-lab“芦淞检验所”');
      const user = await runCli(
        [
          '--db',
          url,
          'users',
          'add',
          '--username',
          'lang-clerk',
          '--role',
          'data_source',
          '--source',
          'lang-lab',
          '--password',
          'a long test passphrase',
        ],
        ZH,
      );
      expect(user.stdout).toMatch(
        /^已创建数据提供方账号 lang-clerk（usr_\w+），以数据源 lang-lab 的名义报送\n$/,
      );
    }, 60_000);

    it('writes errors on stderr in Chinese, translating reasons that have a code', async () => {
      const noPassword = await runCli(
        ['--db', url, 'users', 'add', '--username', 'lang-x', '--role', 'analyst'],
        { ...ZH, SHUZHI_NEW_PASSWORD: '' },
      );
      expect(noPassword.code).toBe(2);
      expect(noPassword.stderr).toBe(
        '错误：需要密码：--password 或 SHUZHI_NEW_PASSWORD\n  - 字段 password：必填\n',
      );
      const badType = await runCli(['--db', url, 'sources', 'add', '--name', 'x', '--type', 'clinic'], ZH);
      expect(badType.stderr).toContain('错误：未知的数据源类型“clinic”');
      const unknownSource = await runCli(
        ['--db', url, 'import', 'checkins', '-', '--source', 'lang-none'],
        ZH,
        CHECKINS,
      );
      expect(unknownSource.stderr).toContain('字段 source：没有此编号的数据源');
      const unreadable = await runCli(['--db', url, 'import', 'checkins', '/nonexistent/x.csv'], ZH);
      expect(unreadable.stderr).toBe('错误：无法读取 /nonexistent/x.csv：ENOENT\n  - 字段 file：无法读取\n');
      // A refusal whose message is its coded reason is told wholly in Chinese.
      await runCli([
        '--db',
        url,
        'sources',
        'add',
        '--name',
        '停用所',
        '--type',
        'venue',
        '--id',
        'lang-off',
      ]);
      await runCli(['--db', url, 'sources', 'disable', 'lang-off', '--reason', 'test']);
      const disabled = await runCli(
        ['--db', url, 'import', 'checkins', '-', '--source', 'lang-off'],
        ZH,
        CHECKINS,
      );
      expect(disabled.stderr).toMatch(/^错误：数据源 lang-off 已停用：重新启用前/);
      expect(disabled.stderr).not.toMatch(/disabled/);
      // An unknown --lang is itself the error, told in the locale's language.
      const badLang = await runCli(['--db', url, '--lang', 'fr', 'sources', 'keys', 'lang-off']);
      expect(badLang.code).toBe(2);
      expect(badLang.stderr).toContain('error: --lang fr: one of en, zh-CN');
    }, 60_000);

    it('reports migrations and the person index in Chinese', async () => {
      const migrated = await runCli(['--db', url, 'migrate'], ZH);
      expect(migrated.stdout).toMatch(/：已是最新（共 \d+ 个迁移）\n$/);
      const linkage = await runCli(['--db', url, 'linkage', 'export'], ZH);
      expect(linkage.stdout).toMatch(/^共 \d+ 人，来自 \d+ 条数据源记录（其中 \d+ 人关联了不止一条记录）\n$/);
    }, 60_000);

    it('keeps --help usable with the option', async () => {
      const help = await runCli(['--help'], ZH);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('--lang <language>');
    });
  });
}
