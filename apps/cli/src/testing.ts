/** Runs the real `shuzhi` command in a child process, as a user would. */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHUZHI_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'shuzhi.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `shuzhi` with `args`. The output's language follows the locale: the runner's own (LC_ALL, LC_MESSAGES,
 * LANG) is replaced by English (`LANG=C.UTF-8`) unless `env` sets one, so a test reads what it expects anywhere.
 */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  const { LC_ALL: _all, LC_MESSAGES: _messages, LANG: _lang, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SHUZHI_BIN, ...args], {
      env: { ...inherited, LANG: 'C.UTF-8', SHUZHI_LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}
