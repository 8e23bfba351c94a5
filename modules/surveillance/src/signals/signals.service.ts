/**
 * Signals as an epidemiologist works with them: list and filter, read one with its items and decisions,
 * triage it (new → investigating → confirmed / dismissed, with a note, who and when), merge two signals
 * that are one event, and retire the ones no new item can join any more. Every decision is stored with
 * the signal, published on the change feed and written to the audit trail.
 */
import {
  AppError,
  invalidField,
  newId,
  notFoundOrNoAccess,
  type Clock,
  type ListParams,
  type Page,
} from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { AccessContext } from '@shuzhi/identity';
import type { NewsItemsRepository } from './news-items.repository.js';
import { toNewsItemView } from './news-item-rows.js';
import type { AuditPort, ChangeFeedPort } from './ports.js';
import { signalEvent, type SignalClusterer } from './signal-clusterer.js';
import { toDecision, toSignalView, type SignalRow } from './signal-rows.js';
import type { SignalFilter, SignalsRepository } from './signals.repository.js';
import {
  mergeRequestSchema,
  signalStatuses,
  triageRequestSchema,
  type MergeRequest,
  type NewsItemView,
  type SignalDetail,
  type SignalListQuery,
  type SignalView,
  type TriageRequest,
} from './signals.schema.js';
import { allowedTransitions, assertTransition } from './triage-rules.js';
import { validateInput } from './validate-input.js';

export interface SignalsServiceDeps {
  database: Database;
  signals: SignalsRepository;
  items: NewsItemsRepository;
  clusterer: SignalClusterer;
  feed: ChangeFeedPort;
  audit: AuditPort;
  clock: Clock;
}

export class SignalsService {
  private readonly database: Database;
  private readonly signals: SignalsRepository;
  private readonly items: NewsItemsRepository;
  private readonly clusterer: SignalClusterer;

  constructor(private readonly deps: SignalsServiceDeps) {
    this.database = deps.database;
    this.signals = deps.signals;
    this.items = deps.items;
    this.clusterer = deps.clusterer;
  }

  async listSignals(
    query: Omit<SignalListQuery, keyof ListParams>,
    params: ListParams,
  ): Promise<Page<SignalView>> {
    const filter: SignalFilter = {
      ...(query.status === 'open'
        ? { statuses: ['new', 'investigating'] }
        : query.status
          ? { statuses: [query.status] }
          : { statuses: signalStatuses.filter((s) => s !== 'merged') }),
      ...(query.disease ? { diseaseId: query.disease } : {}),
      ...(query.lang ? { lang: query.lang } : {}),
      ...(query.area ? { areaPrefix: query.area } : {}),
    };
    const page = await this.signals.list(filter, params);
    return { ...page, items: page.items.map(toSignalView) };
  }

  /** Open signals (new or investigating) for the command centre, most recent events first. */
  async listOpenSignals(_ctx: AccessContext, limit: number): Promise<SignalView[]> {
    return (await this.signals.listOpen(Math.max(1, Math.min(limit, 500)))).map(toSignalView);
  }

  async diseaseFacets(): Promise<{ id: string; nameEn: string; nameZh: string; count: number }[]> {
    return this.signals.diseaseFacets();
  }

  async getSignal(id: string): Promise<SignalDetail> {
    const row = await this.requireSignal(id);
    return this.detailOf(row);
  }

  async listSignalItems(id: string, params: ListParams): Promise<Page<NewsItemView>> {
    await this.requireSignal(id);
    const page = await this.items.list({ signalId: id }, params);
    return { ...page, items: page.items.map(toNewsItemView) };
  }

  /** Moves a signal to `status` with a note; refuses transitions the triage rules do not allow. */
  async triage(ctx: AccessContext, id: string, request: TriageRequest): Promise<SignalDetail> {
    const { status, note } = validateInput(triageRequestSchema, request, `signal ${id}`);
    const now = this.deps.clock.now().toISOString();
    const decisionId = newId('sdc');
    const { from, row } = await this.database.db.transaction().execute(async (trx) => {
      const before = await this.signals.find(id, trx);
      if (!before) throw notFoundOrNoAccess(`signal ${id}`);
      assertTransition(id, before.status, status);
      const patch = { status, triaged_by: ctx.principal.displayName, triaged_at: now, updated_at: now };
      if (!(await this.signals.updateIfStatus(trx, id, before.status, patch))) throw changedMeanwhile(id);
      await this.signals.insertDecision(trx, {
        id: decisionId,
        signal_id: id,
        kind: 'triage',
        from_status: before.status,
        to_status: status,
        note,
        related_signal_id: null,
        actor_id: ctx.principal.id,
        actor_name: ctx.principal.displayName,
        at: now,
      });
      const after: SignalRow = { ...before, ...patch };
      await this.deps.feed.publish(trx, [signalEvent('triaged', after)]);
      return { from: before.status, row: after };
    });
    this.deps.feed.notify();
    await this.auditDecision(ctx, id, { decision: decisionId, kind: 'triage', from, to: status });
    return this.detailOf(row);
  }

  /** Merges `absorbedId` into `keptId`: one event reported as two signals (e.g. reports a month apart). */
  async merge(ctx: AccessContext, keptId: string, request: MergeRequest): Promise<SignalDetail> {
    const { absorbedId, note } = validateInput(mergeRequestSchema, request, `signal ${keptId}`);
    if (absorbedId === keptId)
      throw invalidField(keptId, 'absorbedId', 'a signal cannot be merged into itself');
    const now = this.deps.clock.now().toISOString();
    const decisionId = newId('sdc');
    const kept = await this.database.db.transaction().execute(async (trx) => {
      const head = await this.clusterer.lock(trx);
      const keptRow = await this.signals.find(keptId, trx);
      const absorbedRow = await this.signals.find(absorbedId, trx);
      if (!keptRow) throw notFoundOrNoAccess(`signal ${keptId}`);
      if (!absorbedRow) throw invalidField(absorbedId, 'absorbedId', 'no signal with this id');
      if (keptRow.status === 'merged')
        throw invalidField(keptId, 'id', `already merged into ${keptRow.merged_into ?? 'another signal'}`);
      if (absorbedRow.status === 'merged')
        throw invalidField(
          absorbedId,
          'absorbedId',
          `already merged into ${absorbedRow.merged_into ?? 'another signal'}`,
        );
      const keptAfter = await this.clusterer.merge(trx, head, { kept: keptRow, absorbed: absorbedRow }, now);
      const absorbedPatch = {
        status: 'merged' as const,
        merged_into: keptId,
        triaged_by: ctx.principal.displayName,
        triaged_at: now,
        updated_at: now,
      };
      if (!(await this.signals.updateIfStatus(trx, absorbedId, absorbedRow.status, absorbedPatch)))
        throw changedMeanwhile(absorbedId);
      for (const [signalId, from, to, related] of [
        [keptId, keptRow.status, keptRow.status, absorbedId],
        [absorbedId, absorbedRow.status, 'merged', keptId],
      ] as const) {
        await this.signals.insertDecision(trx, {
          id: signalId === keptId ? decisionId : newId('sdc'),
          signal_id: signalId,
          kind: 'merge',
          from_status: from,
          to_status: to,
          note,
          related_signal_id: related,
          actor_id: ctx.principal.id,
          actor_name: ctx.principal.displayName,
          at: now,
        });
      }
      await this.deps.feed.publish(trx, [
        signalEvent('updated', keptAfter),
        signalEvent('triaged', { ...absorbedRow, ...absorbedPatch }),
      ]);
      return keptAfter;
    });
    this.deps.feed.notify();
    await this.auditDecision(ctx, keptId, { decision: decisionId, kind: 'merge', absorbed: absorbedId });
    return this.detailOf(kept);
  }

  /**
   * Closes signals whose last item is more than the clustering window before today (UTC), so the
   * open set clustering reads stays small. Runs at most once a day however often it is called.
   */
  async retireStaleSignals(): Promise<{ day: string; retired: string[] }> {
    const now = this.deps.clock.now();
    const today = now.toISOString().slice(0, 10);
    return this.database.db.transaction().execute(async (trx) => {
      const head = await this.clusterer.lock(trx);
      if (head.retiredThrough !== null && head.retiredThrough >= today) return { day: today, retired: [] };
      return { day: today, retired: await this.clusterer.retire(trx, head, today, now.toISOString()) };
    });
  }

  private async detailOf(row: SignalRow): Promise<SignalDetail> {
    const decisions = await this.signals.decisionsOf(row.id);
    return {
      ...toSignalView(row),
      decisions: decisions.map(toDecision),
      allowedTransitions: [...allowedTransitions(row.status)],
    };
  }

  private async requireSignal(id: string): Promise<SignalRow> {
    const row = await this.signals.find(id);
    if (!row) throw notFoundOrNoAccess(`signal ${id}`);
    return row;
  }

  /**
   * The gatekeeper audits the request; this adds the decision itself (ids and statuses only — the note
   * may name people, so it stays in the decision record, which the audit entry points to).
   */
  private async auditDecision(
    ctx: AccessContext,
    signalId: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.deps.audit.record(ctx, {
      action: `signal ${String(detail['kind'])}`,
      resourceType: 'signal',
      resourceId: signalId,
      outcome: 'success',
      detail,
    });
  }
}

function changedMeanwhile(id: string): AppError {
  return new AppError(
    'conflict',
    `signal ${id} was triaged by someone else meanwhile; reload it and decide again`,
    {
      issues: [{ record: id, field: 'status', reason: 'changed meanwhile' }],
    },
  );
}
