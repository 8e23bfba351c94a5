/**
 * How well early warning did against a simulation's truth (pure): the delay from the planted cluster's
 * first infection (and from the day it started spreading at its venue) to the first alert in its
 * district, and the rate of alerts where nothing happened, per district-month.
 */
import { daysBetween } from '../../indicators/local-date.js';

export interface RaisedAlert {
  area: string;
  indicator: string;
  level: string;
  firstAlarmDate: string;
  alarmDays: number;
  algorithms: readonly string[];
}

export interface ClusterTruth {
  /** 12-digit street code and its district. */
  street: string;
  district: string;
  /** Local day the index case was infected (the cluster's first infection). */
  firstInfection: string;
  /** Local day the index case started infecting others at the venue. */
  start: string;
}

export interface Timeliness {
  /** The first alert in the cluster's district on or after its first infection, or null (missed). */
  firstAlert: RaisedAlert | null;
  daysFromFirstInfection: number | null;
  daysFromStart: number | null;
  /** The first alert of each indicator in the district, in order. */
  byIndicator: { indicator: string; date: string; daysFromFirstInfection: number }[];
}

/** The same alert raised in another run (same area, indicator and first alarm day). */
function sameAlert(a: RaisedAlert, b: RaisedAlert): boolean {
  return a.area === b.area && a.indicator === b.indicator && a.firstAlarmDate === b.firstAlarmDate;
}

/**
 * `counterfactual`: the alerts of the same simulation without the cluster (same seed: the simulator draws
 * every person-day from its own random stream, so the background is the same). An alert raised there too
 * is background noise, not the cluster's, and does not count as its detection.
 */
export function timeliness(
  alerts: readonly RaisedAlert[],
  cluster: ClusterTruth,
  counterfactual: readonly RaisedAlert[] = [],
): Timeliness {
  const inDistrict = alerts
    .filter((a) => a.area.startsWith(cluster.district) && a.firstAlarmDate >= cluster.firstInfection)
    .filter((a) => !counterfactual.some((b) => sameAlert(a, b)))
    .sort(
      (a, b) => a.firstAlarmDate.localeCompare(b.firstAlarmDate) || a.indicator.localeCompare(b.indicator),
    );
  const firstAlert = inDistrict[0] ?? null;
  const seen = new Set<string>();
  const byIndicator: Timeliness['byIndicator'] = [];
  for (const a of inDistrict) {
    if (seen.has(a.indicator)) continue;
    seen.add(a.indicator);
    byIndicator.push({
      indicator: a.indicator,
      date: a.firstAlarmDate,
      daysFromFirstInfection: daysBetween(cluster.firstInfection, a.firstAlarmDate),
    });
  }
  return {
    firstAlert,
    daysFromFirstInfection: firstAlert
      ? daysBetween(cluster.firstInfection, firstAlert.firstAlarmDate)
      : null,
    daysFromStart: firstAlert ? daysBetween(cluster.start, firstAlert.firstAlarmDate) : null,
    byIndicator,
  };
}

export interface FalseAlertRate {
  alerts: number;
  districtMonths: number;
  /** Alerts per district and 30 days. */
  perDistrictMonth: number;
  byIndicator: Record<string, number>;
}

/**
 * Alerts in a period with no outbreak are all false; `monitoredDays` counts the days detection could
 * look at (after the baseline), so the rate is per district-month of monitoring.
 */
export function falseAlertRate(
  alerts: readonly RaisedAlert[],
  period: { districts: number; monitoredDays: number },
): FalseAlertRate {
  const districtMonths = (period.districts * period.monitoredDays) / 30;
  const byIndicator: Record<string, number> = {};
  for (const a of alerts) byIndicator[a.indicator] = (byIndicator[a.indicator] ?? 0) + 1;
  return {
    alerts: alerts.length,
    districtMonths,
    perDistrictMonth: districtMonths === 0 ? 0 : alerts.length / districtMonths,
    byIndicator,
  };
}
