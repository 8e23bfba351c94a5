/** SQL for the tracing workflow: trace runs, contacts, tracing tasks and their history. */
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import { areaScopePrefix, type ListParams, type Page } from '@shuzhi/core';
import type { Executor } from '@shuzhi/hub';
import type { TraceReport } from '../core/index.js';
import type { StoredExposure, TaskStatus } from './workflow.schema.js';

export interface RunRow {
  id: string;
  case_id: string | null;
  person_id: string | null;
  subject_ref: string;
  area_code: string | null;
  trigger: string;
  window_from: string;
  window_to: string;
  close_count: number;
  secondary_count: number;
  report: TraceReport | Record<string, never>;
  status: 'done' | 'failed';
  error: string | null;
  triggered_at: string | null;
  started_at: string;
  finished_at: string;
  duration_ms: number;
}

export interface ContactRow {
  id: string;
  case_person_id: string;
  case_id: string | null;
  run_id: string | null;
  person_id: string | null;
  person_ref: string;
  degree: 1 | 2;
  source: 'data' | 'interview';
  first_exposure_at: string;
  exposure_from: string;
  exposure_to: string;
  exposure_count: number;
  via_ref: string | null;
  exposures: StoredExposure[];
  area_code: string | null;
  task_id: string;
  note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface TaskRow {
  id: string;
  person_id: string | null;
  person_ref: string;
  degree: 1 | 2;
  status: TaskStatus;
  assignee: string | null;
  area_code: string | null;
  case_count: number;
  first_case_person_id: string;
  last_exposure_at: string;
  quarantined_at: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface HistoryRow {
  id: string;
  task_id: string;
  at: string;
  actor: string;
  action: 'created' | 'linked' | 'status' | 'assigned' | 'note';
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  detail: Record<string, string | number | boolean | null>;
}

const IN_CHUNK = 500;
const INSERT_CHUNK = 200;

export interface TaskFilter {
  areaScope: string | null;
  status?: TaskStatus | undefined;
  degree?: 1 | 2 | undefined;
  assignee?: string | undefined;
}

export class WorkflowRepository {
  constructor(private readonly database: Database) {}

  get db(): Database['db'] {
    return this.database.db;
  }

  async insertRun(executor: Executor, row: RunRow): Promise<void> {
    await executor
      .insertInto('tracing_runs')
      .values({ ...row, report: JSON.stringify(row.report) })
      .execute();
  }

  async runsOf(personId: string, limit = 20): Promise<RunRow[]> {
    const rows = (await this.database.db
      .selectFrom('tracing_runs')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('started_at', 'desc')
      .limit(limit)
      .execute()) as RunRow[];
    return rows.map(decodeRun);
  }

  /** Persons whose latest trace started at or after `since`, with that run (for re-tracing). */
  async recentlyTraced(since: string, limit: number): Promise<RunRow[]> {
    const rows = (await this.database.db
      .selectFrom('tracing_runs')
      .selectAll()
      .where('started_at', '>=', since)
      .where('status', '=', 'done')
      .where('person_id', 'is not', null)
      .orderBy('started_at', 'desc')
      .limit(limit * 5)
      .execute()) as RunRow[];
    const latest = new Map<string, RunRow>();
    for (const row of rows) if (!latest.has(row.person_id!)) latest.set(row.person_id!, decodeRun(row));
    return [...latest.values()].slice(0, limit);
  }

  async contactsOfCase(
    executor: Executor,
    casePersonId: string,
    refs: readonly string[],
  ): Promise<ContactRow[]> {
    const out: ContactRow[] = [];
    for (let i = 0; i < refs.length; i += IN_CHUNK)
      out.push(
        ...((await executor
          .selectFrom('tracing_contacts')
          .selectAll()
          .where('case_person_id', '=', casePersonId)
          .where('person_ref', 'in', refs.slice(i, i + IN_CHUNK))
          .execute()) as ContactRow[]),
      );
    return out.map(decodeContact);
  }

  async insertContacts(executor: Executor, rows: readonly ContactRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await executor
        .insertInto('tracing_contacts')
        .values(
          rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, exposures: JSON.stringify(r.exposures) })),
        )
        .execute();
  }

  async updateContact(executor: Executor, row: ContactRow): Promise<void> {
    const { id, created_at: _created, ...rest } = row;
    await executor
      .updateTable('tracing_contacts')
      .set({ ...rest, exposures: JSON.stringify(rest.exposures) })
      .where('id', '=', id)
      .execute();
  }

  async openTasksOf(executor: Executor, refs: readonly string[]): Promise<Map<string, TaskRow>> {
    const out = new Map<string, TaskRow>();
    for (let i = 0; i < refs.length; i += IN_CHUNK)
      for (const row of (await executor
        .selectFrom('tracing_tasks')
        .selectAll()
        .where('person_ref', 'in', refs.slice(i, i + IN_CHUNK))
        .where('closed_at', 'is', null)
        .execute()) as TaskRow[])
        out.set(row.person_ref, decodeTask(row));
    return out;
  }

  async insertTasks(executor: Executor, rows: readonly TaskRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await executor
        .insertInto('tracing_tasks')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
  }

  async updateTask(executor: Executor, row: TaskRow): Promise<void> {
    const { id, created_at: _created, ...rest } = row;
    await executor.updateTable('tracing_tasks').set(rest).where('id', '=', id).execute();
  }

  async insertHistory(executor: Executor, rows: readonly HistoryRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await executor
        .insertInto('tracing_task_history')
        .values(rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, detail: JSON.stringify(r.detail) })))
        .execute();
  }

  async findTask(id: string, executor: Executor = this.database.db): Promise<TaskRow | undefined> {
    const row = (await executor
      .selectFrom('tracing_tasks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()) as TaskRow | undefined;
    return row ? decodeTask(row) : undefined;
  }

  async historyOf(taskId: string): Promise<HistoryRow[]> {
    const rows = (await this.database.db
      .selectFrom('tracing_task_history')
      .selectAll()
      .where('task_id', '=', taskId)
      .orderBy('at')
      .orderBy('id')
      .execute()) as HistoryRow[];
    return rows.map((r) => decodeRow(r, { json: ['detail'] }));
  }

  async contactsOfTask(taskId: string): Promise<ContactRow[]> {
    const rows = (await this.database.db
      .selectFrom('tracing_contacts')
      .selectAll()
      .where('task_id', '=', taskId)
      .orderBy('created_at')
      .execute()) as ContactRow[];
    return rows.map(decodeContact);
  }

  async listTasks(filter: TaskFilter, params: ListParams): Promise<Page<TaskRow>> {
    let q = this.database.db.selectFrom('tracing_tasks').selectAll();
    if (filter.areaScope !== null) q = q.where('area_code', 'like', `${areaScopePrefix(filter.areaScope)}%`);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.degree) q = q.where('degree', '=', filter.degree);
    if (filter.assignee) q = q.where('assignee', '=', filter.assignee);
    const page = await fetchPage<TaskRow>(
      q,
      { ...params, order: params.sort ? params.order : 'desc' },
      {
        sortable: {
          updated: 'updated_at',
          created: 'created_at',
          exposure: 'last_exposure_at',
          degree: 'degree',
          cases: 'case_count',
        },
        key: 'id',
        searchable: ['person_ref', 'person_id', 'assignee'],
      },
    );
    return { ...page, items: page.items.map(decodeTask) };
  }

  /** Tasks per status within an area scope (the board's column heads). */
  async countByStatus(areaScope: string | null): Promise<Record<string, number>> {
    let q = this.database.db
      .selectFrom('tracing_tasks')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status');
    if (areaScope !== null) q = q.where('area_code', 'like', `${areaScopePrefix(areaScope)}%`);
    const rows = (await q.execute()) as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async listContacts(
    filter: { casePersonId: string; degree?: 1 | 2 | undefined; areaScope: string | null },
    params: ListParams,
  ): Promise<Page<ContactRow & { task_status: TaskStatus | null }>> {
    let q = this.database.db
      .selectFrom('tracing_contacts as c')
      .leftJoin('tracing_tasks as t', 't.id', 'c.task_id')
      .selectAll('c')
      .select('t.status as task_status')
      .where('c.case_person_id', '=', filter.casePersonId);
    if (filter.degree) q = q.where('c.degree', '=', filter.degree);
    if (filter.areaScope !== null)
      q = q.where('c.area_code', 'like', `${areaScopePrefix(filter.areaScope)}%`);
    const page = await fetchPage<ContactRow & { task_status: TaskStatus | null }>(q, params, {
      sortable: {
        degree: 'c.degree',
        exposure: 'c.first_exposure_at',
        person: 'c.person_ref',
        exposures: 'c.exposure_count',
      },
      key: 'c.id',
      searchable: ['c.person_ref', 'c.person_id'],
    });
    return { ...page, items: page.items.map((r) => ({ ...decodeContact(r), task_status: r.task_status })) };
  }

  /** Quarantine start of persons (by id as imported) whose task reached quarantine. */
  async quarantinedByRef(refs: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < refs.length; i += IN_CHUNK)
      for (const row of (await this.database.db
        .selectFrom('tracing_tasks')
        .select(['person_ref', 'quarantined_at'])
        .where('person_ref', 'in', refs.slice(i, i + IN_CHUNK))
        .where('quarantined_at', 'is not', null)
        .execute()) as { person_ref: string; quarantined_at: string }[]) {
        const at = Date.parse(row.quarantined_at);
        const known = out.get(row.person_ref);
        out.set(row.person_ref, known === undefined ? at : Math.min(known, at));
      }
    return out;
  }

  /** The earliest quarantine of a platform person (as someone's contact), if any. */
  async quarantineOfPerson(personId: string): Promise<number | undefined> {
    const row = (await this.database.db
      .selectFrom('tracing_tasks')
      .select((eb) => eb.fn.min('quarantined_at').as('at'))
      .where('person_id', '=', personId)
      .executeTakeFirst()) as { at: string | null } | undefined;
    return row?.at ? Date.parse(row.at) : undefined;
  }

  /** Contacts of these case persons (for chains: which contacts were cases, and how). */
  async contactsAmong(
    casePersonIds: readonly string[],
    contactPersonIds: readonly string[],
  ): Promise<ContactRow[]> {
    const wanted = new Set(contactPersonIds);
    const out: ContactRow[] = [];
    for (let i = 0; i < casePersonIds.length; i += IN_CHUNK)
      for (const row of (await this.database.db
        .selectFrom('tracing_contacts')
        .selectAll()
        .where('case_person_id', 'in', casePersonIds.slice(i, i + IN_CHUNK))
        .where('degree', '=', 1)
        .execute()) as ContactRow[])
        if (row.person_id !== null && wanted.has(row.person_id)) out.push(decodeContact(row));
    return out;
  }
}

function decodeRun(row: RunRow): RunRow {
  const r = decodeRow(row, { json: ['report'] });
  return {
    ...r,
    close_count: Number(r.close_count),
    secondary_count: Number(r.secondary_count),
    duration_ms: Number(r.duration_ms),
  };
}

function decodeContact<R extends ContactRow>(row: R): R {
  const r = decodeRow(row, { json: ['exposures'] });
  return { ...r, degree: Number(r.degree) as 1 | 2, exposure_count: Number(r.exposure_count) };
}

function decodeTask(row: TaskRow): TaskRow {
  return { ...row, degree: Number(row.degree) as 1 | 2, case_count: Number(row.case_count) };
}
