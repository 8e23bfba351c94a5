/**
 * Which triage decisions an alert allows: a new alert is investigated (or dismissed at a glance), an
 * investigated one is confirmed or dismissed; a dismissed one can be taken up again, a confirmed one
 * stays confirmed (its episode goes on collecting evidence).
 */
import { AppError } from '@shuzhi/core';
import type { AlertStatus } from './episodes.js';

export type TriageStatus = 'investigating' | 'confirmed' | 'dismissed';

const allowed: Record<AlertStatus, readonly TriageStatus[]> = {
  new: ['investigating', 'dismissed'],
  investigating: ['confirmed', 'dismissed'],
  confirmed: [],
  dismissed: ['investigating'],
};

export function allowedAlertTransitions(status: AlertStatus): readonly TriageStatus[] {
  return allowed[status];
}

/** Throws `conflict` naming the alert, its status and what it may move to, when `to` is not allowed. */
export function assertAlertTransition(alertId: string, from: AlertStatus, to: TriageStatus): void {
  const options = allowed[from];
  if (options.includes(to)) return;
  const reason =
    options.length === 0
      ? `a ${from} alert cannot be triaged any more`
      : `a ${from} alert can move to ${options.join(' or ')}, not ${to}`;
  throw new AppError('conflict', `alert ${alertId}: ${reason}`, {
    issues: [{ record: alertId, field: 'status', reason }],
  });
}
