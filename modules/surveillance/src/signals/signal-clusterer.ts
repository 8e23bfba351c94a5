/**
 * The clustering core (`addItem`, `mergeSignals`, `retireSignals`) over the database. The state is
 * persisted per signal (each open signal row keeps the core's full `Signal`), so every process — the
 * server, a second server, a CLI import — clusters against the same open signals: each write takes the
 * clustering lock, reads the open signals (from an in-process cache while the stored token says nobody
 * else wrote since), applies the core, writes back the signals it changed and a new token.
 */
import { newId } from '@shuzhi/core';
import {
  addItem,
  createSignalState,
  mergeSignals,
  retireSignals,
  type Signal,
  type SignalItem,
  type SignalOptions,
  type SignalState,
} from '../ebs/index.js';
import type { NewsItemsRepository } from './news-items.repository.js';
import type { Executor, SignalFeedEvent } from './ports.js';
import { columnsOfSignal, type SignalRow } from './signal-rows.js';
import type { ClusteringHead, SignalsRepository } from './signals.repository.js';

export interface ClusterInput {
  itemId: string;
  title: string;
  score: number;
  signalItem: SignalItem;
}

export interface ClusterOutcome {
  /** Signal of each clustered item. */
  signalOf: Map<string, string>;
  created: string[];
  updated: string[];
  /** Dismissed signals that a new item brought back to `new`. */
  reopened: string[];
  events: SignalFeedEvent[];
}

/** Who the system's own decisions (re-opening a dismissed signal) are recorded as. */
export const SYSTEM_ACTOR = { id: 'system:signals', name: 'system' };

export function signalEvent(topic: 'created' | 'updated' | 'triaged', row: SignalRow): SignalFeedEvent {
  return {
    topic: `surveillance.signal.${topic}`,
    entityType: 'Signal',
    entityId: row.id,
    areaCode: row.area_code,
    payload: {
      status: row.status,
      diseaseId: row.disease_id,
      placeCode: row.place_code,
      placeScheme: row.place_scheme,
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
      itemCount: row.item_count,
      maxCases: row.max_cases,
      maxDeaths: row.max_deaths,
      ...(row.merged_into ? { mergedInto: row.merged_into } : {}),
    },
  };
}

export class SignalClusterer {
  private cache: { token: string; state: SignalState } | null = null;

  constructor(
    private readonly signals: SignalsRepository,
    private readonly items: NewsItemsRepository,
    private readonly options: Partial<SignalOptions> = {},
  ) {}

  /** Takes the clustering lock for the caller's transaction; call first in it. */
  lock(executor: Executor): Promise<ClusteringHead> {
    return this.signals.lockClustering(executor);
  }

  /** Adds relevant items, in order, to the open signals and writes what changed. */
  async cluster(
    executor: Executor,
    head: ClusteringHead,
    inputs: readonly ClusterInput[],
    now: string,
  ): Promise<ClusterOutcome> {
    let state = await this.openState(executor, head);
    const signalOf = new Map<string, string>();
    const createdIds = new Set<string>();
    const touched = new Set<string>();
    const bestScore = new Map<string, number>();
    const headlineOf = new Map<string, string>();
    for (const input of inputs) {
      const result = addItem(state, input.signalItem);
      state = result.state;
      signalOf.set(input.itemId, result.signalId);
      touched.add(result.signalId);
      if (result.created) {
        createdIds.add(result.signalId);
        headlineOf.set(result.signalId, input.title);
      }
      bestScore.set(result.signalId, Math.max(bestScore.get(result.signalId) ?? 0, input.score));
    }
    const outcome: ClusterOutcome = { signalOf, created: [], updated: [], reopened: [], events: [] };
    if (touched.size === 0) return outcome;
    const byId = new Map(state.signals.map((s) => [s.id, s]));
    const existing = new Map(
      (
        await this.signals.findMany(
          executor,
          [...touched].filter((id) => !createdIds.has(id)),
        )
      ).map((r) => [r.id, r]),
    );
    for (const id of touched) {
      const signal = byId.get(id)!;
      const before = existing.get(id);
      let row: SignalRow;
      if (before) {
        row = await this.writeJoined(executor, { before, signal, score: bestScore.get(id) ?? 0 }, now);
        outcome.updated.push(id);
        if (row.status !== before.status) outcome.reopened.push(id);
      } else {
        row = this.newRow(signal, headlineOf.get(id) ?? id, bestScore.get(id) ?? 0, now);
        await this.signals.insert(executor, row);
        outcome.created.push(id);
      }
      outcome.events.push(signalEvent(before ? 'updated' : 'created', row));
      await this.items.assignSignal(
        executor,
        inputs.filter((i) => signalOf.get(i.itemId) === id).map((i) => i.itemId),
        id,
      );
    }
    await this.save(executor, { ...head, nextNumber: state.nextNumber }, state);
    return outcome;
  }

  /**
   * Merges `absorbedId` into `keptId` (both read from their stored state, open or retired) and writes
   * the kept signal; returns the kept signal's new row. The caller marks the absorbed one merged.
   */
  async merge(
    executor: Executor,
    head: ClusteringHead,
    { kept, absorbed }: { kept: SignalRow; absorbed: SignalRow },
    now: string,
  ): Promise<SignalRow> {
    const pair = { ...this.emptyState(head), signals: [kept.cluster_state, absorbed.cluster_state] };
    const merged = mergeSignals(pair, kept.id, absorbed.id).signals[0]!;
    const patch = {
      ...columnsOfSignal(merged),
      max_score: Math.max(Number(kept.max_score), Number(absorbed.max_score)),
      retired_at: null,
      updated_at: now,
    };
    await this.signals.update(executor, kept.id, patch);
    const row: SignalRow = { ...kept, ...patch };
    await this.items.moveSignal(executor, absorbed.id, kept.id);
    await this.save(executor, head, null);
    return row;
  }

  /** Closes the open signals whose last item is beyond the window before `today`; returns their ids. */
  async retire(executor: Executor, head: ClusteringHead, today: string, now: string): Promise<string[]> {
    const state = await this.openState(executor, head);
    const { state: open, retired } = retireSignals(state, today);
    const ids = retired.map((s) => s.id);
    await this.signals.retire(executor, ids, now);
    await this.save(executor, { ...head, retiredThrough: today }, open);
    return ids;
  }

  private emptyState(head: ClusteringHead): SignalState {
    return { ...createSignalState(this.options), nextNumber: head.nextNumber };
  }

  private async openState(executor: Executor, head: ClusteringHead): Promise<SignalState> {
    if (this.cache && this.cache.token === head.token) return this.cache.state;
    return { ...this.emptyState(head), signals: await this.signals.openClusterStates(executor) };
  }

  /**
   * Writes the new head with a fresh token and caches `state` under it. A token is never reused, so a
   * cache written by a transaction that then rolls back can never match the stored token.
   */
  private async save(executor: Executor, head: ClusteringHead, state: SignalState | null): Promise<void> {
    const token = newId('clu');
    await this.signals.saveClustering(executor, { ...head, token });
    this.cache = state ? { token, state: { ...state, nextNumber: head.nextNumber } } : null;
  }

  private newRow(signal: Signal, headline: string, score: number, now: string): SignalRow {
    return {
      id: signal.id,
      status: 'new',
      headline,
      ...columnsOfSignal(signal),
      max_score: score,
      merged_into: null,
      retired_at: null,
      triaged_by: null,
      triaged_at: null,
      created_at: now,
      updated_at: now,
    };
  }

  /**
   * Writes the clustering columns of a signal new items joined. Only those: its triage status is the
   * epidemiologist's, except that a dismissed signal with new evidence is re-opened (status `new`).
   */
  private async writeJoined(
    executor: Executor,
    { before, signal, score }: { before: SignalRow; signal: Signal; score: number },
    now: string,
  ): Promise<SignalRow> {
    const patch = {
      ...columnsOfSignal(signal),
      max_score: Math.max(Number(before.max_score), score),
      updated_at: now,
    };
    await this.signals.update(executor, before.id, patch);
    const row: SignalRow = { ...before, ...patch };
    if (before.status !== 'dismissed') return row;
    if (!(await this.signals.updateIfStatus(executor, before.id, 'dismissed', { status: 'new' }))) return row;
    await this.reopen(executor, before.id, now);
    return { ...row, status: 'new' };
  }

  private async reopen(executor: Executor, id: string, now: string): Promise<void> {
    await this.signals.insertDecision(executor, {
      id: newId('sdc'),
      signal_id: id,
      kind: 'reopen',
      from_status: 'dismissed',
      to_status: 'new',
      note: '',
      related_signal_id: null,
      actor_id: SYSTEM_ACTOR.id,
      actor_name: SYSTEM_ACTOR.name,
      at: now,
    });
  }
}
