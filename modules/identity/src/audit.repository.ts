/** SQL for the audit trail: append entries to the hash chain under a lock, page through it, read it in order. */
import { sql } from 'kysely';
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import type { ListParams, Page } from '@shuzhi/core';
import { auditEntryHash, type AuditFields } from './audit-chain.js';

export type NewAuditEntry = Omit<AuditFields, 'seq'>;

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string;
  actor_role: string;
  purpose: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  outcome: string;
  area_code: string | null;
  request_id: string | null;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

export interface AuditFilter {
  actorId?: string;
  /** Any of these actors (e.g. every API key of one organisation); an empty list matches nothing. */
  actorIds?: string[];
  resourceType?: string;
  resourceId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export class AuditRepository {
  constructor(private readonly database: Database) {}

  /** Appends entries in one transaction, extending the chain from the locked head. */
  async append(entries: NewAuditEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    return this.database.db.transaction().execute(async (trx) => {
      const lock = this.database.dialect === 'postgres' ? sql` for update` : sql``;
      const head = (
        await sql<{
          seq: number;
          hash: string;
        }>`select seq, hash from audit_head where id = 1${lock}`.execute(trx)
      ).rows[0];
      if (!head) throw new Error('audit_head is missing: run migrations');
      let seq = Number(head.seq);
      let prev = head.hash;
      const rows = entries.map((entry) => {
        seq += 1;
        const fields: AuditFields = { ...entry, seq };
        const hash = auditEntryHash(prev, fields);
        const row = {
          seq,
          at: entry.at,
          actor_id: entry.actorId,
          actor_role: entry.actorRole,
          purpose: entry.purpose,
          action: entry.action,
          resource_type: entry.resourceType,
          resource_id: entry.resourceId,
          outcome: entry.outcome,
          area_code: entry.areaCode,
          request_id: entry.requestId,
          detail: entry.detail === undefined || entry.detail === null ? null : JSON.stringify(entry.detail),
          prev_hash: prev,
          hash,
        };
        prev = hash;
        return row;
      });
      for (let i = 0; i < rows.length; i += 200) {
        await trx
          .insertInto('audit_log')
          .values(rows.slice(i, i + 200))
          .execute();
      }
      await trx.updateTable('audit_head').set({ seq, hash: prev }).where('id', '=', 1).execute();
      return rows.map((r) => r.seq);
    });
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const row = await this.database.db
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return { seq: Number(row.seq), hash: String(row.hash) };
  }

  /** Reads entries in chain order, a batch at a time, starting after `afterSeq`. */
  async readBatch(afterSeq: number, limit: number): Promise<AuditRow[]> {
    const rows = await this.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => this.decode(r as AuditRow));
  }

  async list(filter: AuditFilter, params: ListParams): Promise<Page<AuditRow>> {
    let q = this.database.db.selectFrom('audit_log').selectAll();
    if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
    if (filter.actorIds)
      q =
        filter.actorIds.length > 0
          ? q.where('actor_id', 'in', filter.actorIds)
          : q.where(sql<boolean>`1 = 0`);
    if (filter.resourceType) q = q.where('resource_type', '=', filter.resourceType);
    if (filter.resourceId) q = q.where('resource_id', '=', filter.resourceId);
    if (filter.action) q = q.where('action', '=', filter.action);
    if (filter.from) q = q.where('at', '>=', filter.from);
    if (filter.to) q = q.where('at', '<', filter.to);
    const page = await fetchPage<AuditRow>(
      q,
      { ...params, order: params.sort ? params.order : 'desc' },
      {
        sortable: { seq: 'seq', at: 'at', actor: 'actor_id', action: 'action' },
        key: 'seq',
        searchable: ['action', 'resource_type', 'actor_id'],
      },
    );
    return { ...page, items: page.items.map((r) => this.decode(r)) };
  }

  private decode(row: AuditRow): AuditRow {
    const decoded = decodeRow(row, { json: ['detail'] });
    return { ...decoded, seq: Number(decoded.seq) };
  }
}
