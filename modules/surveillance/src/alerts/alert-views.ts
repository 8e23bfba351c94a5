/** Alert rows as the API shows them: area names from `@shuzhi/geo`, camel-case fields, decisions with their actor. */
import { findArea } from '@shuzhi/geo';
import type { AlarmRow, AlertRow, DecisionRow } from './alerts.repository.js';
import type { AlertView } from './alerts.schema.js';

export function areaView(code: string): AlertView['area'] {
  const area = findArea(code);
  return {
    code,
    name: area?.name ?? code,
    nameEn: area?.nameEn ?? code,
    level: area?.level ?? 'unknown',
  };
}

export function toAlertView(row: AlertRow): AlertView {
  return {
    id: row.id,
    area: areaView(row.area_code),
    indicator: row.indicator,
    status: row.status,
    level: row.level,
    firstAlarmDate: row.first_alarm_date,
    lastAlarmDate: row.last_alarm_date,
    alarmDays: row.alarm_days,
    observed: row.latest_observed,
    expected: row.latest_expected,
    upperbound: row.latest_upperbound,
    peakRatio: row.peak_ratio,
    algorithms: row.algorithms,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
    escalatedAt: row.escalated_at,
    triagedBy: row.triaged_by,
    triagedAt: row.triaged_at,
  };
}

export function toDecisionView(row: DecisionRow) {
  return {
    id: row.id,
    kind: row.kind,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    fromLevel: row.from_level,
    toLevel: row.to_level,
    note: row.note,
    actor: row.actor_name,
    at: row.at,
  };
}

export function toAlarmView(row: AlarmRow) {
  return {
    date: row.date,
    ruleId: row.rule_id,
    algorithm: row.algorithm,
    aggregation: row.aggregation,
    observed: row.observed,
    expected: row.expected,
    upperbound: row.upperbound,
  };
}
