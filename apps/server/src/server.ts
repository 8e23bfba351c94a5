/**
 * Runs the platform as a network service: open the database, migrate, seed the demo city when asked,
 * listen, and shut down gracefully on SIGTERM/SIGINT — stop accepting, finish in-flight requests,
 * write the last audit entries, close the database.
 */
import { AppError, databaseUrlProblem, type Clock, type Config } from '@shuzhi/core';
import { buildApp, type App } from './app.js';
import { createPlatform, type Platform } from './platform.js';
import { DEMO_PASSWORD, seedDemoAccounts } from './seed/demo-accounts.js';
import { seedDemoCityOnFirstStart } from './seed/demo-city.js';
import { missingWebAppNotice } from './static.js';

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
/**
 * How long a shutdown waits for running imports to stop at their next batch boundary (normally well under a
 * second). Container runtimes kill after 10–30 s; an import still running then is rolled back by the kill.
 */
const IMPORT_STOP_WAIT_MS = 6_000;
/**
 * The longest a signalled shutdown takes. What may still run then is the change feed's in-process
 * subscribers catching up on a backlog (a large import just committed): their cursors are durable and they
 * resume at the next start, so the process exits rather than outlast the runtime's patience (Docker kills
 * 10 s after SIGTERM).
 */
const SIGNAL_SHUTDOWN_MS = 7_000;

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const started = Date.now();
  refuseUnusableDatabase(config.db);
  const platform = await createPlatform(config, options.clock ? { clock: options.clock } : {});
  const interrupted = await platform.hub.imports.failInterruptedJobs();
  const leftovers = await platform.hub.imports.discardLeftoverUploads();
  if (leftovers > 0) print(`${leftovers} upload file(s) left by the last shutdown were deleted`);
  if (interrupted > 0)
    print(`${interrupted} import(s) whose process is gone were marked failed (nothing of them was applied)`);
  if (options.seedDemo) {
    const created = await seedDemoAccounts(platform.identity, platform.hub);
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
  const webNotice = missingWebAppNotice(config.webDist);
  if (webNotice) {
    print(webNotice);
    app.app.log.warn(webNotice);
  }
  platform.hub.feed.onFailure((subscriber, error) =>
    app.app.log.warn({ err: error, subscriber }, 'change-feed subscriber failed; retried at the next poll'),
  );
  await platform.hub.start();
  const address = await app.app
    .listen({ port: config.port, host: config.host })
    .catch(async (error: unknown) => {
      await app.app.close();
      await platform.hub.stop();
      await platform.close();
      throw describeListenFailure(error, config) ?? error;
    });
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
      // A running import would otherwise hold the shutdown until it ends (minutes for a city's file): it stops
      // at its next batch boundary instead, rolled back (all or nothing) or keeping what it stored (partial).
      const imports = platform.hub.imports.stopRunning(IMPORT_STOP_WAIT_MS).then((stopped) => {
        if (stopped > 0) print(`${stopped} running import(s) stopped; their jobs say what was kept`);
      });
      await app.app.close();
      await imports;
      await platform.hub.stop();
      await platform.close();
    })();
    return stopping;
  };
  if (options.handleSignals !== false) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        print(`${signal}: finishing in-flight requests and shutting down`);
        setTimeout(() => {
          print(
            `shutdown still busy after ${SIGNAL_SHUTDOWN_MS / 1000} s (change-feed subscribers catching up); exiting: they resume from their cursors at the next start`,
          );
          process.exit(0);
        }, SIGNAL_SHUTDOWN_MS).unref();
        stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  }
  return { platform, app, url, stop };
}

/**
 * `--db sqlite:` reaches here without the configuration's check (options are not environment variables):
 * an empty path would serve from memory and lose every record at restart.
 */
function refuseUnusableDatabase(db: string): void {
  const problem = databaseUrlProblem(db);
  if (problem)
    throw new AppError('invalid_input', `invalid configuration: SHUZHI_DB (or --db): ${problem}`, {
      issues: [{ field: 'SHUZHI_DB', reason: problem }],
    });
}

/** Listening fails on an address this machine does not have, or a port taken or reserved. */
export function describeListenFailure(error: unknown, config: Config): AppError | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const onHost: Record<string, string> = {
    ENOTFOUND: 'no such host name',
    EAI_AGAIN: 'the host name could not be looked up (DNS)',
    EADDRNOTAVAIL: 'not an address of this machine',
    EAFNOSUPPORT: 'an address family this machine does not support',
    EINVAL: 'not a valid address to listen on',
  };
  const onPort: Record<string, string> = {
    EADDRINUSE: 'already in use by another process',
    EACCES: 'a port below 1024 needs privileges this user does not have',
  };
  const hostReason = code ? onHost[code] : undefined;
  if (hostReason) {
    const reason = `cannot listen on "${config.host}": ${hostReason} (${message}); use an address of this machine (0.0.0.0 for every interface, 127.0.0.1 for this machine only) or a name that resolves to one`;
    return new AppError('invalid_input', `SHUZHI_HOST: ${reason}`, {
      cause: error,
      issues: [{ field: 'SHUZHI_HOST', reason }],
    });
  }
  const portReason = code ? onPort[code] : undefined;
  if (portReason) {
    const reason = `cannot listen on port ${config.port} (host ${config.host}): ${portReason} (${message})`;
    return new AppError('unavailable', `PORT (or --port): ${reason}`, {
      cause: error,
      issues: [{ field: 'PORT', reason }],
    });
  }
  return undefined;
}
