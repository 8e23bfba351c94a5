/**
 * Turns the database's and the file system's own errors into messages an operator can act on: which
 * database, what went wrong, what to check. SQLite alone says "unable to open database file" or
 * "database is locked" without naming the file or the cause.
 */
import { redactUrl } from '@shuzhi/db';
import type { CliLanguage } from './language.js';

/** SQLite result codes (https://sqlite.org/rescode.html) and Node file-system codes an operator can fix. */
const hints: { match: (code: string) => boolean; hint: Record<CliLanguage, string> }[] = [
  {
    match: (c) => c === 'SQLITE_BUSY',
    hint: {
      en: 'another process has held its write lock for longer than the 10 s wait (a large import?); try again when it has finished',
      'zh-CN': '另一个进程占用写锁超过了 10 秒的等待时间（可能在进行大批量导入）；请待其完成后重试',
    },
  },
  {
    match: (c) => c === 'SQLITE_CANTOPEN',
    hint: {
      en: 'check that the path is a file (not a folder), that its folder exists, and that the folder is writable by this user on a disk mounted read-write (SQLite creates the -wal and -shm files beside it)',
      'zh-CN':
        '请检查该路径是文件（而非文件夹）、所在文件夹存在，且该文件夹位于可读写挂载的磁盘上、当前用户可写（SQLite 会在旁边创建 -wal 和 -shm 文件）',
    },
  },
  {
    match: (c) => c.startsWith('SQLITE_READONLY') || c === 'EROFS' || c === 'EACCES' || c === 'EPERM',
    hint: {
      en: 'the database file or its folder is read-only for this user (SQLite also writes the -wal and -shm files beside it)',
      'zh-CN': '数据库文件或其所在文件夹对当前用户只读（SQLite 还要在旁边写 -wal 和 -shm 文件）',
    },
  },
  {
    match: (c) => c === 'SQLITE_FULL' || c === 'ENOSPC',
    hint: { en: 'the disk is full', 'zh-CN': '磁盘已满' },
  },
  {
    match: (c) => c.startsWith('SQLITE_IOERR'),
    hint: {
      en: 'the disk reported an I/O error (full, failing or removed?)',
      'zh-CN': '磁盘报告了 I/O 错误（已满、故障或被移除？）',
    },
  },
  {
    match: (c) => c === 'SQLITE_CORRUPT' || c === 'SQLITE_NOTADB',
    hint: { en: 'the file is not an intact SQLite database', 'zh-CN': '该文件不是完好的 SQLite 数据库' },
  },
  {
    match: (c) => c === 'ENOTDIR',
    hint: { en: 'a part of the path is a file, not a folder', 'zh-CN': '路径中有一段是文件而不是文件夹' },
  },
];

/**
 * Kysely answers a transaction that SQLite has already rolled back by itself (on a full disk, an I/O
 * error) with this message, which hides the first error; say what usually causes it.
 */
const ABORTED_TRANSACTION = 'cannot rollback - no transaction is active';

/**
 * A clearer message for a database or file-system error, or undefined when it is not one of those. Only
 * SQLite's errors are put on the database; a file-system error already names the path it is about.
 */
export function describeDatabaseError(
  error: unknown,
  database: string,
  language: CliLanguage = 'en',
): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const zh = language === 'zh-CN';
  const where = zh ? `数据库 ${redactUrl(database)}` : `database ${redactUrl(database)}`;
  if (error.message.includes(ABORTED_TRANSACTION))
    return zh
      ? `${where}：SQLite 中止了该事务（${error.message}）；其内容均未保存 —— 最常见的原因是磁盘已满或文件变得不可写`
      : `${where}: SQLite aborted the transaction (${error.message}); nothing of it was stored — most often the disk is full or the file became unwritable`;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return undefined;
  const known = hints.find((h) => h.match(code))?.hint[language];
  const colon = zh ? '：' : ': ';
  // A file-system error names its own path (the database's folder, an --out folder, an input file).
  if (!code.startsWith('SQLITE_')) return known ? `${error.message} — ${known}` : undefined;
  return known ? `${where}${colon}${error.message} — ${known}` : `${where}${colon}${error.message} (${code})`;
}
