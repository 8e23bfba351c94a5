/**
 * The tracing task board: tasks by status within the caller's area, moving a task along its steps
 * (identified → notified → quarantined → released / lost to follow-up), assigning it, notes, history.
 * Every change is published on the change feed (`tracing.task.*`) so quarantine and the health code can act;
 * ids as imported are masked unless the caller sees identifiers.
 */
import {
  AppError,
  disclose,
  isWithinArea,
  notFoundOrNoAccess,
  type Clock,
  type ListParams,
  type Page,
} from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { ChangeFeed } from '@shuzhi/hub';
import type { AccessContext } from '@shuzhi/identity';
import { historyRow, TASK_ASSIGNED, TASK_STATUS_CHANGED, taskEvent } from './contact-recorder.js';
import type { ContactRow, RunRow, TaskFilter, TaskRow, WorkflowRepository } from './workflow.repository.js';
import {
  openStatuses,
  taskTransitions,
  type Contact,
  type Run,
  type Task,
  type TaskHistoryEntry,
  type TaskStatus,
} from './workflow.schema.js';

export class TaskBoardService {
  constructor(
    private readonly deps: {
      database: Database;
      repository: WorkflowRepository;
      feed: Pick<ChangeFeed, 'publish' | 'notify'>;
      clock: Clock;
    },
  ) {}

  async listTasks(
    ctx: AccessContext,
    filter: Omit<TaskFilter, 'areaScope'>,
    params: ListParams,
  ): Promise<Page<Task>> {
    const page = await this.deps.repository.listTasks(
      { ...filter, areaScope: ctx.principal.areaCode },
      params,
    );
    return { ...page, items: page.items.map((t) => toTask(ctx, t)) };
  }

  /** Tasks per status in the caller's area. */
  async counts(ctx: AccessContext): Promise<Record<TaskStatus, number>> {
    const counts = await this.deps.repository.countByStatus(ctx.principal.areaCode);
    return {
      identified: counts['identified'] ?? 0,
      notified: counts['notified'] ?? 0,
      quarantined: counts['quarantined'] ?? 0,
      released: counts['released'] ?? 0,
      lost: counts['lost'] ?? 0,
    };
  }

  async getTask(
    ctx: AccessContext,
    id: string,
  ): Promise<Task & { history: TaskHistoryEntry[]; contacts: Contact[] }> {
    const task = await this.#visibleTask(ctx, id);
    const [history, contacts] = await Promise.all([
      this.deps.repository.historyOf(id),
      this.deps.repository.contactsOfTask(id),
    ]);
    return {
      ...toTask(ctx, task),
      history: history.map((h) => ({
        id: h.id,
        at: h.at,
        actor: h.actor,
        action: h.action,
        fromStatus: h.from_status,
        toStatus: h.to_status,
        note: h.note,
        detail: h.detail,
      })),
      contacts: contacts.map((c) => toContact(ctx, { ...c, task_status: task.status })),
    };
  }

  /** Moves a task to its next step; `at` dates a quarantine that began earlier. */
  async move(
    ctx: AccessContext,
    id: string,
    request: { status: TaskStatus; note?: string | undefined; at?: string | undefined },
  ): Promise<Task> {
    const now = this.deps.clock.now().toISOString();
    const at = request.at ? new Date(request.at).toISOString() : now;
    if (at > now)
      throw new AppError('invalid_input', 'at: must not be in the future', {
        issues: [{ field: 'at', reason: 'must not be in the future' }],
      });
    const moved = await this.deps.database.db.transaction().execute(async (trx) => {
      const task = await this.#visibleTask(ctx, id, trx);
      if (!taskTransitions[task.status].includes(request.status))
        throw new AppError('conflict', `a task that is ${task.status} cannot become ${request.status}`, {
          issues: [
            {
              record: id,
              field: 'status',
              reason: `from ${task.status}: ${taskTransitions[task.status].join(', ') || 'no further step'}`,
            },
          ],
        });
      const next: TaskRow = {
        ...task,
        status: request.status,
        quarantined_at: request.status === 'quarantined' ? at : task.quarantined_at,
        closed_at: openStatuses.includes(request.status) ? null : at,
        updated_at: now,
      };
      await this.deps.repository.updateTask(trx, next);
      await this.deps.repository.insertHistory(trx, [
        historyRow({
          taskId: id,
          at: now,
          actor: ctx.principal.id,
          action: 'status',
          detail: { at },
          from: task.status,
          to: request.status,
          note: request.note ?? null,
        }),
      ]);
      await this.deps.feed.publish(trx, [
        taskEvent(TASK_STATUS_CHANGED, next, { from: task.status, to: request.status, at }),
      ]);
      return next;
    });
    this.deps.feed.notify();
    return toTask(ctx, moved);
  }

  async assign(ctx: AccessContext, id: string, assignee: string | null): Promise<Task> {
    const now = this.deps.clock.now().toISOString();
    const assigned = await this.deps.database.db.transaction().execute(async (trx) => {
      const task = await this.#visibleTask(ctx, id, trx);
      const next: TaskRow = { ...task, assignee, updated_at: now };
      await this.deps.repository.updateTask(trx, next);
      await this.deps.repository.insertHistory(trx, [
        historyRow({
          taskId: id,
          at: now,
          actor: ctx.principal.id,
          action: 'assigned',
          detail: { assignee, previous: task.assignee },
        }),
      ]);
      await this.deps.feed.publish(trx, [taskEvent(TASK_ASSIGNED, next, { assignee })]);
      return next;
    });
    this.deps.feed.notify();
    return toTask(ctx, assigned);
  }

  async addNote(ctx: AccessContext, id: string, note: string): Promise<TaskHistoryEntry> {
    const now = this.deps.clock.now().toISOString();
    const row = historyRow({ taskId: id, at: now, actor: ctx.principal.id, action: 'note', note });
    await this.deps.database.db.transaction().execute(async (trx) => {
      const task = await this.#visibleTask(ctx, id, trx);
      await this.deps.repository.updateTask(trx, { ...task, updated_at: now });
      await this.deps.repository.insertHistory(trx, [row]);
    });
    return {
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: 'note',
      fromStatus: null,
      toStatus: null,
      note,
      detail: {},
    };
  }

  /** The contacts of a case (by platform person id), within the caller's area. */
  async listContacts(
    ctx: AccessContext,
    casePersonId: string,
    filter: { degree?: 1 | 2 | undefined },
    params: ListParams,
  ): Promise<Page<Contact>> {
    const page = await this.deps.repository.listContacts(
      { casePersonId, degree: filter.degree, areaScope: ctx.principal.areaCode },
      params,
    );
    return { ...page, items: page.items.map((c) => toContact(ctx, c)) };
  }

  async runsOf(ctx: AccessContext, personId: string): Promise<Run[]> {
    const runs = await this.deps.repository.runsOf(personId);
    return runs.filter((r) => isWithinArea(r.area_code, ctx.principal.areaCode)).map(toRun);
  }

  async #visibleTask(ctx: AccessContext, id: string, executor = this.deps.database.db): Promise<TaskRow> {
    const task = await this.deps.repository.findTask(id, executor);
    if (!task || !isWithinArea(task.area_code, ctx.principal.areaCode))
      throw notFoundOrNoAccess(`task ${id}`);
    return task;
  }
}

export function toTask(ctx: AccessContext, t: TaskRow): Task {
  return {
    id: t.id,
    personId: t.person_id,
    personRef: disclose(ctx.disclosed, 'identifiers', t.person_ref),
    degree: t.degree,
    status: t.status,
    assignee: t.assignee,
    areaCode: t.area_code,
    caseCount: t.case_count,
    firstCasePersonId: t.first_case_person_id,
    lastExposureAt: t.last_exposure_at,
    quarantinedAt: t.quarantined_at,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    closedAt: t.closed_at,
  };
}

export function toContact(ctx: AccessContext, c: ContactRow & { task_status: TaskStatus | null }): Contact {
  const mask = (ref: string | null) => disclose(ctx.disclosed, 'identifiers', ref);
  return {
    id: c.id,
    caseId: c.case_id,
    casePersonId: c.case_person_id,
    personId: c.person_id,
    personRef: mask(c.person_ref)!,
    degree: c.degree,
    source: c.source,
    firstExposureAt: c.first_exposure_at,
    exposureFrom: c.exposure_from,
    exposureTo: c.exposure_to,
    exposureCount: c.exposure_count,
    viaRef: mask(c.via_ref),
    exposures: c.exposures.map((e) => ({ ...e, via: mask(e.via) })),
    areaCode: c.area_code,
    taskId: c.task_id,
    taskStatus: c.task_status,
    note: c.note,
    createdAt: c.created_at,
  };
}

export function toRun(r: RunRow): Run {
  return {
    id: r.id,
    caseId: r.case_id,
    personId: r.person_id,
    trigger: r.trigger,
    windowFrom: r.window_from,
    windowTo: r.window_to,
    closeCount: r.close_count,
    secondaryCount: r.secondary_count,
    status: r.status,
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.duration_ms,
  };
}
