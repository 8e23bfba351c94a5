/** SQL for derived cases and follow-up tasks. */
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import { type ListParams, type Page } from '@shuzhi/core';
import { inPersonScope } from '../mpi/person-area.js';
import type { Executor } from '../records/bulk-writer.js';
import type { ConditionFact, EncounterFact, ObservationFact } from './facts.repository.js';

export interface CaseRow {
  id: string;
  person_id: string;
  classification: 'confirmed' | 'asymptomatic' | 'suspected';
  /** `active`; `merged` when the person was merged into another; `retracted` when its evidence went. */
  status: 'active' | 'merged' | 'retracted';
  onset: string | null;
  first_positive_specimen: string | null;
  report_time: string;
  area_code: string | null;
  source_id: string | null;
  basis: string[];
  created_at: string;
  updated_at: string;
}

export type FollowUpKind = 'positive-unreported' | 'fever-clinic-untested';

export interface FollowUpRow {
  id: string;
  kind: FollowUpKind;
  person_id: string;
  area_code: string | null;
  trigger_id: string;
  status: 'open' | 'resolved';
  due_at: string;
  created_at: string;
  detail: Record<string, unknown>;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
  note: string | null;
}

export class CasesRepository {
  constructor(private readonly database: Database) {}

  async casesOf(executor: Executor, personIds: readonly string[]): Promise<CaseRow[]> {
    const out: CaseRow[] = [];
    for (let i = 0; i < personIds.length; i += 500) {
      const rows = await executor
        .selectFrom('cases')
        .selectAll()
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .execute();
      out.push(...(rows as CaseRow[]).map((r) => decodeRow(r, { json: ['basis'] })));
    }
    return out;
  }

  async insertCase(executor: Executor, row: CaseRow): Promise<void> {
    await executor
      .insertInto('cases')
      .values({ ...row, basis: JSON.stringify(row.basis) })
      .execute();
  }

  async updateCase(executor: Executor, row: CaseRow): Promise<void> {
    const { id, created_at: _created, ...rest } = row;
    await executor
      .updateTable('cases')
      .set({ ...rest, basis: JSON.stringify(rest.basis) })
      .where('id', '=', id)
      .execute();
  }

  async findCase(id: string): Promise<CaseRow | undefined> {
    const row = await this.database.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? decodeRow(row as CaseRow, { json: ['basis'] }) : undefined;
  }

  async listCases(
    filter: {
      areaScope: string | null;
      classification?: string;
      status?: string;
      from?: string;
      to?: string;
    },
    params: ListParams,
  ): Promise<Page<CaseRow>> {
    let q = this.database.db.selectFrom('cases').selectAll();
    // Cases and tasks carry their person's area, so the person rule applies (city level seen city-wide).
    if (filter.areaScope !== null) q = q.where(inPersonScope('area_code', filter.areaScope));
    if (filter.classification) q = q.where('classification', '=', filter.classification);
    q = q.where('status', '=', filter.status ?? 'active');
    if (filter.from) q = q.where('report_time', '>=', filter.from);
    if (filter.to) q = q.where('report_time', '<', filter.to);
    const page = await fetchPage<CaseRow>(
      q,
      { ...params, order: params.sort ? params.order : 'desc' },
      {
        sortable: { reported: 'report_time', onset: 'onset', classification: 'classification' },
        key: 'id',
        searchable: ['person_id', 'area_code'],
      },
    );
    return { ...page, items: page.items.map((r) => decodeRow(r, { json: ['basis'] })) };
  }

  /** Tasks of these persons (in chunks: a sweep asks for tens of thousands, past SQLite's bound parameters). */
  async tasksOf(executor: Executor, personIds: readonly string[]): Promise<FollowUpRow[]> {
    const out: FollowUpRow[] = [];
    for (let i = 0; i < personIds.length; i += 500) {
      const rows = await executor
        .selectFrom('followup_tasks')
        .selectAll()
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .execute();
      out.push(...(rows as FollowUpRow[]).map((r) => decodeRow(r, { json: ['detail'] })));
    }
    return out;
  }

  async insertTasks(executor: Executor, rows: readonly FollowUpRow[]): Promise<void> {
    for (const row of rows)
      await executor
        .insertInto('followup_tasks')
        .values({ ...row, detail: JSON.stringify(row.detail) })
        .onConflict((oc) => oc.columns(['kind', 'trigger_id']).doNothing())
        .execute();
  }

  async findTask(id: string, executor: Executor = this.database.db): Promise<FollowUpRow | undefined> {
    const row = await executor
      .selectFrom('followup_tasks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? decodeRow(row as FollowUpRow, { json: ['detail'] }) : undefined;
  }

  async resolveTask(
    executor: Executor,
    id: string,
    resolution: { at: string; by: string; resolution: string; note: string | null },
  ): Promise<void> {
    await executor
      .updateTable('followup_tasks')
      .set({
        status: 'resolved',
        resolved_at: resolution.at,
        resolved_by: resolution.by,
        resolution: resolution.resolution,
        note: resolution.note,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .execute();
  }

  /** Reopens the resolved tasks with this resolver and note (an automatic resolution that no longer holds). */
  async reopenTasks(executor: Executor, which: { resolvedBy: string; note: string }): Promise<FollowUpRow[]> {
    const rows = (
      (await executor
        .selectFrom('followup_tasks')
        .selectAll()
        .where('status', '=', 'resolved')
        .where('resolved_by', '=', which.resolvedBy)
        .where('note', '=', which.note)
        .execute()) as FollowUpRow[]
    ).map((r) => decodeRow(r, { json: ['detail'] }));
    if (rows.length === 0) return [];
    await executor
      .updateTable('followup_tasks')
      .set({ status: 'open', resolved_at: null, resolved_by: null, resolution: null, note: null })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({
      ...r,
      status: 'open',
      resolved_at: null,
      resolved_by: null,
      resolution: null,
      note: null,
    }));
  }

  async listTasks(
    filter: { areaScope: string | null; status?: string; kind?: string },
    params: ListParams,
  ): Promise<Page<FollowUpRow>> {
    let q = this.database.db.selectFrom('followup_tasks').selectAll();
    // Cases and tasks carry their person's area, so the person rule applies (city level seen city-wide).
    if (filter.areaScope !== null) q = q.where(inPersonScope('area_code', filter.areaScope));
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    const page = await fetchPage<FollowUpRow>(
      q,
      { ...params, order: params.sort ? params.order : 'desc' },
      {
        sortable: { created: 'created_at', due: 'due_at', kind: 'kind' },
        key: 'id',
        searchable: ['person_id', 'kind'],
      },
    );
    return { ...page, items: page.items.map((r) => decodeRow(r, { json: ['detail'] })) };
  }

  /** Positive PCR or antigen results reported (result time, else arrival) in [from, to). */
  async positivesReportedBetween(executor: Executor, from: string, to: string): Promise<ObservationFact[]> {
    const rows = await executor
      .selectFrom('observations')
      .selectAll()
      .where('result', '=', 'positive')
      .where('test_kind', 'in', ['pcr', 'antigen'])
      .where('person_id', 'is not', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('resulted_at', '>=', from), eb('resulted_at', '<', to)]),
          eb.and([eb('resulted_at', 'is', null), eb('received_at', '>=', from), eb('received_at', '<', to)]),
        ]),
      )
      .limit(20_000)
      .execute();
    return rows as ObservationFact[];
  }

  /** Fever-clinic visits that began in [from, to). */
  async feverVisitsBetween(executor: Executor, from: string, to: string): Promise<EncounterFact[]> {
    const rows = await executor
      .selectFrom('encounters')
      .selectAll()
      .where('setting', '=', 'fever-clinic')
      .where('person_id', 'is not', null)
      .where('start_at', '>=', from)
      .where('start_at', '<', to)
      .limit(20_000)
      .execute();
    return (rows as EncounterFact[]).map((e) => decodeRow(e, { bool: ['fever'], json: ['symptoms'] }));
  }

  /** COVID-19 diagnoses (U07.1, U07.2) of these persons. */
  async covidDiagnosesOf(executor: Executor, personIds: readonly string[]): Promise<ConditionFact[]> {
    const out: ConditionFact[] = [];
    for (let i = 0; i < personIds.length; i += 500) {
      const rows = await executor
        .selectFrom('conditions')
        .selectAll()
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .where('code', 'in', ['U07.1', 'U07.2'])
        .execute();
      out.push(...(rows as ConditionFact[]));
    }
    return out;
  }

  /** SARS-CoV-2 PCR and antigen specimens of these persons. */
  async specimensOf(executor: Executor, personIds: readonly string[]): Promise<ObservationFact[]> {
    const out: ObservationFact[] = [];
    for (let i = 0; i < personIds.length; i += 500) {
      const rows = await executor
        .selectFrom('observations')
        .selectAll()
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .where('test_kind', 'in', ['pcr', 'antigen'])
        .execute();
      out.push(...(rows as ObservationFact[]));
    }
    return out;
  }

  /** Open tasks of a kind for these persons (to resolve them automatically when the answer arrives). */
  async openTasksOf(
    executor: Executor,
    kind: FollowUpKind,
    personIds: readonly string[],
  ): Promise<FollowUpRow[]> {
    const out: FollowUpRow[] = [];
    for (let i = 0; i < personIds.length; i += 500) {
      const rows = await executor
        .selectFrom('followup_tasks')
        .selectAll()
        .where('kind', '=', kind)
        .where('status', '=', 'open')
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .execute();
      out.push(...(rows as FollowUpRow[]).map((r) => decodeRow(r, { json: ['detail'] })));
    }
    return out;
  }
}
