/**
 * Detection rules: which algorithm watches which indicator at which area level, on daily or weekly
 * counts, with R's control names, the smallest count worth an alarm, the alert's base level and how it
 * escalates. The defaults follow the statistics notes: EARS C2 on daily counts (short series, CDC
 * ESSENCE's classic use) and farringtonFlexible with Noufaily et al. (2013) settings on weekly counts once
 * four years of history exist.
 */
import { invalidField } from '@shuzhi/core';
import { isDetectionAlgorithm, validateDetectionControl } from '../commands/detect-control.js';
import type { DetectionAlgorithm } from '../commands/detect-control.js';
import { isCountIndicator, type CountIndicator } from '../indicators/indicator-catalogue.js';
import type { SeriesLevel } from '../indicators/indicator-areas.js';
import {
  alertLevels,
  defaultEscalation,
  isAlertLevel,
  type AlertLevel,
  type EscalationPolicy,
  type LevelThresholds,
} from './alert-levels.js';

export type Aggregation = 'daily' | 'weekly';

export interface DetectionRule {
  id: string;
  indicator: CountIndicator;
  areaLevel: SeriesLevel;
  algorithm: DetectionAlgorithm;
  aggregation: Aggregation;
  /** R's control list (R's names); `range` is chosen by the runner. */
  control: Record<string, unknown>;
  /** Alarms on smaller counts are ignored (one case after a quiet week is not an outbreak signal). */
  minCount: number;
  baseLevel: AlertLevel;
  escalation: EscalationPolicy;
  enabled: boolean;
}

/** The Noufaily et al. (2013) control, as recommended in docs/notes/surveillance-stats.md. */
export const noufailyControl = {
  noPeriods: 10,
  b: 4,
  w: 3,
  weightsThreshold: 2.58,
  pastWeeksNotIncluded: 26,
  pThresholdTrend: 1,
  thresholdMethod: 'nbPlugin',
  alpha: 0.05,
};

/** Syndromic and laboratory indicators: early, noisy; alerts start blue. */
const syndromic: CountIndicator[] = [
  'fever_clinic_visits',
  'ili',
  'antipyretic_sales',
  'cough_medicine_sales',
  'school_absenteeism',
  'tests_positive',
];
/** Case counts: an aberration here is a confirmed outbreak signal; alerts start yellow. */
const cases: CountIndicator[] = ['confirmed_cases', 'asymptomatic_infections'];

/**
 * EARS C2 (2-day guard band) at α = 0.001 over a 28-day baseline that grows from 7 days while history is
 * shorter, with a floor of 2 under the baseline's standard deviation so that small counts' Poisson noise
 * is not read as an aberration (Burkom's minSigma advice, see `EarsControl.minSigma`), and at least 5
 * counts (3 for case counts) on the day. Chosen on the simulator (bench/early-warning.ts, five paired
 * seeds, docs/notes/surveillance.md): against the classic 7-day baseline and floor 1 it cut false alerts
 * from 1.87 to 0.25 per district-month (none of them yellow or above) for a day more at the median from a
 * market cluster's first infection to its first alert (6 days, range 4–7, against 5, range 2–5).
 */
export function defaultDetectionRules(): DetectionRule[] {
  const daily = (indicator: CountIndicator, areaLevel: SeriesLevel): DetectionRule => ({
    id: `ears-${indicator}-${areaLevel}`,
    indicator,
    areaLevel,
    algorithm: 'earsC2',
    aggregation: 'daily',
    control: { alpha: 0.001, baseline: 28, minSigma: 2 },
    minCount: cases.includes(indicator) ? 3 : 5,
    baseLevel: cases.includes(indicator) ? 'yellow' : 'blue',
    escalation: defaultEscalation,
    enabled: true,
  });
  const weekly = (indicator: CountIndicator): DetectionRule => ({
    id: `noufaily-${indicator}-district`,
    indicator,
    areaLevel: 'district',
    algorithm: 'farringtonFlexible',
    aggregation: 'weekly',
    control: noufailyControl,
    minCount: 5,
    baseLevel: 'blue',
    escalation: { ...defaultEscalation, days: { yellow: 2, orange: 3, red: 5 } },
    enabled: true,
  });
  return [
    ...[...cases, ...syndromic].map((indicator) => daily(indicator, 'district')),
    ...syndromic.map(weekly),
  ];
}

function thresholds(record: string, field: string, value: unknown): LevelThresholds {
  const t = value as Partial<LevelThresholds> | undefined;
  if (typeof t !== 'object' || t === null) throw invalidField(record, field, 'must be {yellow, orange, red}');
  for (const level of ['yellow', 'orange', 'red'] as const) {
    if (typeof t[level] !== 'number' || !(t[level] > 0))
      throw invalidField(record, `${field}.${level}`, 'must be a positive number');
  }
  if (!(t.yellow! <= t.orange! && t.orange! <= t.red!))
    throw invalidField(record, field, 'yellow ≤ orange ≤ red');
  return { yellow: t.yellow!, orange: t.orange!, red: t.red! };
}

/** Checks a rule as an editor sends it; throws `invalid_input` naming the rule and the field. */
export function validateRule(rule: DetectionRule): DetectionRule {
  const record = rule.id;
  if (!isCountIndicator(rule.indicator))
    throw invalidField(record, 'indicator', 'not an indicator that is counted');
  if (!isDetectionAlgorithm(rule.algorithm)) throw invalidField(record, 'algorithm', 'unknown algorithm');
  if (rule.aggregation !== 'daily' && rule.aggregation !== 'weekly')
    throw invalidField(record, 'aggregation', 'daily or weekly');
  if (!['city', 'district', 'street'].includes(rule.areaLevel))
    throw invalidField(record, 'areaLevel', 'city, district or street');
  if (!Number.isInteger(rule.minCount) || rule.minCount < 0)
    throw invalidField(record, 'minCount', 'must be a whole number ≥ 0');
  if (!isAlertLevel(rule.baseLevel))
    throw invalidField(record, 'baseLevel', `one of ${alertLevels.join(', ')}`);
  const control = validateDetectionControl(rule.algorithm, rule.control);
  const corroborating = rule.escalation?.corroboratingIndicators;
  if (!Number.isInteger(corroborating) || corroborating < 0)
    throw invalidField(record, 'escalation.corroboratingIndicators', 'must be a whole number ≥ 0');
  return {
    ...rule,
    control,
    escalation: {
      days: thresholds(record, 'escalation.days', rule.escalation.days),
      ratio: thresholds(record, 'escalation.ratio', rule.escalation.ratio),
      corroboratingIndicators: corroborating,
    },
  };
}
