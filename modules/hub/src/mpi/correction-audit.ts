/**
 * The audit entries of a corrected person record that its correction moved to another person, and of a person
 * a move left with no record (emptied). The move happens
 * inside the submitting source's transaction, where the audit trail (its own group-committed transactions)
 * cannot be written on SQLite's one connection; the change feed's `hub.person.unmerged` event with cause
 * `correction` is committed with it, so a subscriber records the entry once the move is durable.
 */
import type { Clock } from '@shuzhi/core';
import { systemContext, type AuditService } from '@shuzhi/identity';
import type { ChangeFeed } from '../feed/change-feed.js';

export const CORRECTION_AUDIT_SUBSCRIBER = 'hub-mpi-correction-audit';

/** Subscribes the audit of corrections (call once per process, where the other feed subscribers start). */
export async function auditCorrections(
  feed: Pick<ChangeFeed, 'subscribe'>,
  audit: Pick<AuditService, 'record'>,
  clock: Clock,
): Promise<void> {
  const ctx = systemContext('hub-mpi', 'data_quality', clock);
  await feed.subscribe({
    name: CORRECTION_AUDIT_SUBSCRIBER,
    topics: ['hub.person.unmerged'],
    startAt: 'now',
    handle: async (events) => {
      for (const event of events) {
        // A person left with no record by a move (its identifiers dropped) is a change to that person too.
        if (event.payload['emptied'] === true)
          await audit.record(ctx, {
            action: 'empty person left by a moved record',
            resourceType: 'person',
            resourceId: String(event.payload['survivorId']),
            outcome: 'success',
            areaCode: event.areaCode ?? null,
            detail: {
              recordsMovedTo: event.payload['mergedId'],
              recordIds: event.payload['recordIds'],
              cause: event.payload['cause'],
              feedSeq: event.seq,
            },
          });
        if (event.payload['cause'] !== 'correction') continue;
        // Person and record ids only: never names or ID numbers (a record key may be one).
        await audit.record(ctx, {
          action: 'relink corrected person record',
          resourceType: 'person',
          resourceId: String(event.payload['mergedId']),
          outcome: 'success',
          areaCode: event.areaCode ?? null,
          detail: {
            fromPersonId: event.payload['survivorId'],
            toPersonId: event.payload['mergedId'],
            recordIds: event.payload['recordIds'],
            feedSeq: event.seq,
          },
        });
      }
    },
  });
}
