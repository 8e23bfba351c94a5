/**
 * The platform: one database, one clock, every module wired together. Built once by `shuzhi serve` (and
 * by every CLI command and test) and handed to the HTTP app; modules talk through these services only.
 */
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { systemClock, type Clock, type Config } from '@shuzhi/core';
import { migrateToLatest, openDatabase, type Database, type MigrationReport } from '@shuzhi/db';
import { createIdentityModule, type IdentityModule } from '@shuzhi/identity';
import { createHubModule, type HubModule } from '@shuzhi/hub';
import { demoCityCode } from '@shuzhi/geo';
import {
  createSignalsModule,
  createSurveillanceModule,
  type SignalsModule,
  type SurveillanceModule,
} from '@shuzhi/surveillance';
import { createTracingModule, hubCases, type TracingModule } from '@shuzhi/tracing';
import { allMigrations } from './migrations.js';
import { describeConnectionFailure } from './connection-failure.js';

export interface Platform {
  config: Config;
  database: Database;
  clock: Clock;
  identity: IdentityModule;
  hub: HubModule;
  /** Event-based surveillance: news items, signals and their triage, the feed poller. */
  signals: SignalsModule;
  /** Indicator-based early warning: indicator series, detection, alerts and triage, the command centre. */
  surveillance: SurveillanceModule;
  /** Contact tracing: presence imports and the live index, automatic tracing and tasks, chains and clusters. */
  tracing: TracingModule;
  migration: MigrationReport | null;
  close(): Promise<void>;
}

export interface PlatformOptions {
  clock?: Clock;
  /** Run migrations before returning (default true). */
  migrate?: boolean;
  /** Use an already open database (tests). */
  database?: Database;
  /** Folder for uploads being imported (tests); default {@link importSpoolDirectory}. */
  importSpoolDirectory?: string;
}

/**
 * Where HTTP uploads are spooled while they are imported: beside the embedded database (the data folder, on
 * a disk sized for data — the system temp folder may be a small RAM disk), else the system temp folder
 * (`TMPDIR` moves it).
 */
export function importSpoolDirectory(db: string): string {
  const file = db.startsWith('sqlite:') ? db.slice('sqlite:'.length) : '';
  return file === '' || file === ':memory:' ? tmpdir() : join(dirname(resolve(file)), 'import-spool');
}

export async function createPlatform(config: Config, options: PlatformOptions = {}): Promise<Platform> {
  const clock = options.clock ?? systemClock;
  const database =
    options.database ??
    openDatabase(config.db, {
      sqliteSynchronous: config.sqliteSynchronous,
      sqliteCacheMb: config.sqliteCacheMb,
    });
  // The first contact with the database: an unreachable PostgreSQL is named here, for the server and the CLI.
  const migration =
    options.migrate === false
      ? null
      : await migrateToLatest(database, allMigrations).catch((error: unknown) => {
          throw describeConnectionFailure(error, config.db) ?? error;
        });
  const identity = createIdentityModule(database, clock, {
    sessionTtlHours: config.sessionTtlHours,
    loginMaxAttempts: config.loginMaxAttempts,
    loginWindowMinutes: config.loginWindowMinutes,
  });
  const hub = createHubModule(database, clock, identity, {
    defaultDwellMinutes: config.defaultDwellMinutes,
    allowPrivateAddresses: config.allowPrivateOutbound,
  });
  // An open database given by the caller need not be the one config.db names: no data folder to use then.
  const spoolDirectory =
    options.importSpoolDirectory ?? (options.database ? tmpdir() : importSpoolDirectory(config.db));
  hub.imports.configureUploads({
    directory: spoolDirectory,
    maxBytes: config.importMaxBytes,
    // Only the folder beside the embedded database is this server's alone.
    ownDirectory: options.importSpoolDirectory === undefined && spoolDirectory !== tmpdir(),
  });
  const signals = createSignalsModule(
    database,
    clock,
    { feed: hub.feed, audit: identity.audit },
    { homeArea: [demoCityCode], allowPrivateAddresses: config.allowPrivateOutbound },
  );
  hub.imports.register(signals.importHandler);
  const surveillance = createSurveillanceModule(
    database,
    clock,
    {
      feed: hub.feed,
      audit: identity.audit,
      dashboard: {
        openSignals: (ctx, limit) => signals.signals.listOpenSignals(ctx, limit),
        listSources: async (ctx) =>
          (await hub.sources.listSources(ctx, {}, { limit: 500, offset: 0, order: 'asc' })).items,
      },
    },
    { homeArea: demoCityCode, allowPrivateAddresses: config.allowPrivateOutbound },
  );
  hub.imports.register(surveillance.importHandler);
  for (const handler of hub.data.importHandlers) hub.imports.register(handler);
  const tracing = createTracingModule(
    database,
    clock,
    { feed: hub.feed, persons: hub.persons, audit: identity.audit, cases: hubCases(hub.data.facts) },
    { presenceRetentionDays: config.presenceRetentionDays },
  );
  for (const handler of tracing.importHandlers) hub.imports.register(handler);
  hub.data.facts.registerTimelineContributor('presence', tracing.timeline);
  return {
    config,
    database,
    clock,
    identity,
    hub,
    signals,
    surveillance,
    tracing,
    migration,
    async close() {
      await signals.poller.stop();
      // The last audit entries first: a signalled shutdown may end (see server.ts) while change-feed
      // subscribers still catch up on a backlog, which they resume from their cursors at the next start.
      await identity.audit.drain();
      await hub.feed.drain();
      await surveillance.stop();
      await tracing.stop();
      await identity.audit.drain();
      if (!options.database) await database.close();
    },
  };
}
