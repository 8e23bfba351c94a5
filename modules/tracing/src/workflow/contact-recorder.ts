/**
 * Records a case's contacts inside one transaction: each contact once per case at its lowest degree, each
 * person with one open tracing task however many cases they met (a new case links to the open task), the
 * task's history, and the change-feed events the health-code and quarantine modules act on:
 * `tracing.contact.identified` (degree, exposure window, case) and `tracing.task.created`.
 */
import { newId } from '@shuzhi/core';
import type { ChangeFeed, Executor, NewFeedEvent } from '@shuzhi/hub';
import type { ContactRow, HistoryRow, TaskRow, WorkflowRepository } from './workflow.repository.js';
import type { StoredExposure } from './workflow.schema.js';

export const CONTACT_IDENTIFIED = 'tracing.contact.identified';
export const TASK_CREATED = 'tracing.task.created';
export const TASK_STATUS_CHANGED = 'tracing.task.status_changed';
export const TASK_ASSIGNED = 'tracing.task.assigned';
export const RUN_COMPLETED = 'tracing.run.completed';

/** Exposures kept per contact row (the trace itself has them all). */
export const STORED_EXPOSURES = 20;

/** A contact as found (by a trace or an interview), before it is recorded. */
export interface FoundContact {
  /** The id as imported (the name the presence index files the person under). */
  personRef: string;
  personId: string | null;
  degree: 1 | 2;
  firstExposureAt: number;
  exposureFrom: number;
  exposureTo: number;
  exposureCount: number;
  viaRef: string | null;
  viaPersonId: string | null;
  /** In output order, at most STORED_EXPOSURES. */
  exposures: StoredExposure[];
}

export interface CaseOfContacts {
  casePersonId: string;
  caseId: string | null;
  areaCode: string | null;
  runId: string | null;
  source: 'data' | 'interview';
  actor: string;
  note?: string | undefined;
}

export interface RecordedContacts {
  /** Contacts new to this case, or found at a lower degree than before. */
  identified: number;
  tasksCreated: number;
  tasksLinked: number;
  contactIds: Map<string, string>;
}

export async function recordContacts(
  executor: Executor,
  deps: { repository: WorkflowRepository; feed: Pick<ChangeFeed, 'publish'>; now: string },
  kase: CaseOfContacts,
  found: readonly FoundContact[],
): Promise<RecordedContacts> {
  const { repository, now } = deps;
  const refs = found.map((c) => c.personRef);
  const existing = new Map(
    (await repository.contactsOfCase(executor, kase.casePersonId, refs)).map((c) => [c.person_ref, c]),
  );
  const openTasks = await repository.openTasksOf(executor, refs);
  const newContacts: ContactRow[] = [];
  const newTasks: TaskRow[] = [];
  const history: HistoryRow[] = [];
  const events: NewFeedEvent[] = [];
  const result: RecordedContacts = { identified: 0, tasksCreated: 0, tasksLinked: 0, contactIds: new Map() };

  for (const c of found) {
    const before = existing.get(c.personRef);
    const lastExposure = new Date(c.exposureTo).toISOString();
    let task = openTasks.get(c.personRef);
    if (!task) {
      task = {
        id: newId('tsk'),
        person_id: c.personId,
        person_ref: c.personRef,
        degree: c.degree,
        status: 'identified',
        assignee: null,
        area_code: kase.areaCode,
        case_count: 1,
        first_case_person_id: kase.casePersonId,
        last_exposure_at: lastExposure,
        quarantined_at: null,
        created_at: now,
        updated_at: now,
        closed_at: null,
      };
      newTasks.push(task);
      openTasks.set(c.personRef, task);
      history.push(
        historyRow({
          taskId: task.id,
          at: now,
          actor: kase.actor,
          action: 'created',
          detail: { degree: c.degree, casePersonId: kase.casePersonId },
        }),
      );
      events.push(taskEvent(TASK_CREATED, task, { caseId: kase.caseId, casePersonId: kase.casePersonId }));
      result.tasksCreated++;
    } else if (!before || c.degree < task.degree || lastExposure > task.last_exposure_at) {
      const linked = !before || before.task_id !== task.id;
      task = {
        ...task,
        person_id: task.person_id ?? c.personId,
        degree: Math.min(task.degree, c.degree) as 1 | 2,
        case_count: task.case_count + (linked ? 1 : 0),
        last_exposure_at: lastExposure > task.last_exposure_at ? lastExposure : task.last_exposure_at,
        updated_at: now,
      };
      openTasks.set(c.personRef, task);
      if (!newTasks.some((t) => t.id === task!.id)) await repository.updateTask(executor, task);
      if (linked) {
        history.push(
          historyRow({
            taskId: task.id,
            at: now,
            actor: kase.actor,
            action: 'linked',
            detail: { degree: c.degree, casePersonId: kase.casePersonId },
          }),
        );
        result.tasksLinked++;
      }
    }
    const exposures = before ? mergeExposures(before.exposures, c.exposures) : c.exposures;
    const row: ContactRow = {
      id: before?.id ?? newId('con'),
      case_person_id: kase.casePersonId,
      case_id: kase.caseId ?? before?.case_id ?? null,
      run_id: kase.runId ?? before?.run_id ?? null,
      person_id: c.personId ?? before?.person_id ?? null,
      person_ref: c.personRef,
      degree: before ? (Math.min(before.degree, c.degree) as 1 | 2) : c.degree,
      source: before?.source ?? kase.source,
      first_exposure_at: minIso(before?.first_exposure_at, c.firstExposureAt),
      exposure_from: minIso(before?.exposure_from, c.exposureFrom),
      exposure_to: maxIso(before?.exposure_to, c.exposureTo),
      exposure_count: Math.max(before?.exposure_count ?? 0, c.exposureCount, exposures.length),
      via_ref: c.degree === 1 ? null : (c.viaRef ?? before?.via_ref ?? null),
      exposures,
      area_code: before?.area_code ?? kase.areaCode,
      task_id: before && before.task_id === task.id ? before.task_id : task.id,
      note: kase.note ?? before?.note ?? null,
      created_by: before?.created_by ?? kase.actor,
      created_at: before?.created_at ?? now,
      updated_at: now,
    };
    result.contactIds.set(c.personRef, row.id);
    const lowered = before !== undefined && c.degree < before.degree;
    if (before) {
      if (lowered || before.exposure_to !== row.exposure_to || before.exposure_count !== row.exposure_count)
        await repository.updateContact(executor, row);
    } else newContacts.push(row);
    if (!before || lowered) {
      result.identified++;
      events.push(contactEvent(row, c.viaPersonId, kase));
    }
  }
  await repository.insertTasks(executor, newTasks);
  await repository.insertContacts(executor, newContacts);
  await repository.insertHistory(executor, history);
  await deps.feed.publish(executor, events);
  return result;
}

function contactEvent(row: ContactRow, viaPersonId: string | null, kase: CaseOfContacts): NewFeedEvent {
  return {
    topic: CONTACT_IDENTIFIED,
    entityType: 'Contact',
    entityId: row.id,
    personId: row.person_id,
    areaCode: row.area_code,
    payload: {
      caseId: kase.caseId,
      casePersonId: kase.casePersonId,
      degree: row.degree,
      exposureFrom: row.exposure_from,
      exposureTo: row.exposure_to,
      firstExposureAt: row.first_exposure_at,
      viaPersonId: row.degree === 2 ? viaPersonId : null,
      taskId: row.task_id,
      source: row.source,
      runId: row.run_id,
    },
  };
}

export function taskEvent(topic: string, task: TaskRow, extra: Record<string, unknown> = {}): NewFeedEvent {
  return {
    topic,
    entityType: 'TracingTask',
    entityId: task.id,
    personId: task.person_id,
    areaCode: task.area_code,
    payload: {
      status: task.status,
      degree: task.degree,
      lastExposureAt: task.last_exposure_at,
      quarantinedAt: task.quarantined_at,
      ...extra,
    },
  };
}

export function historyRow(entry: {
  taskId: string;
  at: string;
  actor: string;
  action: HistoryRow['action'];
  detail?: HistoryRow['detail'];
  from?: string;
  to?: string;
  note?: string | null;
}): HistoryRow {
  return {
    id: newId('tkh'),
    task_id: entry.taskId,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    from_status: entry.from ?? null,
    to_status: entry.to ?? null,
    note: entry.note ?? null,
    detail: entry.detail ?? {},
  };
}

function mergeExposures(kept: readonly StoredExposure[], more: readonly StoredExposure[]): StoredExposure[] {
  const key = (e: StoredExposure) => `${e.kind}|${e.place_id}|${e.from}|${e.to}|${e.via ?? ''}`;
  const seen = new Set(kept.map(key));
  const merged = [...kept, ...more.filter((e) => !seen.has(key(e)))];
  merged.sort((a, b) =>
    a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0,
  );
  return merged.slice(0, STORED_EXPOSURES);
}

function minIso(before: string | undefined, ms: number): string {
  const iso = new Date(ms).toISOString();
  return before !== undefined && before < iso ? before : iso;
}

function maxIso(before: string | undefined, ms: number): string {
  const iso = new Date(ms).toISOString();
  return before !== undefined && before > iso ? before : iso;
}
