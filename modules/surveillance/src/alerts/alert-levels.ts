/**
 * Alert levels: China's four warning levels, blue (IV), yellow (III), orange (II) and red (I) — 国家突发公共
 * 事件总体应急预案 (State Council, 2006) §3.1: 预警级别…依次用红色、橙色、黄色和蓝色表示 —
 * and how a detection episode reaches one: the rule's base level, raised when the alarm persists, when the
 * count far exceeds the detector's bound, and by one step when other indicators of the same area alarm too.
 */

export const alertLevels = ['blue', 'yellow', 'orange', 'red'] as const;
export type AlertLevel = (typeof alertLevels)[number];

export function levelRank(level: AlertLevel): number {
  return alertLevels.indexOf(level);
}

export function maxLevel(a: AlertLevel, b: AlertLevel): AlertLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export function isAlertLevel(value: unknown): value is AlertLevel {
  return typeof value === 'string' && (alertLevels as readonly string[]).includes(value);
}

/** Thresholds for yellow, orange and red (a level is reached when its threshold is). */
export interface LevelThresholds {
  yellow: number;
  orange: number;
  red: number;
}

export interface EscalationPolicy {
  /** Alarm days in the episode. */
  days: LevelThresholds;
  /** Peak ratio of the observed count to the detector's upper bound. */
  ratio: LevelThresholds;
  /** Raise one level when at least this many other indicators of the area alarm in the same days (0 = off). */
  corroboratingIndicators: number;
}

export const defaultEscalation: EscalationPolicy = {
  days: { yellow: 3, orange: 5, red: 8 },
  ratio: { yellow: 2, orange: 3, red: 5 },
  corroboratingIndicators: 1,
};

function reached(value: number, thresholds: LevelThresholds): AlertLevel | null {
  if (value >= thresholds.red) return 'red';
  if (value >= thresholds.orange) return 'orange';
  if (value >= thresholds.yellow) return 'yellow';
  return null;
}

export interface EpisodeEvidence {
  baseLevel: AlertLevel;
  escalation: EscalationPolicy;
  /** Distinct days with an alarm in the episode. */
  alarmDays: number;
  /** Largest observed / max(upper bound, 1) on an alarm day. */
  peakRatio: number;
  /** Other indicators of the same area alarming within the episode's recent days. */
  corroborating: number;
}

/** The level an episode has reached. */
export function episodeLevel(evidence: EpisodeEvidence): AlertLevel {
  let level = evidence.baseLevel;
  const byDays = reached(evidence.alarmDays, evidence.escalation.days);
  const byRatio = reached(evidence.peakRatio, evidence.escalation.ratio);
  if (byDays) level = maxLevel(level, byDays);
  if (byRatio) level = maxLevel(level, byRatio);
  const needed = evidence.escalation.corroboratingIndicators;
  if (needed > 0 && evidence.corroborating >= needed)
    level = alertLevels[Math.min(alertLevels.length - 1, levelRank(level) + 1)]!;
  return level;
}

/** How far a count exceeds its bound, for escalation (a bound below 1 counts as 1, so 0 → 1 is not ∞). */
export function exceedanceRatio(observed: number, upperbound: number | null): number {
  return observed / Math.max(upperbound ?? 0, 1);
}
