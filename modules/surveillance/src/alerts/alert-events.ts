/**
 * The change-feed events of alerts (`surveillance.alert.opened`, `.escalated`, `.reopened`, `.updated`,
 * `.triaged`): what subscribers, webhooks and other modules learn about an alert — ids, area, indicator,
 * level, status and the numbers behind it; never anything about a person.
 */
import type { NewFeedEvent } from '@shuzhi/hub';
import type { AlertRow } from './alerts.repository.js';

export const alertTopics = [
  'surveillance.alert.opened',
  'surveillance.alert.escalated',
  'surveillance.alert.reopened',
  'surveillance.alert.updated',
  'surveillance.alert.triaged',
] as const;
export type AlertTopic = (typeof alertTopics)[number];

export type AlertChange = 'opened' | 'escalated' | 'reopened' | 'updated' | 'triaged';

export function alertEvent(
  change: AlertChange,
  row: AlertRow,
  extra: Record<string, unknown> = {},
): NewFeedEvent {
  return {
    topic: `surveillance.alert.${change}`,
    entityType: 'Alert',
    entityId: row.id,
    areaCode: row.area_code,
    payload: {
      areaCode: row.area_code,
      areaLevel: row.area_level,
      indicator: row.indicator,
      level: row.level,
      status: row.status,
      firstAlarmDate: row.first_alarm_date,
      lastAlarmDate: row.last_alarm_date,
      alarmDays: row.alarm_days,
      observed: row.latest_observed,
      expected: row.latest_expected,
      upperbound: row.latest_upperbound,
      algorithms: row.algorithms,
      ...extra,
    },
  };
}
