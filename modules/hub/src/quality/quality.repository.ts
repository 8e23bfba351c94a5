/** SQL for data-source quality: what each source delivered and had refused, and how late its records arrive. */
import type { Database } from '@shuzhi/db';

export interface IntakeTotals {
  sourceId: string;
  accepted: number;
  unchanged: number;
  rejected: number;
  lastAcceptedAt: string | null;
}

export class QualityRepository {
  constructor(private readonly database: Database) {}

  /**
   * Per source, since `from`: records accepted, unchanged and refused, over the FHIR API (hub_intake) and
   * imports of every kind (import_jobs), and the last time anything was accepted (ever).
   */
  async intake(sourceIds: readonly string[], from: string): Promise<Map<string, IntakeTotals>> {
    const out = new Map<string, IntakeTotals>(
      sourceIds.map((id) => [
        id,
        { sourceId: id, accepted: 0, unchanged: 0, rejected: 0, lastAcceptedAt: null },
      ]),
    );
    if (sourceIds.length === 0) return out;
    const db = this.database.db;
    const sums = async (table: 'hub_intake' | 'import_jobs', timeColumn: string) =>
      (await db
        .selectFrom(table)
        .select((eb) => [
          'source_id',
          eb.fn.sum<number>('accepted').as('accepted'),
          eb.fn.sum<number>('unchanged').as('unchanged'),
          eb.fn.sum<number>('rejected').as('rejected'),
        ])
        .where('source_id', 'in', [...sourceIds])
        .where(timeColumn, '>=', from)
        .groupBy('source_id')
        .execute()) as { source_id: string; accepted: number; unchanged: number; rejected: number }[];
    const last = async (table: 'hub_intake' | 'import_jobs', timeColumn: string) =>
      (await db
        .selectFrom(table)
        .select((eb) => ['source_id', eb.fn.max(timeColumn).as('last')])
        .where('source_id', 'in', [...sourceIds])
        .where('accepted', '>', 0)
        .groupBy('source_id')
        .execute()) as { source_id: string; last: string | Date | null }[];
    for (const row of [...(await sums('hub_intake', 'at')), ...(await sums('import_jobs', 'created_at'))]) {
      const totals = out.get(row.source_id)!;
      totals.accepted += Number(row.accepted ?? 0);
      totals.unchanged += Number(row.unchanged ?? 0);
      totals.rejected += Number(row.rejected ?? 0);
    }
    for (const row of [...(await last('hub_intake', 'at')), ...(await last('import_jobs', 'finished_at'))]) {
      if (row.last === null) continue;
      const at = new Date(row.last).toISOString();
      const totals = out.get(row.source_id)!;
      if (totals.lastAcceptedAt === null || at > totals.lastAcceptedAt) totals.lastAcceptedAt = at;
    }
    return out;
  }

  /** Received − effective time of a source's most recent records, in ms. */
  async delays(sourceId: string, since: string, limit = 2000): Promise<number[]> {
    const rows = (await this.database.db
      .selectFrom('hub_records')
      .select(['received_at', 'effective_at'])
      .where('source_id', '=', sourceId)
      .where('received_at', '>=', since)
      .where('effective_at', 'is not', null)
      .orderBy('received_at', 'desc')
      .limit(limit)
      .execute()) as { received_at: string | Date; effective_at: string | Date }[];
    return rows.map((r) => new Date(r.received_at).getTime() - new Date(r.effective_at).getTime());
  }
}
