/** `shuzhi serve`: run the platform's HTTP server (migrates first; `--seed-demo` seeds the demo city). */
import type { Command } from 'commander';
import { AppError } from '@shuzhi/core';
import { startServer } from '@shuzhi/server';
import { configOf } from '../runtime.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the platform over HTTP (default http://localhost:8080)')
    .option('--port <port>', 'port to listen on (or PORT)')
    .option('--seed-demo', 'on first start, create the demo accounts and the demo city')
    .action(async (options: { port?: string; seedDemo?: boolean }, command: Command) => {
      // The other commands log at warn; the server logs at SHUZHI_LOG_LEVEL (default info), validated.
      const config = configOf(command, { logLevel: undefined as never });
      const withPort = options.port === undefined ? config : { ...config, port: parsePort(options.port) };
      await startServer(withPort, { seedDemo: options.seedDemo ?? false });
    });
}

/** The same range PORT allows (0 lets the system choose); Node's own message would not name the option. */
function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new AppError('invalid_input', `--port ${text}: a whole number from 0 to 65535`, {
      issues: [{ field: 'port', reason: 'a whole number from 0 to 65535' }],
    });
  return port;
}
