/**
 * From alarms to alerts (pure). Alarms of any algorithm on any day for one area and indicator belong to
 * one episode while no more than `quietDays` pass between them, and an episode is one alert: a second
 * algorithm or a second day adds evidence, never a second alert. The episode's level is recomputed from
 * its evidence; a rise escalates an open alert, and reopens a dismissed one only when it rises above the
 * level it had when it was dismissed (dismissing is not silenced for ever, but not re-raised by noise).
 */
import {
  episodeLevel,
  exceedanceRatio,
  levelRank,
  maxLevel,
  type AlertLevel,
  type EscalationPolicy,
} from './alert-levels.js';
import { addDays } from '../indicators/local-date.js';

export const alertStatuses = ['new', 'investigating', 'confirmed', 'dismissed'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

export interface Alarm {
  ruleId: string;
  algorithm: string;
  aggregation: 'daily' | 'weekly';
  date: string;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  baseLevel: AlertLevel;
  escalation: EscalationPolicy;
}

/** The parts of a stored alert the episode logic reads and writes. */
export interface EpisodeState {
  status: AlertStatus;
  level: AlertLevel;
  levelAtTriage: AlertLevel | null;
  firstAlarmDate: string;
  lastAlarmDate: string;
  /** Distinct alarm days so far. */
  alarmDates: ReadonlySet<string>;
  peakRatio: number;
  latest: { observed: number; expected: number | null; upperbound: number | null };
  algorithms: readonly string[];
  /** Base level and escalation of the strongest rule seen (by base level). */
  baseLevel: AlertLevel;
  escalation: EscalationPolicy;
}

export type EpisodeTransition = 'opened' | 'escalated' | 'reopened' | 'updated' | null;

export interface EpisodeUpdate {
  state: EpisodeState;
  transition: EpisodeTransition;
  /** The alarms that belong to this episode (to be stored as its evidence). */
  alarms: Alarm[];
}

/** Whether an alarm on `date` continues the episode (within `quietDays` of its span). */
export function continuesEpisode(state: EpisodeState, date: string, quietDays: number): boolean {
  return date <= addDays(state.lastAlarmDate, quietDays) && date >= addDays(state.firstAlarmDate, -quietDays);
}

function seed(alarm: Alarm): EpisodeState {
  return {
    status: 'new',
    level: alarm.baseLevel,
    levelAtTriage: null,
    firstAlarmDate: alarm.date,
    lastAlarmDate: alarm.date,
    alarmDates: new Set(),
    peakRatio: 0,
    latest: { observed: alarm.observed, expected: alarm.expected, upperbound: alarm.upperbound },
    algorithms: [],
    baseLevel: alarm.baseLevel,
    escalation: alarm.escalation,
  };
}

/**
 * Folds alarms (one area and indicator, any order) into the latest episode `existing` (or a new one).
 * Returns the updated episode and the alarms it took; alarms that open a later episode are returned in
 * `rest` for the caller to fold into a fresh one. `corroborating` counts other alarming indicators.
 */
export function foldAlarms(
  existing: EpisodeState | null,
  alarms: readonly Alarm[],
  options: { quietDays: number; corroborating: number },
): { update: EpisodeUpdate | null; rest: Alarm[] } {
  const sorted = [...alarms].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (sorted.length === 0) return { update: null, rest: [] };
  const opening = existing === null || !continuesEpisode(existing, sorted[0]!.date, options.quietDays);
  if (existing !== null && opening && sorted[0]!.date < existing.firstAlarmDate)
    // Late alarms from before the latest episode: that episode's time has passed; keep them out.
    return foldAlarms(
      existing,
      sorted.filter((a) => a.date >= existing.firstAlarmDate),
      options,
    );
  let state: EpisodeState = opening ? seed(sorted[0]!) : { ...existing! };
  const taken: Alarm[] = [];
  const rest: Alarm[] = [];
  const dates = new Set(state.alarmDates);
  const algorithms = new Set(state.algorithms);
  const daysBefore = dates.size;
  for (const alarm of sorted) {
    if (rest.length > 0 || !continuesEpisode(state, alarm.date, options.quietDays)) {
      rest.push(alarm);
      continue;
    }
    taken.push(alarm);
    dates.add(alarm.date);
    algorithms.add(alarm.algorithm);
    const ratio = exceedanceRatio(alarm.observed, alarm.upperbound);
    const stronger = levelRank(alarm.baseLevel) >= levelRank(state.baseLevel);
    state = {
      ...state,
      firstAlarmDate: alarm.date < state.firstAlarmDate ? alarm.date : state.firstAlarmDate,
      lastAlarmDate: alarm.date > state.lastAlarmDate ? alarm.date : state.lastAlarmDate,
      peakRatio: Math.max(state.peakRatio, ratio),
      latest:
        alarm.date >= state.lastAlarmDate
          ? { observed: alarm.observed, expected: alarm.expected, upperbound: alarm.upperbound }
          : state.latest,
      baseLevel: maxLevel(state.baseLevel, alarm.baseLevel),
      escalation: stronger ? alarm.escalation : state.escalation,
    };
  }
  const level = episodeLevel({
    baseLevel: state.baseLevel,
    escalation: state.escalation,
    alarmDays: dates.size,
    peakRatio: state.peakRatio,
    corroborating: options.corroborating,
  });
  const before = opening ? null : existing!;
  const next: EpisodeState = {
    ...state,
    alarmDates: dates,
    algorithms: [...algorithms].sort(),
    level: before ? maxLevel(before.level, level) : level,
  };
  let transition: EpisodeTransition;
  if (!before) transition = 'opened';
  else if (levelRank(next.level) > levelRank(before.level)) {
    const reopen =
      before.status === 'dismissed' &&
      levelRank(next.level) > levelRank(before.levelAtTriage ?? before.level);
    if (reopen) {
      next.status = 'new';
      transition = 'reopened';
    } else transition = before.status === 'dismissed' ? 'updated' : 'escalated';
  } else transition = dates.size > daysBefore ? 'updated' : null;
  return { update: { state: next, transition, alarms: taken }, rest };
}
