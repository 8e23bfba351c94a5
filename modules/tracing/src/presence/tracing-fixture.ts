/** Test wiring: identity, hub and tracing over a test database, a fixed clock, imports as the platform runs them. */
import { FixedClock } from '@shuzhi/core';
import type { Database, MigrationMap } from '@shuzhi/db';
import { createHubModule, hubMigrations, type HubModule, type ImportReport } from '@shuzhi/hub';
import {
  createIdentityModule,
  identityMigrations,
  systemContext,
  type AccessContext,
  type IdentityModule,
} from '@shuzhi/identity';
import { tracingMigrations } from '../tracing.migrations.js';
import { createTracingModule, type TracingModule } from '../tracing.module.js';
import { hubCases } from '../workflow/hub-cases.js';

export const tracingTestMigrations: MigrationMap = {
  ...identityMigrations,
  ...hubMigrations,
  ...tracingMigrations,
};

export interface TracingFixture {
  clock: FixedClock;
  identity: IdentityModule;
  hub: HubModule;
  tracing: TracingModule;
  ctx: AccessContext;
  importCsv(kind: string, text: string, options?: { partial?: boolean }): Promise<ImportReport>;
}

export function tracingFixture(database: Database, now = '2026-03-10T00:00:00Z'): TracingFixture {
  const clock = new FixedClock(now);
  const identity = createIdentityModule(database, clock, {
    sessionTtlHours: 1,
    loginMaxAttempts: 5,
    loginWindowMinutes: 15,
  });
  const hub = createHubModule(database, clock, identity, { defaultDwellMinutes: 60, feedPollIntervalMs: 0 });
  const tracing = createTracingModule(
    database,
    clock,
    { feed: hub.feed, persons: hub.persons, audit: identity.audit, cases: hubCases(hub.data.facts) },
    { presenceRetentionDays: 28 },
  );
  for (const handler of [...hub.data.importHandlers, ...tracing.importHandlers])
    hub.imports.register(handler);
  const ctx = systemContext('test', 'contact_tracing', clock);
  return {
    clock,
    identity,
    hub,
    tracing,
    ctx,
    importCsv: (kind, text, options = {}) =>
      hub.imports.run(ctx, { kind, fileName: `${kind}.csv`, text, partial: options.partial ?? false }),
  };
}

/** CSV text from a header and rows. */
export function csv(header: string, rows: readonly string[]): string {
  return `${[header, ...rows].join('\n')}\n`;
}
