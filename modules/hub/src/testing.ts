/** Test wiring for the hub: identity + hub over a test database, with a fixed clock. */
import { FixedClock } from '@shuzhi/core';
import type { Database, MigrationMap } from '@shuzhi/db';
import {
  createIdentityModule,
  identityMigrations,
  systemContext,
  type AccessContext,
  type IdentityModule,
} from '@shuzhi/identity';
import { createHubModule, type HubModule } from './hub.module.js';
import { hubMigrations } from './hub.migrations.js';

export { WebhookReceiver } from './feed/webhook-receiver.testing.js';

export const hubTestMigrations: MigrationMap = { ...identityMigrations, ...hubMigrations };

export interface HubFixture {
  clock: FixedClock;
  identity: IdentityModule;
  hub: HubModule;
  ctx: AccessContext;
}

export function hubFixture(database: Database): HubFixture {
  const clock = new FixedClock('2026-03-01T08:00:00Z');
  const identity = createIdentityModule(database, clock, {
    sessionTtlHours: 1,
    loginMaxAttempts: 5,
    loginWindowMinutes: 15,
  });
  const hub = createHubModule(database, clock, identity, { defaultDwellMinutes: 60, feedPollIntervalMs: 0 });
  return { clock, identity, hub, ctx: systemContext('test', 'data_quality', clock) };
}
