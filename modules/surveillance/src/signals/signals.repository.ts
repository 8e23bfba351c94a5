/**
 * SQL for signals: the clustering lock and its state, signal rows, triage decisions, paged lists and
 * facets. JSON columns are written as text so both dialects store the same thing.
 */
import { sql } from 'kysely';
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import { areaScopePrefix, type ListParams, type Page } from '@shuzhi/core';
import type { Signal } from '../ebs/index.js';
import type { Executor } from './ports.js';
import type { DecisionRow, SignalRow } from './signal-rows.js';
import type { SignalStatus } from './signals.schema.js';

const kinds = { json: ['places', 'cluster_state'] } as const;

export interface ClusteringHead {
  /** Changes on every write of the open signals (a cache read under another token is stale). */
  token: string;
  nextNumber: number;
  /** The last day retirement ran for (YYYY-MM-DD). */
  retiredThrough: string | null;
}

export interface SignalFilter {
  statuses?: readonly SignalStatus[];
  diseaseId?: string;
  lang?: 'zh' | 'en';
  areaPrefix?: string;
}

function encode<T extends Partial<SignalRow>>(row: T): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  if (row.places !== undefined) out['places'] = JSON.stringify(row.places);
  if (row.cluster_state !== undefined) out['cluster_state'] = JSON.stringify(row.cluster_state);
  return out;
}

export class SignalsRepository {
  constructor(private readonly database: Database) {}

  /**
   * Takes the clustering lock for the rest of the caller's transaction and reads the head. The first
   * statement writes, so SQLite takes its write lock at once (no read-then-upgrade deadlock between
   * processes) and PostgreSQL locks the row until commit.
   */
  async lockClustering(executor: Executor): Promise<ClusteringHead> {
    await executor
      .updateTable('signal_clustering')
      .set({ next_number: sql`next_number` })
      .where('id', '=', 1)
      .execute();
    const row = (await executor
      .selectFrom('signal_clustering')
      .select(['token', 'next_number', 'retired_through'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow()) as { token: string; next_number: number; retired_through: string | null };
    return { token: row.token, nextNumber: Number(row.next_number), retiredThrough: row.retired_through };
  }

  async saveClustering(executor: Executor, head: ClusteringHead): Promise<void> {
    await executor
      .updateTable('signal_clustering')
      .set({ token: head.token, next_number: head.nextNumber, retired_through: head.retiredThrough })
      .where('id', '=', 1)
      .execute();
  }

  /** The clustering state of every signal new items can still join, oldest first. */
  async openClusterStates(executor: Executor): Promise<Signal[]> {
    const rows = (await executor
      .selectFrom('news_signals')
      .select(['cluster_state'])
      .where('retired_at', 'is', null)
      .where('status', '<>', 'merged')
      .orderBy(sql`length(id)`)
      .orderBy('id')
      .execute()) as { cluster_state: Signal | string }[];
    return rows.map((r) => decodeRow(r, { json: ['cluster_state'] }).cluster_state as Signal);
  }

  async findMany(executor: Executor, ids: readonly string[]): Promise<SignalRow[]> {
    if (ids.length === 0) return [];
    const rows = await executor
      .selectFrom('news_signals')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
    return (rows as SignalRow[]).map((r) => decodeRow(r, kinds));
  }

  async find(id: string, executor: Executor = this.database.db): Promise<SignalRow | undefined> {
    return (await this.findMany(executor, [id]))[0];
  }

  async insert(executor: Executor, row: SignalRow): Promise<void> {
    await executor.insertInto('news_signals').values(encode(row)).execute();
  }

  async update(executor: Executor, id: string, patch: Partial<SignalRow>): Promise<void> {
    await executor.updateTable('news_signals').set(encode(patch)).where('id', '=', id).execute();
  }

  /** Updates the signal only if its status is still `expected` (a concurrent triage wins otherwise). */
  async updateIfStatus(
    executor: Executor,
    id: string,
    expected: SignalStatus,
    patch: Partial<SignalRow>,
  ): Promise<boolean> {
    const result = await executor
      .updateTable('news_signals')
      .set(encode(patch))
      .where('id', '=', id)
      .where('status', '=', expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Marks these signals closed for new items. */
  async retire(executor: Executor, ids: readonly string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await executor
      .updateTable('news_signals')
      .set({ retired_at: at })
      .where('id', 'in', [...ids])
      .execute();
  }

  async insertDecision(executor: Executor, row: DecisionRow): Promise<void> {
    await executor.insertInto('signal_decisions').values(row).execute();
  }

  async decisionsOf(signalId: string): Promise<DecisionRow[]> {
    return (await this.database.db
      .selectFrom('signal_decisions')
      .selectAll()
      .where('signal_id', '=', signalId)
      .orderBy('at')
      .orderBy('id')
      .execute()) as DecisionRow[];
  }

  async list(filter: SignalFilter, params: ListParams): Promise<Page<SignalRow>> {
    let q = this.database.db.selectFrom('news_signals').selectAll();
    if (filter.statuses) q = q.where('status', 'in', [...filter.statuses]);
    if (filter.diseaseId) q = q.where('disease_id', '=', filter.diseaseId);
    if (filter.lang) q = q.where('languages', 'like', `%${filter.lang}%`);
    if (filter.areaPrefix) q = q.where('area_code', 'like', `${areaScopePrefix(filter.areaPrefix)}%`);
    const page = await fetchPage<SignalRow>(q, params, {
      sortable: {
        updated: 'updated_at',
        lastSeen: 'last_seen',
        firstSeen: 'first_seen',
        items: 'item_count',
        cases: 'max_cases',
        score: 'max_score',
        status: 'status',
      },
      key: 'id',
      searchable: ['headline', 'disease_en', 'disease_zh', 'place_name_en', 'place_name_zh', 'id'],
    });
    return { ...page, items: page.items.map((r) => decodeRow(r, kinds)) };
  }

  /** Open work for the command centre: most recent events first, then the larger ones. */
  async listOpen(limit: number): Promise<SignalRow[]> {
    const rows = await this.database.db
      .selectFrom('news_signals')
      .selectAll()
      .where('status', 'in', ['new', 'investigating'])
      .orderBy('last_seen', 'desc')
      .orderBy('item_count', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return (rows as SignalRow[]).map((r) => decodeRow(r, kinds));
  }

  /** Diseases of the signals that are not merged away, with how many signals each. */
  async diseaseFacets(): Promise<{ id: string; nameEn: string; nameZh: string; count: number }[]> {
    const rows = (await this.database.db
      .selectFrom('news_signals')
      .select(['disease_id', 'disease_en', 'disease_zh', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '<>', 'merged')
      .where('disease_id', 'is not', null)
      .groupBy(['disease_id', 'disease_en', 'disease_zh'])
      .orderBy('disease_id')
      .execute()) as {
      disease_id: string;
      disease_en: string | null;
      disease_zh: string | null;
      n: number;
    }[];
    return rows.map((r) => ({
      id: r.disease_id,
      nameEn: r.disease_en ?? r.disease_id,
      nameZh: r.disease_zh ?? r.disease_id,
      count: Number(r.n),
    }));
  }
}
