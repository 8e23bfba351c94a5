/**
 * Early warning run against the simulator's city, prospectively: each simulated day's indicators
 * (`indicators.csv` rows, by district and for the city) are imported through the `indicators` import kind
 * as they would arrive, detection runs on what changed, and the alerts raised are compared with the truth
 * (where and when the planted cluster began). The database is the caller's (a fresh test database).
 */
import { FixedClock } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import { ancestorAt } from '@shuzhi/geo';
import { systemContext } from '@shuzhi/identity';
import { CitySimulation, clusterMembers, type SimulationInput } from '@shuzhi/sim';
import { parseIndicatorsCsv } from '../../indicators/indicators-import.handler.js';
import type { RuleUpdate } from '../alerts.schema.js';
import { createSurveillanceModule } from '../../surveillance.module.js';
import type { ClusterTruth, RaisedAlert } from './warning-scores.js';

export interface SimulatedWarning {
  alerts: RaisedAlert[];
  cluster: ClusterTruth | null;
  firstDate: string;
  lastDate: string;
  days: number;
  infections: number;
  /** CPU-independent cost of the platform side: milliseconds spent importing and detecting. */
  platformMs: number;
}

const noFeed = {
  publish: async () => undefined,
  notify: () => undefined,
  subscribe: async () => undefined,
};

/** The local day (UTC+8) of a simulation minute's ISO time (which carries +08:00). */
function localDay(iso: string): string {
  return iso.slice(0, 10);
}

export interface WarningRunOptions {
  /** Changes to the detection rules before the run (e.g. to compare settings). */
  rules?: Record<string, RuleUpdate>;
  onDay?: (day: number, total: number) => void;
}

export async function runWarningOnSimulation(
  database: Database,
  simulation: SimulationInput,
  options: WarningRunOptions = {},
): Promise<SimulatedWarning> {
  const sim = new CitySimulation(simulation);
  const clock = new FixedClock(`${sim.city.clock.dateOfDay(0)}T00:00:00+08:00`);
  const module = createSurveillanceModule(
    database,
    clock,
    { feed: noFeed, audit: { record: async () => undefined } },
    { homeArea: '4302', scheduleIntervalMs: 0 },
  );
  const ctx = systemContext('warning-evaluation', 'surveillance', clock);
  for (const [id, update] of Object.entries(options.rules ?? {}))
    await module.alerts.updateRule(ctx, id, update);
  let platformMs = 0;
  let infections = 0;
  let firstDate = '';
  let lastDate = '';
  for (const day of sim.days()) {
    infections += day.newInfections;
    firstDate ||= day.date;
    lastDate = day.date;
    // The day's figures arrive in the evening, as the daily reports do.
    clock.set(`${day.date}T22:00:00+08:00`);
    const csv = [
      'area,indicator,date,count',
      ...day.indicators.map((r) => `${r.area},${r.indicator},${r.date},${r.count}`),
    ].join('\n');
    const started = performance.now();
    const parsed = parseIndicatorsCsv(csv);
    if (parsed.issues.length > 0)
      throw new Error(`simulated indicators refused: ${JSON.stringify(parsed.issues[0])}`);
    await database.db
      .transaction()
      .execute((trx) =>
        module.importHandler.apply(trx, parsed.records, { ctx, sourceId: null, progress: () => undefined }),
      );
    await module.importHandler.afterCommit?.();
    await module.drain();
    platformMs += performance.now() - started;
    options.onDay?.(day.day + 1, sim.options.days);
  }
  const alerts: RaisedAlert[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await module.alerts.list(ctx, {}, { limit: 500, offset, order: 'asc', sort: 'firstAlarm' });
    alerts.push(
      ...page.items.map((a) => ({
        area: a.area.code,
        indicator: a.indicator,
        level: a.level,
        firstAlarmDate: a.firstAlarmDate,
        alarmDays: a.alarmDays,
        algorithms: a.algorithms,
      })),
    );
    if (page.items.length < 500) break;
  }
  await module.stop();
  return {
    alerts,
    cluster: clusterTruth(sim),
    firstDate,
    lastDate,
    days: sim.options.days,
    infections,
    platformMs,
  };
}

function clusterTruth(sim: CitySimulation): ClusterTruth | null {
  const { cluster, areas, epidemic, clock } = sim.city;
  if (!cluster) return null;
  const street = areas.streets[cluster.street]!.code;
  const index = clusterMembers(cluster, epidemic).find((m) => m.role === 'index')!;
  return {
    street,
    district: ancestorAt(street, 'district')!.code,
    firstInfection: localDay(clock.iso(epidemic.infectedAt[index.person]!)),
    start: localDay(clock.iso(cluster.start)),
  };
}
