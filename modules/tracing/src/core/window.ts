/**
 * A case's infectious window (DESIGN.md): from `daysBeforeOnset` days before symptom onset — or
 * `daysBeforeSpecimen` days before the first positive specimen when asymptomatic — to isolation or now.
 */
import { DAY_MS, invalidField } from '@shuzhi/core';
import type { ContactRules } from './rules.js';
import { defaultContactRules } from './rules.js';

/** A time interval in epoch milliseconds. */
export interface TimeWindow {
  from: number;
  to: number;
}

export interface InfectiousWindowInput {
  /** Symptom onset (epoch ms); takes precedence over the specimen date. */
  onset?: number | undefined;
  /** First positive specimen (epoch ms), used when there is no onset (asymptomatic). */
  firstPositiveSpecimen?: number | undefined;
  /** Isolation (epoch ms); the window runs to `now` without it. */
  isolation?: number | undefined;
  now: number;
  rules?: Pick<ContactRules, 'daysBeforeOnset' | 'daysBeforeSpecimen'>;
}

export function infectiousWindow(input: InfectiousWindowInput): TimeWindow {
  const rules = input.rules ?? defaultContactRules;
  let from: number;
  if (input.onset !== undefined) {
    requireInstant('onset', input.onset);
    from = input.onset - rules.daysBeforeOnset * DAY_MS;
  } else if (input.firstPositiveSpecimen !== undefined) {
    requireInstant('firstPositiveSpecimen', input.firstPositiveSpecimen);
    from = input.firstPositiveSpecimen - rules.daysBeforeSpecimen * DAY_MS;
  } else {
    throw invalidField(
      'case',
      'onset',
      'symptom onset or a first positive specimen is needed for the window',
    );
  }
  const end = input.isolation ?? input.now;
  requireInstant(input.isolation === undefined ? 'now' : 'isolation', end);
  if (end <= from) {
    throw invalidField(
      'case',
      input.isolation === undefined ? 'now' : 'isolation',
      `ends the infectious window at or before its start (${new Date(from).toISOString()})`,
    );
  }
  return { from, to: end };
}

function requireInstant(field: string, value: number): void {
  if (!Number.isFinite(value)) throw invalidField('case', field, 'must be a time in epoch milliseconds');
}
