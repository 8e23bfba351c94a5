/**
 * Test wiring for indicator-based early warning: identity (for the audit trail) and the surveillance
 * module over a test database, a fixed clock, a change feed that records what was published and hands
 * events to subscribers on demand, access contexts as the gatekeeper builds them, and CSV helpers.
 */
import { FixedClock } from '@shuzhi/core';
import type { Database, MigrationMap } from '@shuzhi/db';
import type { FeedEvent, NewFeedEvent, Subscription } from '@shuzhi/hub';
import {
  createIdentityModule,
  identityMigrations,
  type AccessContext,
  type IdentityModule,
} from '@shuzhi/identity';
import { addDays } from '../indicators/local-date.js';
import { surveillanceMigrations } from '../surveillance.migrations.js';
import {
  createSurveillanceModule,
  type SurveillanceModule,
  type SurveillanceModuleOptions,
} from '../surveillance.module.js';

export const surveillanceTestMigrations: MigrationMap = { ...identityMigrations, ...surveillanceMigrations };

/** Records what is published and lets a test deliver feed events to the subscribers. */
export class RecordingFeed {
  readonly published: NewFeedEvent[] = [];
  readonly subscriptions: Subscription[] = [];
  notified = 0;
  private seq = 0;

  async publish(_executor: unknown, events: NewFeedEvent[]): Promise<void> {
    this.published.push(...events);
  }
  notify(): void {
    this.notified += 1;
  }
  async subscribe(subscription: Subscription): Promise<void> {
    this.subscriptions.push(subscription);
  }
  topics(): string[] {
    return this.published.map((e) => e.topic);
  }
  /** Turns new events into stored ones (seq, at) as the hub's feed would. */
  stamp(events: readonly NewFeedEvent[], at: string): FeedEvent[] {
    return events.map((e) => ({
      seq: ++this.seq,
      at,
      personId: null,
      areaCode: null,
      sourceId: null,
      payload: {},
      ...e,
    }));
  }
  /** Delivers events to every subscriber that wants their topics. */
  async deliver(events: readonly FeedEvent[]): Promise<void> {
    for (const s of this.subscriptions) {
      const wanted = s.topics ? events.filter((e) => s.topics!.includes(e.topic)) : [...events];
      if (wanted.length > 0) await s.handle(wanted);
    }
  }
}

export interface SurveillanceFixture {
  clock: FixedClock;
  identity: IdentityModule;
  feed: RecordingFeed;
  module: SurveillanceModule;
  /** A city-wide epidemiologist, an analyst of Hetang District, as the gatekeeper builds them. */
  epi: AccessContext;
  hetang: AccessContext;
}

export function surveillanceFixture(
  database: Database,
  options: Partial<SurveillanceModuleOptions> & { now?: string } = {},
): SurveillanceFixture {
  const clock = new FixedClock(options.now ?? '2022-03-21T04:00:00Z');
  const identity = createIdentityModule(database, clock, {
    sessionTtlHours: 1,
    loginMaxAttempts: 5,
    loginWindowMinutes: 15,
  });
  const feed = new RecordingFeed();
  const module = createSurveillanceModule(
    database,
    clock,
    { feed, audit: identity.audit },
    // Webhook tests deliver to an injected client at example hosts that need not resolve: they opt out of the
    // SSRF guard here, and the guard's own tests pass `allowPrivateAddresses: false`.
    { homeArea: '4302', scheduleIntervalMs: 0, allowPrivateAddresses: true, ...options },
  );
  const context = (id: string, role: 'epidemiologist' | 'analyst', areaCode: string): AccessContext => ({
    principal: { kind: 'user', id, role, displayName: id, areaCode },
    purpose: 'surveillance',
    clock,
    disclosed: new Set(),
  });
  return {
    clock,
    identity,
    feed,
    module,
    epi: context('usr_epi', 'epidemiologist', '4302'),
    hetang: context('usr_district', 'analyst', '430202'),
  };
}

/**
 * An `area,indicator,date,count` file: `days` of a steady count (a weekly pattern around `level`) ending
 * the day before `spikeDate`, then `spike` on that date.
 */
export function indicatorsCsv(options: {
  area: string;
  indicator: string;
  spikeDate: string;
  days: number;
  level: number;
  spike: number;
}): string {
  const lines = ['area,indicator,date,count'];
  for (let i = options.days; i >= 1; i--)
    lines.push(
      `${options.area},${options.indicator},${addDays(options.spikeDate, -i)},${options.level + ((i * 7) % 5) - 2}`,
    );
  lines.push(`${options.area},${options.indicator},${options.spikeDate},${options.spike}`);
  return `${lines.join('\n')}\n`;
}
