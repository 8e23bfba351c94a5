/**
 * The audit trail (MISSION B3): every write and every read of personal data is recorded — actor, role,
 * purpose, action, resource, outcome, time — in an append-only, hash-chained log that `verify` checks.
 * Entries from concurrent requests are group-committed: one transaction per batch, each caller awaiting
 * its own entry, so the log is written before the response leaves and stays fast under load.
 */
import { yieldToEventLoop, type Clock, type ListParams, type Page } from '@shuzhi/core';
import { auditEntryHash, describeBreak, type ChainBreak } from './audit-chain.js';
import { GENESIS_HASH } from './identity.migrations.js';
import type { AuditFilter, AuditRepository, AuditRow, NewAuditEntry } from './audit.repository.js';
import type { AccessContext } from './principal.js';

export interface AuditEvent {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  outcome: 'success' | 'denied' | 'failure';
  areaCode?: string | null;
  /** Non-personal detail only (counts, ids, field names) — never names, ID numbers or phone numbers. */
  detail?: Record<string, unknown>;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  firstBreak: (ChainBreak & { message: string }) | null;
}

interface Pending {
  entry: NewAuditEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class AuditService {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /** Records one event for the caller in `ctx`; resolves once it is durably in the chain. */
  record(ctx: AccessContext, event: AuditEvent): Promise<void> {
    const entry: NewAuditEntry = {
      at: this.clock.now().toISOString(),
      actorId: ctx.principal.id,
      actorRole: ctx.principal.role,
      purpose: ctx.purpose,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId ?? null,
      outcome: event.outcome,
      areaCode: event.areaCode ?? null,
      requestId: ctx.requestId ?? null,
      detail: event.detail ?? null,
    };
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  /** Waits until everything recorded so far is written (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    // Let concurrent requests of this tick join the batch.
    await yieldToEventLoop();
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, 500);
        try {
          await this.appendWithRetry(batch.map((p) => p.entry));
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private async appendWithRetry(entries: NewAuditEntry[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.repository.append(entries);
        return;
      } catch (error) {
        // Another process holding SQLite's write lock: wait and retry a few times.
        if (attempt >= 5 || !/SQLITE_BUSY|database is locked/i.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
      }
    }
  }

  list(filter: AuditFilter, params: ListParams): Promise<Page<AuditRow>> {
    return this.repository.list(filter, params);
  }

  /** Walks the whole chain in order and reports the first broken link, if any. */
  async verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
    const head = await this.repository.head();
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    const fail = (b: ChainBreak): VerifyResult => ({
      ok: false,
      entries: checked,
      firstBreak: { ...b, message: describeBreak(b) },
    });
    for (;;) {
      const batch = await this.repository.readBatch(expectedSeq - 1, 5000);
      if (batch.length === 0) break;
      for (const row of batch) {
        if (row.seq !== expectedSeq)
          return fail({ kind: 'sequence_gap', seq: row.seq, expected: expectedSeq });
        if (row.prev_hash !== prev) return fail({ kind: 'link_mismatch', seq: row.seq });
        const recomputed = auditEntryHash(prev, {
          seq: row.seq,
          at: row.at,
          actorId: row.actor_id,
          actorRole: row.actor_role,
          purpose: row.purpose,
          action: row.action,
          resourceType: row.resource_type,
          resourceId: row.resource_id,
          outcome: row.outcome,
          areaCode: row.area_code,
          requestId: row.request_id,
          detail: row.detail,
        });
        if (recomputed !== row.hash) return fail({ kind: 'hash_mismatch', seq: row.seq });
        prev = row.hash;
        expectedSeq += 1;
        checked += 1;
      }
      onProgress?.(checked, head.seq);
    }
    if (checked !== head.seq || prev !== head.hash) return fail({ kind: 'head_mismatch', seq: checked });
    return { ok: true, entries: checked, firstBreak: null };
  }
}
