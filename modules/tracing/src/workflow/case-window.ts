/**
 * A case's infectious window from the hub's case record (DESIGN.md): from 2 days before symptom onset —
 * or before the first positive specimen when asymptomatic — to isolation, or now. An onset given as a date
 * is read as the start of that day in the platform's time zone (Asia/Shanghai, UTC+8, no daylight saving).
 */
import { invalidField } from '@shuzhi/core';
import { infectiousWindow, type ContactRules, type TimeWindow } from '../core/index.js';

/** The fields of a hub case the window needs. */
export interface CaseTimes {
  id: string;
  onset: string | null;
  firstPositiveSpecimen: string | null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** China Standard Time has been UTC+8 all year since 1992. */
const CHINA_OFFSET = '+08:00';

/** An onset or specimen time (a date, or an instant with offset) as epoch ms. */
export function caseInstant(value: string, field: string, caseId: string): number {
  const ms = DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00${CHINA_OFFSET}`) : Date.parse(value);
  if (!Number.isFinite(ms)) throw invalidField(`case ${caseId}`, field, `is not a date or instant: ${value}`);
  return ms;
}

export function caseWindow(
  kase: CaseTimes,
  options: { isolation?: number | undefined; now: number; rules: ContactRules },
): TimeWindow {
  if (kase.onset === null && kase.firstPositiveSpecimen === null)
    throw invalidField(
      `case ${kase.id}`,
      'onset',
      'has neither symptom onset nor a positive specimen; give the window (--from and --to)',
    );
  return infectiousWindow({
    onset: kase.onset === null ? undefined : caseInstant(kase.onset, 'onset', kase.id),
    firstPositiveSpecimen:
      kase.firstPositiveSpecimen === null
        ? undefined
        : caseInstant(kase.firstPositiveSpecimen, 'firstPositiveSpecimen', kase.id),
    isolation: options.isolation,
    now: options.now,
    rules: options.rules,
  });
}
