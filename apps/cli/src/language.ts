/**
 * The language of the CLI's human-readable output (DESIGN.md: the interface speaks Simplified Chinese and
 * English): `--lang`, else the locale the shell sets for messages, else English. `--json` is the same in both.
 */
import { AppError } from '@shuzhi/core';

export type CliLanguage = 'en' | 'zh-CN';

/** What `--lang` accepts: the two languages, and the spellings a locale gives them (`zh`, `zh_CN`). */
export function parseLanguage(text: string): CliLanguage {
  if (/^en([-_].*)?$/i.test(text)) return 'en';
  if (/^zh([-_].*)?$/i.test(text)) return 'zh-CN';
  throw new AppError('invalid_input', `--lang ${text}: one of en, zh-CN`, {
    issues: [{ field: '--lang', reason: 'one of en, zh-CN' }],
  });
}

/**
 * The language a locale asks for. POSIX order: `LC_ALL` overrides `LC_MESSAGES`, which overrides `LANG`; the
 * first one set decides (`zh_CN.UTF-8`, `zh_TW`, `zh` → Chinese; `C`, `en_US.UTF-8`, anything else → English).
 */
export function languageOfLocale(env: Readonly<Record<string, string | undefined>>): CliLanguage {
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  return locale !== undefined && /^zh([-_.@]|$)/i.test(locale) ? 'zh-CN' : 'en';
}

/** `--lang` when given (checked), else the locale's. */
export function cliLanguage(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): CliLanguage {
  return option === undefined ? languageOfLocale(env) : parseLanguage(option);
}
