/**
 * Alerts as an epidemiologist works with them: list and filter within the caller's area, read one with
 * its evidence (alarms), decisions and the series around it with the detector's expected count and upper
 * bound, and triage it (new → investigating → confirmed / dismissed, with a note). Every decision is
 * stored with the alert, published on the change feed and written to the audit trail. Detection rules are
 * read and edited here too (edits audited).
 */
import {
  AppError,
  invalidField,
  isWithinArea,
  newId,
  notFoundOrNoAccess,
  type Clock,
  type ListParams,
  type Page,
} from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { ChangeFeed } from '@shuzhi/hub';
import type { AccessContext, AuditService } from '@shuzhi/identity';
import { dailySeries } from '../indicators/daily-series.js';
import type { IndicatorsRepository } from '../indicators/indicators.repository.js';
import { missingIsZero } from '../indicators/indicators.service.js';
import { addDays, daysBetween, localToday } from '../indicators/local-date.js';
import { alertEvent } from './alert-events.js';
import { allowedAlertTransitions, assertAlertTransition } from './alert-triage.js';
import { toAlarmView, toAlertView, toDecisionView } from './alert-views.js';
import type { AlertRow, AlertsRepository } from './alerts.repository.js';
import {
  alertTriageRequestSchema,
  ruleUpdateSchema,
  type AlertDetail,
  type AlertListQuery,
  type AlertTriageRequest,
  type AlertView,
  type RuleUpdate,
} from './alerts.schema.js';
import { validateRule } from './detection-rules.js';
import { evaluateSeries } from './evaluate-series.js';
import type { RulesRepository, StoredRule } from './rules.repository.js';

export interface AlertsServiceDeps {
  database: Database;
  alerts: AlertsRepository;
  rules: RulesRepository;
  indicators: IndicatorsRepository;
  feed: Pick<ChangeFeed, 'publish' | 'notify'>;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
}

/** Days of the series shown before an alert's first alarm. */
const CHART_LEAD_DAYS = 28;

export class AlertsService {
  constructor(private readonly deps: AlertsServiceDeps) {}

  async list(
    ctx: AccessContext,
    query: Omit<AlertListQuery, keyof ListParams>,
    params: ListParams,
  ): Promise<Page<AlertView>> {
    const page = await this.deps.alerts.list(
      {
        scope: ctx.principal.areaCode,
        ...(query.status === 'open'
          ? { statuses: ['new', 'investigating'] as const }
          : query.status
            ? { statuses: [query.status] }
            : {}),
        ...(query.area ? { areaPrefix: query.area } : {}),
        ...(query.indicator ? { indicator: query.indicator } : {}),
        ...(query.level ? { level: query.level } : {}),
      },
      params,
    );
    return { ...page, items: page.items.map(toAlertView) };
  }

  /** Open alerts (new, investigating, confirmed) within the caller's area, highest level first. */
  async open(ctx: AccessContext, limit: number): Promise<AlertView[]> {
    return (await this.deps.alerts.open(ctx.principal.areaCode, limit)).map(toAlertView);
  }

  /** Open alerts within an area the caller was already checked to see. */
  async openIn(areaCode: string, limit: number): Promise<AlertView[]> {
    return (await this.deps.alerts.open(areaCode, limit)).map(toAlertView);
  }

  async get(ctx: AccessContext, id: string): Promise<AlertDetail> {
    return this.detailOf(await this.visible(ctx, id));
  }

  async triage(ctx: AccessContext, id: string, request: AlertTriageRequest): Promise<AlertDetail> {
    const parsed = alertTriageRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalidField(id, String(issue.path[0] ?? 'body'), issue.message);
    }
    const { status, note } = parsed.data;
    await this.visible(ctx, id);
    const now = this.deps.clock.now().toISOString();
    const decisionId = newId('adc');
    const { from, row } = await this.deps.database.db.transaction().execute(async (trx) => {
      const before = await this.deps.alerts.find(id, trx);
      if (!before) throw notFoundOrNoAccess(`alert ${id}`);
      assertAlertTransition(id, before.status, status);
      const patch: Partial<AlertRow> = {
        status,
        triaged_by: ctx.principal.displayName,
        triaged_at: now,
        updated_at: now,
        level_at_triage: before.level,
      };
      if (!(await this.deps.alerts.updateIfStatus(trx, id, before.status, patch)))
        throw new AppError(
          'conflict',
          `alert ${id} was triaged by someone else meanwhile; reload it and decide again`,
          {
            issues: [{ record: id, field: 'status', reason: 'changed meanwhile' }],
          },
        );
      await this.deps.alerts.insertDecision(trx, {
        id: decisionId,
        alert_id: id,
        kind: 'triage',
        from_status: before.status,
        to_status: status,
        from_level: before.level,
        to_level: before.level,
        note,
        actor_id: ctx.principal.id,
        actor_name: ctx.principal.displayName,
        at: now,
      });
      const after: AlertRow = { ...before, ...patch };
      await this.deps.feed.publish(trx, [alertEvent('triaged', after, { previousStatus: before.status })]);
      return { from: before.status, row: after };
    });
    this.deps.feed.notify();
    // The note may name people: it stays with the decision, which the audit entry points to.
    await this.deps.audit.record(ctx, {
      action: 'alert triage',
      resourceType: 'alert',
      resourceId: id,
      outcome: 'success',
      areaCode: row.area_code,
      detail: { decision: decisionId, from, to: status, level: row.level },
    });
    return this.detailOf(row);
  }

  async rules(): Promise<StoredRule[]> {
    return this.deps.rules.list();
  }

  async updateRule(ctx: AccessContext, id: string, update: RuleUpdate): Promise<StoredRule> {
    const parsed = ruleUpdateSchema.safeParse(update);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalidField(id, issue.path.join('.') || 'body', issue.message);
    }
    const current = await this.deps.rules.find(id);
    if (!current) throw notFoundOrNoAccess(`detection rule ${id}`);
    const changes = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
    const next = validateRule({ ...current, ...changes, id });
    const now = this.deps.clock.now().toISOString();
    await this.deps.rules.save(next, ctx.principal.displayName, now);
    await this.deps.audit.record(ctx, {
      action: 'detection rule update',
      resourceType: 'detection_rule',
      resourceId: id,
      outcome: 'success',
      detail: { fields: Object.keys(changes) },
    });
    return (await this.deps.rules.find(id))!;
  }

  private async visible(ctx: AccessContext, id: string): Promise<AlertRow> {
    const row = await this.deps.alerts.find(id);
    if (!row || !isWithinArea(row.area_code, ctx.principal.areaCode)) throw notFoundOrNoAccess(`alert ${id}`);
    return row;
  }

  private async detailOf(row: AlertRow): Promise<AlertDetail> {
    const [alarms, decisions] = await Promise.all([
      this.deps.alerts.alarmsOf(row.id),
      this.deps.alerts.decisionsOf(row.id),
    ]);
    return {
      ...toAlertView(row),
      alarms: alarms.map(toAlarmView),
      decisions: decisions.map(toDecisionView),
      allowedTransitions: [...allowedAlertTransitions(row.status)],
      chart: await this.chartOf(
        row,
        alarms.map((a) => a.rule_id),
      ),
    };
  }

  /** The series around the alert with the bound of the rule that alarmed (a daily one when there is one). */
  private async chartOf(row: AlertRow, ruleIds: readonly string[]): Promise<AlertDetail['chart']> {
    const rules = (await this.deps.rules.list()).filter((r) => ruleIds.includes(r.id));
    const rule = rules.find((r) => r.aggregation === 'daily') ?? rules[0];
    const from = addDays(row.first_alarm_date, -CHART_LEAD_DAYS);
    const today = localToday(this.deps.clock.now());
    // Two weeks after the last alarm, but not into the future (nor before the last alarm).
    const shownUntil = addDays(row.last_alarm_date, 14) < today ? addDays(row.last_alarm_date, 14) : today;
    const to = shownUntil < row.last_alarm_date ? row.last_alarm_date : shownUntil;
    const history = rule && rule.aggregation === 'daily' ? 60 : 0;
    const rows = await this.deps.indicators.counts({
      indicators: [row.indicator],
      areaCodes: [row.area_code],
      from: addDays(from, -history),
      to,
    });
    const counts = new Map(rows.map((r) => [r.date, r.count]));
    const days = dailySeries(counts, { from: addDays(from, -history), to }, missingIsZero(row.indicator));
    const evaluated = new Map<
      string,
      { expected: number | null; upperbound: number | null; alarm: boolean }
    >();
    if (rule && rule.aggregation === 'daily') {
      const result = evaluateSeries(rule, days, { evaluateLast: daysBetween(from, to) + 1 });
      if ('points' in result) for (const p of result.points) evaluated.set(p.date, p);
    }
    return {
      ruleId: rule?.id ?? null,
      algorithm: rule?.algorithm ?? null,
      points: days
        .filter((d) => d.date >= from)
        .map((d) => {
          const e = evaluated.get(d.date);
          return {
            date: d.date,
            observed: d.count,
            expected: e?.expected ?? null,
            upperbound: e?.upperbound ?? null,
            alarm: e?.alarm ?? false,
          };
        }),
    };
  }
}
