/** `shuzhi serve`: run the platform's HTTP server (migrates first; `--seed-demo` seeds the demo city). */
import type { Command } from 'commander';
import { startServer } from '@shuzhi/server';
import { configOf } from '../runtime.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the platform over HTTP (default http://localhost:8080)')
    .option('--port <port>', 'port to listen on (or PORT)')
    .option('--seed-demo', 'on first start, create the demo accounts and the demo city')
    .action(async (options: { port?: string; seedDemo?: boolean }, command: Command) => {
      const config = configOf(command, { logLevel: undefined as never });
      const withPort = options.port ? { ...config, port: Number(options.port) } : config;
      const logLevel = process.env['SHUZHI_LOG_LEVEL'] ?? 'info';
      await startServer(
        { ...withPort, logLevel: logLevel as typeof config.logLevel },
        { seedDemo: options.seedDemo ?? false },
      );
    });
}
