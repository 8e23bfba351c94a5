/**
 * A hub on a benchmark's database: migrated, with a fixed clock and one registered laboratory that the
 * benchmark's files are imported for.
 */
import { FixedClock } from '../../packages/core/src/index.js';
import { migrateToLatest, type Database } from '../../packages/db/src/index.js';
import { createIdentityModule, identityMigrations } from '../../modules/identity/src/index.js';
import {
  createHubModule,
  hubMigrations,
  type HubModule,
  type HubOptions,
} from '../../modules/hub/src/index.js';

export async function openBenchHub(
  database: Database,
  sourceId: string,
  data?: HubOptions['data'],
): Promise<HubModule> {
  await migrateToLatest(database, { ...identityMigrations, ...hubMigrations });
  const clock = new FixedClock('2026-03-01T08:00:00Z');
  const identity = createIdentityModule(database, clock, {
    sessionTtlHours: 1,
    loginMaxAttempts: 5,
    loginWindowMinutes: 15,
  });
  const hub = createHubModule(database, clock, identity, {
    defaultDwellMinutes: 60,
    feedPollIntervalMs: 0,
    ...(data ? { data } : {}),
  });
  await hub.sources.addSource({
    id: sourceId,
    name: 'Benchmark laboratory',
    type: 'lab',
    areaCode: '4302',
  } as never);
  return hub;
}
