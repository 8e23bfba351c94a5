/**
 * Keeps derived cases and follow-up tasks in step with the facts, inside the writing transaction: after new
 * results or diagnoses for some persons, re-derive their cases (per merged group, stored on the survivor)
 * and return the change-feed events to publish — `hub.case.confirmed` (confirmed or asymptomatic: tracing
 * starts), `hub.case.updated`, `hub.case.suspected`, `hub.case.retracted`. Also sweeps for follow-ups
 * (asymptomatic detection) and resolves those the new facts answer.
 */
import { newId, type Clock } from '@shuzhi/core';
import type { NewFeedEvent } from '../feed/feed.schema.js';
import type { MpiRepository } from '../mpi/mpi.repository.js';
import { membersOf, survivorsOf } from '../mpi/person-groups.js';
import type { Executor } from '../records/bulk-writer.js';
import {
  unreportedPositives,
  untestedFeverVisits,
  type DetectionOptions,
  type FollowUpCandidate,
} from './asymptomatic-detection.js';
import { caseTransition, deriveCase, isCovidDiagnosis, type DerivedCase } from './case-derivation.js';
import type { CaseRow, CasesRepository, FollowUpRow } from './cases.repository.js';
import type { FactsRepository } from './facts.repository.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export class CaseTracker {
  constructor(
    private readonly facts: FactsRepository,
    private readonly cases: CasesRepository,
    private readonly mpi: MpiRepository,
    private readonly clock: Clock,
    private readonly detection: DetectionOptions,
  ) {}

  /** Re-derives the cases of these persons' groups; returns the events to publish with the transaction. */
  async refresh(executor: Executor, personIds: readonly string[]): Promise<NewFeedEvent[]> {
    if (personIds.length === 0) return [];
    const survivors = [...new Set((await survivorsOf(this.mpi, executor, personIds)).values())];
    const groups = await membersOf(this.mpi, executor, survivors);
    const now = this.clock.now().toISOString();
    const allIds = [...groups.values()].flat();
    const stored = await this.cases.casesOf(executor, allIds);
    const storedByPerson = new Map(stored.map((c) => [c.person_id, c]));
    const persons = new Map((await this.mpi.findPersons(executor, survivors)).map((p) => [p.id, p]));
    const events: NewFeedEvent[] = [];
    const evidence = await this.facts.caseEvidenceOf(executor, allIds);
    const observationsOf = groupBy(evidence.observations, (o) => o.person_id);
    const conditionsOf = groupBy(evidence.conditions, (c) => c.person_id);
    for (const [survivor, members] of groups) {
      const facts = {
        observations: members.flatMap((m) => observationsOf.get(m) ?? []),
        conditions: members.flatMap((m) => conditionsOf.get(m) ?? []),
      };
      const derived = deriveCase(facts);
      const before = storedByPerson.get(survivor) ?? null;
      const area = persons.get(survivor)?.area_code ?? areaOfFacts(facts);
      for (const member of members.slice(1)) {
        const absorbed = storedByPerson.get(member);
        if (absorbed && absorbed.status === 'active')
          await this.cases.updateCase(executor, { ...absorbed, status: 'merged', updated_at: now });
      }
      const topic = caseTransition(
        before && {
          classification: before.classification,
          onset: before.onset,
          firstPositiveSpecimen: before.first_positive_specimen,
          status: before.status,
        },
        derived,
      );
      if (derived) {
        const row = caseRow(derived, {
          id: before?.id ?? newId('case'),
          personId: survivor,
          area,
          now,
          before,
        });
        if (before) await this.cases.updateCase(executor, row);
        else await this.cases.insertCase(executor, row);
        if (topic) events.push(caseEvent(topic, row, before));
      } else if (before && before.status === 'active') {
        const row: CaseRow = { ...before, status: 'retracted', updated_at: now };
        await this.cases.updateCase(executor, row);
        events.push(caseEvent('hub.case.retracted', row, before));
      }
    }
    return events;
  }

  /**
   * Resolves open follow-ups the new facts answer: a COVID-19 diagnosis answers `positive-unreported`; a new
   * PCR or antigen specimen answers `fever-clinic-untested` — for the whole merged person, whichever of their
   * ids the task and the new fact carry.
   */
  async resolveAnswered(
    executor: Executor,
    answered: { diagnosed: readonly string[]; tested: readonly string[] },
  ): Promise<NewFeedEvent[]> {
    const diagnosed = await this.everyoneOf(executor, answered.diagnosed);
    const tested = await this.everyoneOf(executor, answered.tested);
    return [
      ...(await this.resolveTasks(
        executor,
        await this.cases.openTasksOf(executor, 'positive-unreported', diagnosed),
        { resolution: 'case-reported', note: null },
      )),
      ...(await this.resolveTasks(
        executor,
        await this.cases.openTasksOf(executor, 'fever-clinic-untested', tested),
        { resolution: 'tested', note: null },
      )),
    ];
  }

  /**
   * After a merge, resolves the open follow-ups of the merged person that the other's facts answer: a positive
   * of one and the case report of the other; a fever-clinic visit of one and a test of the other taken in or
   * after the visit's test window. The note names the merge, so that undoing it reopens them.
   */
  async resolveAnsweredByMerge(
    executor: Executor,
    merge: { survivorId: string; mergeId: string },
  ): Promise<NewFeedEvent[]> {
    return this.resolveAnsweredWithin(executor, merge.survivorId, mergeNote(merge.mergeId));
  }

  /**
   * After a record moved to a person (a split, a correction), resolves the follow-ups the person's facts now
   * answer, as if the facts had arrived in the other order: the moved record's positive meets the case report
   * its new person already had (or its case report the new person's positive). No note: undoing nothing
   * reopens them, as a report that came later would not be undone either.
   */
  async resolveAnsweredByMove(executor: Executor, personId: string): Promise<NewFeedEvent[]> {
    return this.resolveAnsweredWithin(executor, personId, null);
  }

  /** Resolves the open follow-ups of a person's whole merged group that the group's own facts answer. */
  private async resolveAnsweredWithin(
    executor: Executor,
    personId: string,
    note: string | null,
  ): Promise<NewFeedEvent[]> {
    const survivor = (await survivorsOf(this.mpi, executor, [personId])).get(personId) ?? personId;
    const members = (await membersOf(this.mpi, executor, [survivor])).get(survivor) ?? [survivor];
    const reported = (await this.cases.covidDiagnosesOf(executor, members)).some(isCovidDiagnosis);
    const unreported = reported ? await this.cases.openTasksOf(executor, 'positive-unreported', members) : [];
    const specimens = (await this.cases.specimensOf(executor, members)).flatMap((s) =>
      s.specimen_at ? [Date.parse(s.specimen_at)] : [],
    );
    const before = this.detection.testBeforeVisitHours * HOUR;
    const untested = (await this.cases.openTasksOf(executor, 'fever-clinic-untested', members)).filter(
      (task) => {
        const start = task.detail.visitStart;
        const visit = typeof start === 'string' ? Date.parse(start) : Number.NaN;
        return Number.isFinite(visit) && specimens.some((at) => at >= visit - before);
      },
    );
    return [
      ...(await this.resolveTasks(executor, unreported, { resolution: 'case-reported', note })),
      ...(await this.resolveTasks(executor, untested, { resolution: 'tested', note })),
    ];
  }

  /** After a merge is undone: reopens the follow-ups it resolved (the persons' facts are apart again). */
  async reopenResolvedByMerge(executor: Executor, mergeId: string): Promise<NewFeedEvent[]> {
    const reopened = await this.cases.reopenTasks(executor, { resolvedBy: SYSTEM, note: mergeNote(mergeId) });
    return reopened.map((task) => taskEvent('hub.followup.reopened', task));
  }

  /** Raises the follow-ups whose time has come (asymptomatic detection); returns their events. */
  async sweep(executor: Executor): Promise<NewFeedEvent[]> {
    const now = this.clock.now();
    const options = this.detection;
    const lookback = options.lookbackDays * DAY;
    const positivesTo = new Date(now.getTime() - options.reportGraceHours * HOUR + 1);
    const positives = await this.cases.positivesReportedBetween(
      executor,
      new Date(positivesTo.getTime() - lookback).toISOString(),
      positivesTo.toISOString(),
    );
    const visitsTo = new Date(now.getTime() - options.testAfterVisitHours * HOUR + 1);
    const visits = await this.cases.feverVisitsBetween(
      executor,
      new Date(visitsTo.getTime() - lookback).toISOString(),
      visitsTo.toISOString(),
    );
    const positivePersons = [...new Set(positives.flatMap((p) => (p.person_id ? [p.person_id] : [])))];
    const visitPersons = [...new Set(visits.flatMap((v) => (v.person_id ? [v.person_id] : [])))];
    // Merged persons: a report, test or task under another id of the same person counts for them.
    const groups = await this.groupsOf(executor, [...positivePersons, ...visitPersons]);
    const everyone = [...groups.keys()];
    const membersOfAny = (ids: readonly string[]) => {
      const wanted = new Set(ids.map((id) => groups.get(id) ?? id));
      return everyone.filter((id) => wanted.has(groups.get(id)!));
    };
    const tasks = await this.cases.tasksOf(executor, everyone);
    const candidates: FollowUpCandidate[] = [
      ...unreportedPositives({
        now,
        positives,
        diagnoses: await this.cases.covidDiagnosesOf(executor, membersOfAny(positivePersons)),
        tasks,
        options,
        groups,
      }),
      ...untestedFeverVisits({
        now,
        visits,
        specimens: await this.cases.specimensOf(executor, membersOfAny(visitPersons)),
        tasks,
        options,
        groups,
      }),
    ];
    if (candidates.length === 0) return [];
    const at = now.toISOString();
    const rows: FollowUpRow[] = candidates.map((c) => ({
      id: newId('fup'),
      kind: c.kind,
      person_id: c.personId,
      area_code: c.areaCode,
      trigger_id: c.triggerId,
      status: 'open',
      due_at: c.dueAt,
      created_at: at,
      detail: c.detail,
      resolved_at: null,
      resolved_by: null,
      resolution: null,
      note: null,
    }));
    await this.cases.insertTasks(executor, rows);
    return rows.map((row) => taskEvent('hub.followup.created', row));
  }

  /** Every id of these persons' merged groups, mapped to its survivor. */
  private async groupsOf(executor: Executor, personIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (personIds.length === 0) return out;
    const survivors = [...new Set((await survivorsOf(this.mpi, executor, personIds)).values())];
    for (const [survivor, members] of await membersOf(this.mpi, executor, survivors))
      for (const member of members) out.set(member, survivor);
    return out;
  }

  /** These persons and every id merged with them. */
  private async everyoneOf(executor: Executor, personIds: readonly string[]): Promise<string[]> {
    return [...(await this.groupsOf(executor, personIds)).keys()];
  }

  private async resolveTasks(
    executor: Executor,
    tasks: readonly FollowUpRow[],
    how: { resolution: string; note: string | null },
  ): Promise<NewFeedEvent[]> {
    const now = this.clock.now().toISOString();
    const events: NewFeedEvent[] = [];
    for (const task of tasks) {
      await this.cases.resolveTask(executor, task.id, { at: now, by: SYSTEM, ...how });
      events.push(taskEvent('hub.followup.resolved', { ...task, resolution: how.resolution }));
    }
    return events;
  }
}

/** Who resolves follow-ups the facts answered. */
const SYSTEM = 'system:hub';

function mergeNote(mergeId: string): string {
  return `answered by merge ${mergeId}`;
}

function caseRow(
  derived: DerivedCase,
  context: { id: string; personId: string; area: string | null; now: string; before: CaseRow | null },
): CaseRow {
  return {
    id: context.id,
    person_id: context.personId,
    classification: derived.classification,
    status: 'active',
    onset: derived.onset,
    first_positive_specimen: derived.firstPositiveSpecimen,
    report_time: derived.reportTime,
    area_code: context.area,
    source_id: derived.sourceId,
    basis: derived.basis,
    created_at: context.before?.created_at ?? context.now,
    updated_at: context.now,
  };
}

function caseEvent(topic: string, row: CaseRow, before: CaseRow | null): NewFeedEvent {
  return {
    topic,
    entityType: 'Case',
    entityId: row.id,
    personId: row.person_id,
    areaCode: row.area_code,
    sourceId: row.source_id,
    payload: {
      classification: row.classification,
      onset: row.onset,
      firstPositiveSpecimen: row.first_positive_specimen,
      areaCode: row.area_code,
      reportTime: row.report_time,
      ...(before && before.classification !== row.classification
        ? { previousClassification: before.classification }
        : {}),
    },
  };
}

function taskEvent(topic: string, row: FollowUpRow): NewFeedEvent {
  return {
    topic,
    entityType: 'FollowUp',
    entityId: row.id,
    personId: row.person_id,
    areaCode: row.area_code,
    payload: { kind: row.kind, triggerId: row.trigger_id, dueAt: row.due_at, resolution: row.resolution },
  };
}

function areaOfFacts(facts: {
  observations: { area_code: string | null }[];
  conditions: { area_code: string | null }[];
}) {
  return [...facts.conditions, ...facts.observations].find((f) => f.area_code)?.area_code ?? null;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
