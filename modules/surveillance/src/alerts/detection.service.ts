/**
 * Detection runs: every enabled rule over its area level's series — after new data (only the series
 * and days that changed) and on a schedule (every series, the last week) — and the alarms folded into
 * alert episodes: opened, extended, escalated or reopened, with their evidence stored, decisions recorded
 * and `surveillance.alert.*` published in the same transaction. Runs are serialised in-process and by a
 * lock row across processes; re-running over the same data changes nothing.
 */
import { newId, type Clock } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { ChangeFeed, NewFeedEvent } from '@shuzhi/hub';
import { dailySeries } from '../indicators/daily-series.js';
import type { IndicatorsRepository } from '../indicators/indicators.repository.js';
import { missingIsZero, type ChangedSeries } from '../indicators/indicators.service.js';
import { addDays, daysBetween, localToday } from '../indicators/local-date.js';
import { defaultEscalation, levelRank } from './alert-levels.js';
import { alertEvent } from './alert-events.js';
import type { AlertRow, AlertsRepository } from './alerts.repository.js';
import type { DetectionRule } from './detection-rules.js';
import { foldAlarms, type Alarm, type EpisodeState, type EpisodeUpdate } from './episodes.js';
import { evaluateSeries } from './evaluate-series.js';
import type { RulesRepository } from './rules.repository.js';

export type DetectionTrigger = 'data' | 'schedule' | 'manual';

export interface DetectionOptions {
  /** Days without an alarm after which an episode ends (default 7). */
  quietDays: number;
  /** Days a scheduled run looks back over (default 7: late data still alarms). */
  scheduledDays: number;
  /** Longest stretch of days one data-triggered run evaluates (default 400). */
  maxDays: number;
  /** Days back within which other indicators' alarms corroborate (default 3). */
  corroborationDays: number;
}

export const defaultDetectionOptions: DetectionOptions = {
  quietDays: 7,
  scheduledDays: 7,
  maxDays: 400,
  corroborationDays: 3,
};

export interface RunReport {
  id: string;
  trigger: DetectionTrigger;
  asOf: string;
  series: number;
  alarms: number;
  opened: number;
  updated: number;
  skipped: { rule: string; area: string; reason: string }[];
}

export interface DetectionDeps {
  database: Database;
  indicators: IndicatorsRepository;
  rules: RulesRepository;
  alerts: AlertsRepository;
  feed: Pick<ChangeFeed, 'publish' | 'notify'>;
  clock: Clock;
}

interface Window {
  area: string;
  from: string;
  to: string;
}

/** Days of history a rule needs before its first evaluated day. */
function historyDays(rule: DetectionRule): number {
  if (rule.aggregation === 'daily') return 60;
  const b = typeof rule.control['b'] === 'number' ? rule.control['b'] : 5;
  return (52 * b + b + 10) * 7;
}

export class DetectionService {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly options: DetectionOptions;

  constructor(
    private readonly deps: DetectionDeps,
    options: Partial<DetectionOptions> = {},
  ) {
    this.options = { ...defaultDetectionOptions, ...options };
  }

  /** Runs detection; runs queue behind each other. `series` limits it to what changed. */
  run(
    trigger: DetectionTrigger,
    scope: { asOf?: string; series?: readonly ChangedSeries[] } = {},
  ): Promise<RunReport> {
    const next = this.queue.then(() => this.runNow(trigger, scope));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when queued runs have finished. */
  async drain(): Promise<void> {
    await this.queue;
  }

  private async runNow(
    trigger: DetectionTrigger,
    scope: { asOf?: string; series?: readonly ChangedSeries[] },
  ): Promise<RunReport> {
    const now = this.deps.clock.now();
    const asOf = scope.asOf ?? localToday(now);
    const report: RunReport = {
      id: newId('drun'),
      trigger,
      asOf,
      series: 0,
      alarms: 0,
      opened: 0,
      updated: 0,
      skipped: [],
    };
    await this.deps.alerts.insertRun({
      id: report.id,
      trigger,
      as_of: asOf,
      started_at: now.toISOString(),
      finished_at: null,
      series: 0,
      alarms: 0,
      alerts_opened: 0,
      alerts_updated: 0,
      error: null,
    });
    try {
      const rules = (await this.deps.rules.list()).filter((r) => r.enabled);
      // Days before the platform's first data are not zero counts: series begin where the data begin.
      const dataStart = (await this.deps.indicators.earliestDate()) ?? asOf;
      const alarms = new Map<string, { area: string; indicator: string; level: string; alarms: Alarm[] }>();
      for (const rule of rules) {
        const windows = await this.windowsOf(rule, asOf, scope.series);
        for (const alarm of await this.evaluateRule(rule, windows, { report, dataStart })) {
          const key = `${alarm.area}|${rule.indicator}`;
          const group = alarms.get(key) ?? {
            area: alarm.area,
            indicator: rule.indicator,
            level: rule.areaLevel,
            alarms: [],
          };
          group.alarms.push(alarm.alarm);
          alarms.set(key, group);
        }
      }
      const alarmingByArea = new Map<string, Set<string>>();
      for (const g of alarms.values())
        alarmingByArea.set(g.area, new Set([...(alarmingByArea.get(g.area) ?? []), g.indicator]));
      for (const group of alarms.values()) {
        report.alarms += group.alarms.length;
        const changes = await this.foldIntoAlerts(group, alarmingByArea.get(group.area) ?? new Set());
        report.opened += changes.opened;
        report.updated += changes.updated;
      }
      if (report.opened + report.updated > 0) this.deps.feed.notify();
      await this.deps.alerts.finishRun(report.id, {
        finished_at: this.deps.clock.now().toISOString(),
        series: report.series,
        alarms: report.alarms,
        alerts_opened: report.opened,
        alerts_updated: report.updated,
      });
      return report;
    } catch (error) {
      await this.deps.alerts.finishRun(report.id, {
        finished_at: this.deps.clock.now().toISOString(),
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  /** The areas and days a rule evaluates: what changed (data runs) or every series, the last week. */
  private async windowsOf(
    rule: DetectionRule,
    asOf: string,
    changed: readonly ChangedSeries[] | undefined,
  ): Promise<Window[]> {
    if (changed) {
      const { maxDays } = this.options;
      return changed
        .filter((s) => s.indicator === rule.indicator)
        .map((s) => ({ area: s.area, from: s.from, to: s.to }))
        .filter((w) => this.levelOf(w.area) === rule.areaLevel)
        .map((w) => (daysBetween(w.from, w.to) >= maxDays ? { ...w, from: addDays(w.to, 1 - maxDays) } : w));
    }
    const from = addDays(asOf, 1 - this.options.scheduledDays);
    const areas = await this.deps.indicators.seriesWithData(rule.areaLevel, from, asOf);
    return areas
      .filter((a) => a.indicator === rule.indicator)
      .map((a) => ({ area: a.area_code, from, to: asOf }));
  }

  private levelOf(area: string): string {
    return area.length === 4 ? 'city' : area.length === 6 ? 'district' : 'street';
  }

  private async evaluateRule(
    rule: DetectionRule,
    windows: readonly Window[],
    run: { report: RunReport; dataStart: string },
  ): Promise<{ area: string; alarm: Alarm }[]> {
    const { report, dataStart } = run;
    if (windows.length === 0) return [];
    const from = windows.reduce((m, w) => (w.from < m ? w.from : m), windows[0]!.from);
    const to = windows.reduce((m, w) => (w.to > m ? w.to : m), windows[0]!.to);
    const rows = await this.deps.indicators.counts({
      indicators: [rule.indicator],
      areaCodes: [...new Set(windows.map((w) => w.area))],
      from: addDays(from, -historyDays(rule)),
      to,
    });
    const byArea = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const m = byArea.get(r.area_code) ?? new Map<string, number>();
      m.set(r.date, r.count);
      byArea.set(r.area_code, m);
    }
    const found: { area: string; alarm: Alarm }[] = [];
    for (const window of windows) {
      report.series += 1;
      const start = addDays(window.from, -historyDays(rule));
      const days = dailySeries(
        byArea.get(window.area) ?? new Map(),
        { from: start > dataStart ? start : dataStart, to: window.to },
        missingIsZero(rule.indicator),
      );
      const span = daysBetween(window.from, window.to) + 1;
      const evaluateLast = rule.aggregation === 'weekly' ? Math.ceil(span / 7) + 1 : span;
      const result = evaluateSeries(rule, days, { evaluateLast });
      if ('skipped' in result) {
        if (report.skipped.length < 50)
          report.skipped.push({ rule: rule.id, area: window.area, reason: result.skipped });
        continue;
      }
      for (const p of result.points) {
        if (!p.alarm || p.date < window.from) continue;
        found.push({
          area: window.area,
          alarm: {
            ruleId: rule.id,
            algorithm: rule.algorithm,
            aggregation: rule.aggregation,
            date: p.date,
            observed: p.observed,
            expected: p.expected,
            upperbound: p.upperbound,
            baseLevel: rule.baseLevel,
            escalation: rule.escalation,
          },
        });
      }
    }
    return found;
  }

  /** Folds one area and indicator's alarms into its alert episodes, in one transaction. */
  private async foldIntoAlerts(
    group: { area: string; indicator: string; level: string; alarms: Alarm[] },
    alarmingInRun: ReadonlySet<string>,
  ): Promise<{ opened: number; updated: number }> {
    const { alerts } = this.deps;
    const now = this.deps.clock.now().toISOString();
    let opened = 0;
    let updated = 0;
    const events: NewFeedEvent[] = [];
    await this.deps.database.db.transaction().execute(async (trx) => {
      await alerts.lockDetection(trx);
      let pending = group.alarms;
      let latest = await alerts.latestFor(trx, group.area, group.indicator);
      while (pending.length > 0) {
        const existing = latest ? toEpisode(latest, await alerts.alarmDatesOf(trx, latest.id)) : null;
        const lastDay = pending.reduce((m, a) => (a.date > m ? a.date : m), pending[0]!.date);
        const others = new Set([
          ...(await alerts.alarmingIndicators(
            trx,
            group.area,
            addDays(lastDay, -this.options.corroborationDays),
          )),
          ...alarmingInRun,
        ]);
        others.delete(group.indicator);
        const { update, rest } = foldAlarms(existing, pending, {
          quietDays: this.options.quietDays,
          corroborating: others.size,
        });
        if (!update) break;
        const row = await this.store(trx, { update, latest: existing ? latest! : null, group, now });
        if (update.transition === 'opened') opened += 1;
        else if (update.transition !== null) updated += 1;
        if (update.transition !== null)
          events.push(alertEvent(update.transition, row, existing ? { previousLevel: existing.level } : {}));
        latest = row;
        pending = rest;
      }
      if (events.length > 0) await this.deps.feed.publish(trx, events);
    });
    return { opened, updated };
  }

  private async store(
    trx: Parameters<AlertsRepository['insert']>[0],
    input: {
      update: EpisodeUpdate;
      latest: AlertRow | null;
      group: { area: string; indicator: string; level: string };
      now: string;
    },
  ): Promise<AlertRow> {
    const { update, latest, group, now } = input;
    const { state } = update;
    const opening = update.transition === 'opened';
    const base = opening || !latest ? null : latest;
    const row: AlertRow = {
      id: base?.id ?? newId('alert'),
      area_code: group.area,
      area_level: group.level as AlertRow['area_level'],
      indicator: group.indicator as AlertRow['indicator'],
      status: state.status,
      level: state.level,
      level_rank: levelRank(state.level),
      first_alarm_date: state.firstAlarmDate,
      last_alarm_date: state.lastAlarmDate,
      alarm_days: state.alarmDates.size,
      latest_observed: state.latest.observed,
      latest_expected: state.latest.expected,
      latest_upperbound: state.latest.upperbound,
      peak_ratio: state.peakRatio,
      algorithms: [...state.algorithms],
      level_at_triage: state.levelAtTriage,
      opened_at: base?.opened_at ?? now,
      updated_at: update.transition === null ? (base?.updated_at ?? now) : now,
      escalated_at:
        update.transition === 'escalated' || update.transition === 'reopened'
          ? now
          : (base?.escalated_at ?? null),
      triaged_by: base?.triaged_by ?? null,
      triaged_at: base?.triaged_at ?? null,
    };
    const { alerts } = this.deps;
    if (base) {
      const { id: _id, ...patch } = row;
      await alerts.update(trx, row.id, patch);
    } else await alerts.insert(trx, row);
    await alerts.upsertAlarms(
      trx,
      update.alarms.map((a) => ({
        alert_id: row.id,
        date: a.date,
        rule_id: a.ruleId,
        algorithm: a.algorithm,
        aggregation: a.aggregation,
        observed: a.observed,
        expected: a.expected,
        upperbound: a.upperbound,
        detected_at: now,
      })),
    );
    if (
      update.transition === 'opened' ||
      update.transition === 'escalated' ||
      update.transition === 'reopened'
    )
      await alerts.insertDecision(trx, {
        id: newId('adc'),
        alert_id: row.id,
        kind: update.transition,
        from_status: base?.status ?? null,
        to_status: row.status,
        from_level: base?.level ?? null,
        to_level: row.level,
        note: null,
        actor_id: 'system:detection',
        actor_name: 'detection',
        at: now,
      });
    return row;
  }
}

function toEpisode(row: AlertRow, alarmDates: readonly string[]): EpisodeState {
  return {
    status: row.status,
    level: row.level,
    levelAtTriage: row.level_at_triage,
    firstAlarmDate: row.first_alarm_date,
    lastAlarmDate: row.last_alarm_date,
    alarmDates: new Set(alarmDates),
    peakRatio: row.peak_ratio,
    latest: {
      observed: row.latest_observed,
      expected: row.latest_expected,
      upperbound: row.latest_upperbound,
    },
    algorithms: row.algorithms,
    // The rules of the new alarms bring their base level and escalation; the stored level is kept anyway.
    baseLevel: 'blue',
    escalation: defaultEscalation,
  };
}
