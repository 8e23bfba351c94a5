/**
 * SQL for alerts: the latest episode of an area and indicator, alerts and their alarms (evidence, one row
 * per day and rule, so re-detection stores nothing twice), triage decisions with an optimistic status
 * check, paged lists within an area scope, and detection runs.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { areaScopePrefix, type ListParams, type Page } from '@shuzhi/core';
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import type { CountIndicator } from '../indicators/indicator-catalogue.js';
import type { SeriesLevel } from '../indicators/indicator-areas.js';
import type { AlertLevel } from './alert-levels.js';
import type { AlertStatus } from './episodes.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Executor = Kysely<any> | Transaction<any>;

export interface AlertRow {
  id: string;
  area_code: string;
  area_level: SeriesLevel;
  indicator: CountIndicator;
  status: AlertStatus;
  level: AlertLevel;
  level_rank: number;
  first_alarm_date: string;
  last_alarm_date: string;
  alarm_days: number;
  latest_observed: number;
  latest_expected: number | null;
  latest_upperbound: number | null;
  peak_ratio: number;
  algorithms: string[];
  level_at_triage: AlertLevel | null;
  opened_at: string;
  updated_at: string;
  escalated_at: string | null;
  triaged_by: string | null;
  triaged_at: string | null;
}

export interface AlarmRow {
  alert_id: string;
  date: string;
  rule_id: string;
  algorithm: string;
  aggregation: string;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  detected_at: string;
}

export interface DecisionRow {
  id: string;
  alert_id: string;
  kind: 'opened' | 'escalated' | 'reopened' | 'triage';
  from_status: string | null;
  to_status: string | null;
  from_level: string | null;
  to_level: string | null;
  note: string | null;
  actor_id: string;
  actor_name: string;
  at: string;
}

export interface RunRow {
  id: string;
  trigger: string;
  as_of: string;
  started_at: string;
  finished_at: string | null;
  series: number;
  alarms: number;
  alerts_opened: number;
  alerts_updated: number;
  error: string | null;
}

export interface AlertFilter {
  statuses?: readonly AlertStatus[];
  /** Only alerts whose area lies in this scope (null: everywhere). */
  scope: string | null;
  areaPrefix?: string;
  indicator?: string;
  level?: AlertLevel;
}

function decodeAlert(raw: AlertRow): AlertRow {
  const row = decodeRow(raw, { json: ['algorithms'] });
  return {
    ...row,
    level_rank: Number(row.level_rank),
    alarm_days: Number(row.alarm_days),
    latest_observed: Number(row.latest_observed),
    latest_expected: row.latest_expected === null ? null : Number(row.latest_expected),
    latest_upperbound: row.latest_upperbound === null ? null : Number(row.latest_upperbound),
    peak_ratio: Number(row.peak_ratio),
  };
}

function encodeAlert<T extends Partial<AlertRow>>(row: T): Record<string, unknown> {
  return row.algorithms === undefined ? { ...row } : { ...row, algorithms: JSON.stringify(row.algorithms) };
}

export class AlertsRepository {
  constructor(private readonly database: Database) {}

  /** Serialises detection writers across processes for the rest of the caller's transaction. */
  async lockDetection(executor: Executor): Promise<void> {
    await executor
      .updateTable('surveillance_locks')
      .set({ taken: sql`taken + 1` })
      .where('name', '=', 'detection')
      .execute();
  }

  async latestFor(executor: Executor, area: string, indicator: string): Promise<AlertRow | undefined> {
    const row = (await executor
      .selectFrom('surveillance_alerts')
      .selectAll()
      .where('area_code', '=', area)
      .where('indicator', '=', indicator)
      .orderBy('last_alarm_date', 'desc')
      .limit(1)
      .executeTakeFirst()) as AlertRow | undefined;
    return row ? decodeAlert(row) : undefined;
  }

  async alarmDatesOf(executor: Executor, alertId: string): Promise<string[]> {
    const rows = (await executor
      .selectFrom('surveillance_alert_alarms')
      .select('date')
      .distinct()
      .where('alert_id', '=', alertId)
      .execute()) as { date: string }[];
    return rows.map((r) => r.date);
  }

  /** Other indicators of the area with an alarm on or after `since`. */
  async alarmingIndicators(executor: Executor, area: string, since: string): Promise<string[]> {
    const rows = (await executor
      .selectFrom('surveillance_alerts')
      .select('indicator')
      .distinct()
      .where('area_code', '=', area)
      .where('last_alarm_date', '>=', since)
      .execute()) as { indicator: string }[];
    return rows.map((r) => r.indicator);
  }

  async insert(executor: Executor, row: AlertRow): Promise<void> {
    await executor.insertInto('surveillance_alerts').values(encodeAlert(row)).execute();
  }

  async update(executor: Executor, id: string, patch: Partial<AlertRow>): Promise<void> {
    await executor.updateTable('surveillance_alerts').set(encodeAlert(patch)).where('id', '=', id).execute();
  }

  /** Changes an alert only if its status is still `expected` (someone else may have triaged it meanwhile). */
  async updateIfStatus(
    executor: Executor,
    id: string,
    expected: AlertStatus,
    patch: Partial<AlertRow>,
  ): Promise<boolean> {
    const result = await executor
      .updateTable('surveillance_alerts')
      .set(encodeAlert(patch))
      .where('id', '=', id)
      .where('status', '=', expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async upsertAlarms(executor: Executor, rows: readonly AlarmRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200)
      await executor
        .insertInto('surveillance_alert_alarms')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) =>
          oc.columns(['alert_id', 'date', 'rule_id']).doUpdateSet({
            observed: sql`excluded.observed`,
            expected: sql`excluded.expected`,
            upperbound: sql`excluded.upperbound`,
          }),
        )
        .execute();
  }

  /** Appends a decision to the alert's history (numbered within the alert). */
  async insertDecision(executor: Executor, row: DecisionRow): Promise<void> {
    const last = (await executor
      .selectFrom('surveillance_alert_decisions')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('alert_id', '=', row.alert_id)
      .executeTakeFirst()) as { position: number | string | null } | undefined;
    await executor
      .insertInto('surveillance_alert_decisions')
      .values({ ...row, position: Number(last?.position ?? 0) + 1 })
      .execute();
  }

  async find(id: string, executor: Executor = this.database.db): Promise<AlertRow | undefined> {
    const row = (await executor
      .selectFrom('surveillance_alerts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()) as AlertRow | undefined;
    return row ? decodeAlert(row) : undefined;
  }

  async alarmsOf(id: string): Promise<AlarmRow[]> {
    const rows = (await this.database.db
      .selectFrom('surveillance_alert_alarms')
      .selectAll()
      .where('alert_id', '=', id)
      .orderBy('date')
      .orderBy('rule_id')
      .execute()) as AlarmRow[];
    return rows.map((r) => ({
      ...r,
      observed: Number(r.observed),
      expected: r.expected === null ? null : Number(r.expected),
      upperbound: r.upperbound === null ? null : Number(r.upperbound),
    }));
  }

  async decisionsOf(id: string): Promise<DecisionRow[]> {
    return (await this.database.db
      .selectFrom('surveillance_alert_decisions')
      .selectAll()
      .where('alert_id', '=', id)
      .orderBy('position')
      .execute()) as DecisionRow[];
  }

  async list(filter: AlertFilter, params: ListParams): Promise<Page<AlertRow>> {
    let query = this.database.db.selectFrom('surveillance_alerts').selectAll();
    if (filter.statuses) query = query.where('status', 'in', [...filter.statuses]);
    if (filter.scope !== null) query = query.where('area_code', 'like', `${areaScopePrefix(filter.scope)}%`);
    if (filter.areaPrefix) query = query.where('area_code', 'like', `${areaScopePrefix(filter.areaPrefix)}%`);
    if (filter.indicator) query = query.where('indicator', '=', filter.indicator);
    if (filter.level) query = query.where('level', '=', filter.level);
    const page = await fetchPage<AlertRow>(query, params, {
      sortable: {
        lastAlarm: 'last_alarm_date',
        level: 'level_rank',
        firstAlarm: 'first_alarm_date',
        opened: 'opened_at',
        area: 'area_code',
        indicator: 'indicator',
        status: 'status',
      },
      key: 'id',
      searchable: ['area_code', 'indicator', 'id'],
    });
    return { ...page, items: page.items.map(decodeAlert) };
  }

  /** Open alerts (new or investigating) within a scope, highest level and latest first. */
  async open(scope: string | null, limit: number): Promise<AlertRow[]> {
    let query = this.database.db
      .selectFrom('surveillance_alerts')
      .selectAll()
      .where('status', 'in', ['new', 'investigating', 'confirmed']);
    if (scope !== null) query = query.where('area_code', 'like', `${areaScopePrefix(scope)}%`);
    const rows = (await query
      .orderBy('level_rank', 'desc')
      .orderBy('last_alarm_date', 'desc')
      .limit(limit)
      .execute()) as AlertRow[];
    return rows.map(decodeAlert);
  }

  async insertRun(row: RunRow): Promise<void> {
    await this.database.db.insertInto('surveillance_detection_runs').values(row).execute();
  }

  async finishRun(id: string, patch: Partial<RunRow>): Promise<void> {
    await this.database.db
      .updateTable('surveillance_detection_runs')
      .set(patch)
      .where('id', '=', id)
      .execute();
  }

  async lastRun(): Promise<RunRow | undefined> {
    return (await this.database.db
      .selectFrom('surveillance_detection_runs')
      .selectAll()
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst()) as RunRow | undefined;
  }
}
