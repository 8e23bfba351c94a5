/**
 * Runs the platform as a network service: open the database, migrate, seed the demo city when asked,
 * listen, and shut down gracefully on SIGTERM/SIGINT — stop accepting, finish in-flight requests,
 * write the last audit entries, close the database.
 */
import type { Clock, Config } from '@shuzhi/core';
import { buildApp, type App } from './app.js';
import { createPlatform, type Platform } from './platform.js';
import { DEMO_PASSWORD, seedDemoAccounts } from './seed/demo-accounts.js';
import { seedDemoCityOnFirstStart } from './seed/demo-city.js';

export interface RunningServer {
  platform: Platform;
  app: App;
  url: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  seedDemo?: boolean;
  /** Install SIGTERM/SIGINT handlers (default true; tests pass false). */
  handleSignals?: boolean;
  print?: (line: string) => void;
  /** The platform's clock (default the system clock; tests move a fixed one). */
  clock?: Clock;
  /** How often follow-ups are raised in the background (default every minute). */
  followUpSweepMs?: number;
}

const FOLLOW_UP_SWEEP_MS = 60_000;

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const started = Date.now();
  const platform = await createPlatform(config, options.clock ? { clock: options.clock } : {});
  const interrupted = await platform.hub.imports.failInterruptedJobs();
  const leftovers = await platform.hub.imports.discardLeftoverUploads();
  if (leftovers > 0) print(`${leftovers} upload file(s) left by the last shutdown were deleted`);
  if (interrupted > 0)
    print(
      `${interrupted} import(s) interrupted by the last shutdown were marked failed (nothing of them was applied)`,
    );
  if (options.seedDemo) {
    const created = await seedDemoAccounts(platform.identity);
    if (created.length > 0) {
      print('Demo accounts (password for all: ' + DEMO_PASSWORD + '):');
      for (const a of created)
        print(
          `  ${a.username.padEnd(10)} ${a.role.padEnd(15)} ${a.areaCode ?? 'all areas'}  ${a.displayName}`,
        );
    }
    // First start only: the synthetic city with an outbreak in progress, through the import paths.
    if (platform.config.demoPeople > 0) await seedDemoCityOnFirstStart(platform, print);
  }
  // The news gazetteer's indexes take 2–4 s of CPU: build them before listening, so no request waits
  // (or is shed as overload) while they are built.
  await platform.signals.warmUp();
  const app = await buildApp(platform);
  platform.hub.webhooks.start();
  const address = await app.app.listen({ port: config.port, host: config.host });
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  // News feeds are polled in the background from now on.
  platform.signals.poller.start((error) => app.app.log.warn({ err: error }, 'news feed poll round failed'));
  // Indicators follow the hub's change feed; detection also runs hourly; alert webhooks are delivered.
  await platform.surveillance.start((error) =>
    app.app.log.warn({ err: error }, 'early-warning background work failed'),
  );
  // Contact tracing: the presence index is built in the background, then follows imports; confirmed cases are traced.
  await platform.tracing.start((error) =>
    app.app.log.warn({ err: error }, 'contact-tracing background work failed'),
  );
  // Asymptomatic detection (S8): follow-ups are raised every minute, whether or not anyone is looking.
  const sweeper = setInterval(() => {
    platform.hub.data.facts
      .sweep()
      .catch((error: unknown) => app.app.log.warn({ err: error }, 'follow-up sweep failed'));
  }, options.followUpSweepMs ?? FOLLOW_UP_SWEEP_MS);
  sweeper.unref();
  print(
    `Shuzhi (数治) is serving on ${url} (database ${platform.database.description}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      clearInterval(sweeper);
      app.stopAcceptingTraffic();
      await app.app.close();
      await platform.hub.webhooks.stop();
      await platform.close();
    })();
    return stopping;
  };
  if (options.handleSignals !== false) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        print(`${signal}: finishing in-flight requests and shutting down`);
        stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  }
  return { platform, app, url, stop };
}
