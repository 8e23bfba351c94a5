/**
 * What a record means given who submitted it (pure). A fever clinic (发热门诊) reports fever-clinic visits,
 * whatever its Encounters say: most clinic systems send class AMB and a reason, without Shuzhi's
 * encounter-setting coding or 发热门诊 in a type's text, and such a visit must still count for asymptomatic
 * detection (MISSION S8: a fever-clinic visit without a test raises a follow-up).
 */
import type { HubRecord } from './records.js';

/** The record as its submitter's type implies (`sourceType` as registered: `fever_clinic`, `lab`…). */
export function asSubmittedBy<R extends HubRecord>(record: R, sourceType: string | undefined): R {
  if (sourceType === 'fever_clinic' && record.kind === 'encounter' && record.setting !== 'fever-clinic')
    return { ...record, setting: 'fever-clinic' };
  return record;
}
