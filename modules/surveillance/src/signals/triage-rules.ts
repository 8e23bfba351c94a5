/**
 * Which triage decisions a signal allows, the way alerts are triaged: a new signal is investigated (or
 * dismissed at a glance), an investigated one is confirmed or dismissed. A dismissed signal can be taken
 * up again; a confirmed one stays confirmed; a merged one is gone (its items live on in another signal).
 */
import { AppError } from '@shuzhi/core';
import type { SignalStatus, TriageStatus } from './signals.schema.js';

const allowed: Record<SignalStatus, readonly TriageStatus[]> = {
  new: ['investigating', 'dismissed'],
  investigating: ['confirmed', 'dismissed'],
  confirmed: [],
  dismissed: ['investigating'],
  merged: [],
};

export function allowedTransitions(status: SignalStatus): readonly TriageStatus[] {
  return allowed[status];
}

/** Throws `conflict` naming the signal, its status and what it may move to, when `to` is not allowed. */
export function assertTransition(signalId: string, from: SignalStatus, to: TriageStatus): void {
  const options = allowed[from];
  if (options.includes(to)) return;
  const reason =
    options.length === 0
      ? `a ${from} signal cannot be triaged any more`
      : `a ${from} signal can move to ${options.join(' or ')}, not ${to}`;
  throw new AppError('conflict', `signal ${signalId}: ${reason}`, {
    issues: [{ record: signalId, field: 'status', reason }],
  });
}

/** Whether the signal still counts as open work for the command centre. */
export function isOpenStatus(status: SignalStatus): boolean {
  return status === 'new' || status === 'investigating';
}
