/**
 * SQL for presence rows: insert an import's rows as one batch, stream them back for the in-memory index
 * (all of them at start-up, one batch after each import), and purge rows past retention.
 */
import { sql } from 'kysely';
import { yieldToEventLoop } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { Executor } from '@shuzhi/hub';
import { BulkInserter } from './bulk-insert.js';
import type { PresenceKind } from './presence-records.js';
import { presenceTables, type IndexedKind } from './presence-tables.js';

export interface BatchRow {
  id: number;
  kind: PresenceKind;
  rows: number;
  min_end: number | null;
  max_end: number | null;
  created_at: string;
}

/** A loaded row: the batch, then the table's `loadColumns` in order. */
export type LoadedRow = unknown[];

/** Rows per page when streaming a table back. */
const PAGE = 50_000;

export class PresenceRepository {
  readonly #inserter: BulkInserter;

  constructor(private readonly database: Database) {
    this.#inserter = new BulkInserter(database);
  }

  async createBatch(executor: Executor, kind: PresenceKind, now: string): Promise<number> {
    const row = (await executor
      .insertInto('tracing_presence_batches')
      .values({ kind, rows: 0, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()) as { id: number };
    return Number(row.id);
  }

  async finishBatch(
    executor: Executor,
    batch: number,
    summary: { rows: number; minEnd: number | null; maxEnd: number | null },
  ): Promise<void> {
    await executor
      .updateTable('tracing_presence_batches')
      .set({ rows: summary.rows, min_end: summary.minEnd, max_end: summary.maxEnd })
      .where('id', '=', batch)
      .execute();
  }

  /** Inserts rows given column by column (the table's column order); returns how many were new. */
  insertRows(executor: Executor, kind: PresenceKind, columns: readonly unknown[][]): Promise<number> {
    return this.#inserter.insert(executor, presenceTables[kind], columns);
  }

  /** The mode each of these trips was stored with. */
  async tripModes(executor: Executor, tripIds: readonly string[]): Promise<Map<string, string>> {
    const modes = new Map<string, string>();
    for (let i = 0; i < tripIds.length; i += 500) {
      const rows = (await executor
        .selectFrom('tracing_trips')
        .select(['trip_id', 'mode'])
        .distinct()
        .where('trip_id', 'in', tripIds.slice(i, i + 500))
        .execute()) as { trip_id: string; mode: string }[];
      for (const row of rows) modes.set(row.trip_id, row.mode);
    }
    return modes;
  }

  async batches(): Promise<BatchRow[]> {
    const rows = (await this.database.db
      .selectFrom('tracing_presence_batches')
      .selectAll()
      .orderBy('id')
      .execute()) as BatchRow[];
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      rows: Number(r.rows),
      min_end: r.min_end === null ? null : Number(r.min_end),
      max_end: r.max_end === null ? null : Number(r.max_end),
    }));
  }

  /**
   * Streams every row of a kind (or of one batch) page by page to `onPage`: `[batch, ...loadColumns]`.
   * Rows of batches committed while streaming may or may not appear; the caller keeps only the batches
   * it decided to load.
   */
  async forEachPage(
    kind: IndexedKind,
    onPage: (rows: LoadedRow[]) => void | Promise<void>,
    onlyBatch?: number,
  ): Promise<void> {
    const table = presenceTables[kind];
    const columns = sql.raw(['batch', ...table.loadColumns].join(', '));
    const from = sql.raw(table.name);
    const toRow = (r: Record<string, unknown>): LoadedRow => [
      r['batch'],
      ...table.loadColumns.map((c) => r[c]),
    ];
    if (this.database.dialect === 'sqlite') {
      // Keyset pages on the rowid: a sequential scan that leaves the one connection free between pages.
      // One batch was written by one transaction of the one writer, so its rows are a rowid range.
      let after = 0;
      let last = Number.MAX_SAFE_INTEGER;
      if (onlyBatch !== undefined) {
        const { rows } = await sql<{ first: number | null; last: number | null }>`
          select min(rowid) as first, max(rowid) as last from ${from} where batch = ${onlyBatch}`.execute(
          this.database.db,
        );
        if (rows[0]?.first === null || rows[0]?.first === undefined) return;
        after = Number(rows[0].first) - 1;
        last = Number(rows[0].last);
      }
      const batch = onlyBatch === undefined ? sql`` : sql`and batch = ${onlyBatch}`;
      for (;;) {
        const { rows } = await sql<Record<string, unknown>>`
          select rowid as rid, ${columns} from ${from} where rowid > ${after} and rowid <= ${last} ${batch}
          order by rowid limit ${PAGE}`.execute(this.database.db);
        if (rows.length === 0) return;
        after = Number(rows[rows.length - 1]!['rid']);
        await onPage(rows.map(toRow));
        // better-sqlite3 answers synchronously: let waiting requests in between pages.
        await yieldToEventLoop();
      }
    }
    // PostgreSQL: a server-side cursor (a sequential scan), fetched a page at a time.
    const batch = onlyBatch === undefined ? sql`` : sql`where batch = ${onlyBatch}`;
    await this.database.db.transaction().execute(async (trx) => {
      await sql`declare presence_scan no scroll cursor for select ${columns} from ${from} ${batch}`.execute(
        trx,
      );
      for (;;) {
        const { rows } = await sql<
          Record<string, unknown>
        >`fetch forward ${sql.raw(String(PAGE))} from presence_scan`.execute(trx);
        if (rows.length === 0) break;
        await onPage(rows.map(toRow));
      }
      await sql`close presence_scan`.execute(trx);
    });
  }

  /**
   * Retention (MISSION B3): deletes rows that ended before `cutoff` (epoch ms), batch by batch through the
   * (batch, end) indexes; drops batches left empty. Open hotel stays (no check-out) are kept.
   */
  async purgeBefore(cutoff: number): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    const old = await this.database.db
      .selectFrom('tracing_presence_batches')
      .select(['id', 'kind', 'max_end'])
      .where('min_end', '<', cutoff)
      .execute();
    for (const batch of old as { id: number; kind: PresenceKind; max_end: number | null }[]) {
      const table = presenceTables[batch.kind];
      if (!table || table.endColumn === null) continue;
      const result = await this.database.db
        .deleteFrom(table.name)
        .where('batch', '=', Number(batch.id))
        .where(table.endColumn, '<', cutoff)
        .executeTakeFirst();
      deleted[batch.kind] = (deleted[batch.kind] ?? 0) + Number(result.numDeletedRows);
      const left = await this.database.db
        .selectFrom(table.name)
        .select((eb) => eb.fn.min(table.endColumn!).as('min_end'))
        .where('batch', '=', Number(batch.id))
        .executeTakeFirst();
      const minEnd = (left as { min_end: number | null } | undefined)?.min_end ?? null;
      await this.database.db
        .updateTable('tracing_presence_batches')
        .set({ min_end: minEnd === null ? null : Number(minEnd) })
        .where('id', '=', Number(batch.id))
        .execute();
    }
    return deleted;
  }

  /** Rows per kind (for stats pages and tests). */
  async counts(): Promise<Record<PresenceKind, number>> {
    const out = {} as Record<PresenceKind, number>;
    for (const [kind, table] of Object.entries(presenceTables) as [
      PresenceKind,
      (typeof presenceTables)[PresenceKind],
    ][]) {
      const row = await this.database.db
        .selectFrom(table.name)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      out[kind] = Number((row as { n: number } | undefined)?.n ?? 0);
    }
    return out;
  }
}
