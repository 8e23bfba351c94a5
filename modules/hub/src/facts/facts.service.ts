/**
 * Derived facts for people and pages: cases (confirmed, asymptomatic, suspected), follow-up tasks raised by
 * asymptomatic detection with their resolution, and a person's timeline — results, visits, diagnoses,
 * vaccinations, arrivals, case and follow-ups, linkage — to which other modules add entries (tracing adds
 * presence) through `registerTimelineContributor`.
 */
import { notFoundOrNoAccess, AppError, type Clock, type ListParams, type Page } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { AccessContext } from '@shuzhi/identity';
import type { ChangeFeed } from '../feed/change-feed.js';
import type { MpiRepository } from '../mpi/mpi.repository.js';
import { isPersonWithinArea } from '../mpi/person-area.js';
import { membersOf, survivorsOf } from '../mpi/person-groups.js';
import type { CaseTracker } from './case-tracker.js';
import type { CaseRow, CasesRepository, FollowUpRow } from './cases.repository.js';
import type { FactsRepository } from './facts.repository.js';
import type { Case, FollowUp, Timeline, TimelineEntry } from './facts.schema.js';
import { factEntries } from './fact-entries.js';
import { SubmissionsService } from './submissions.service.js';
import { SubmittedPersonsRepository } from '../persons/submitted-persons.repository.js';

/** Adds a module's entries to a person's timeline (e.g. tracing: venue visits, trips). */
export type TimelineContributor = (request: {
  ctx: AccessContext;
  /** The person and everyone merged into them. */
  personIds: readonly string[];
}) => Promise<TimelineEntry[]>;

export interface FactsServiceOptions {
  /** Follow-up sweeps run at most this often when tasks are listed (ms). */
  sweepIntervalMs: number;
}

export class FactsService {
  private readonly contributors = new Map<string, TimelineContributor>();
  private lastSweep = 0;

  constructor(
    private readonly deps: {
      database: Database;
      facts: FactsRepository;
      cases: CasesRepository;
      mpi: MpiRepository;
      tracker: CaseTracker;
      feed: ChangeFeed;
      clock: Clock;
    },
    private readonly options: FactsServiceOptions = { sweepIntervalMs: 60_000 },
  ) {
    this.submissions = new SubmissionsService({
      database: deps.database,
      facts: deps.facts,
      mpi: deps.mpi,
      submitted: new SubmittedPersonsRepository(deps.database),
      sourcesOf: (entries) => this.sourcesOf(entries),
    });
  }

  /** What a data source reads back of its own submissions. */
  readonly submissions: SubmissionsService;

  registerTimelineContributor(name: string, contributor: TimelineContributor): void {
    this.contributors.set(name, contributor);
  }

  async listCases(
    ctx: AccessContext,
    filter: { classification?: string; status?: string; from?: string; to?: string },
    params: ListParams,
  ): Promise<Page<Case>> {
    const page = await this.deps.cases.listCases({ ...filter, areaScope: ctx.principal.areaCode }, params);
    return { ...page, items: page.items.map(toCase) };
  }

  async getCase(ctx: AccessContext, id: string): Promise<Case> {
    const row = await this.deps.cases.findCase(id);
    if (!row || !isPersonWithinArea(row.area_code, ctx.principal.areaCode))
      throw notFoundOrNoAccess(`case ${id}`);
    return toCase(row);
  }

  /** Raises the follow-ups whose time has come (also run, throttled, whenever tasks are listed). */
  async sweep(): Promise<number> {
    this.lastSweep = this.deps.clock.now().getTime();
    const events = await this.deps.database.db.transaction().execute(async (trx) => {
      const raised = await this.deps.tracker.sweep(trx);
      await this.deps.feed.publish(trx, raised);
      return raised;
    });
    if (events.length > 0) this.deps.feed.notify();
    return events.length;
  }

  async listFollowUps(
    ctx: AccessContext,
    filter: { status?: string; kind?: string },
    params: ListParams,
  ): Promise<Page<FollowUp>> {
    if (this.deps.clock.now().getTime() - this.lastSweep >= this.options.sweepIntervalMs) await this.sweep();
    const page = await this.deps.cases.listTasks({ ...filter, areaScope: ctx.principal.areaCode }, params);
    return { ...page, items: page.items.map(toFollowUp) };
  }

  async resolveFollowUp(
    ctx: AccessContext,
    id: string,
    resolution: { resolution: string; note?: string | undefined },
  ): Promise<FollowUp> {
    const now = this.deps.clock.now().toISOString();
    await this.deps.database.db.transaction().execute(async (trx) => {
      const task = await this.deps.cases.findTask(id, trx);
      if (!task || !isPersonWithinArea(task.area_code, ctx.principal.areaCode))
        throw notFoundOrNoAccess(`follow-up ${id}`);
      if (task.status !== 'open') throw new AppError('conflict', `follow-up ${id} is already resolved`);
      await this.deps.cases.resolveTask(trx, id, {
        at: now,
        by: ctx.principal.id,
        resolution: resolution.resolution,
        note: resolution.note ?? null,
      });
      await this.deps.feed.publish(trx, [
        {
          topic: 'hub.followup.resolved',
          entityType: 'FollowUp',
          entityId: id,
          personId: task.person_id,
          areaCode: task.area_code,
          payload: { kind: task.kind, resolution: resolution.resolution },
        },
      ]);
    });
    this.deps.feed.notify();
    const task = await this.deps.cases.findTask(id);
    return toFollowUp(task!);
  }

  /** Everything known about a person, newest first; a merged id shows the survivor's timeline. */
  async timeline(ctx: AccessContext, personId: string): Promise<Timeline> {
    const db = this.deps.database.db;
    const survivor = (await survivorsOf(this.deps.mpi, db, [personId])).get(personId) ?? personId;
    const [person] = await this.deps.mpi.findPersons(db, [survivor]);
    if (!person || !isPersonWithinArea(person.area_code, ctx.principal.areaCode))
      throw notFoundOrNoAccess(`person ${personId}`);
    const members = (await membersOf(this.deps.mpi, db, [survivor])).get(survivor) ?? [survivor];
    const facts = await this.deps.facts.factsOf(members);
    const cases = await this.deps.cases.casesOf(db, members);
    const tasks = await this.deps.cases.tasksOf(db, members);
    const links = await this.deps.mpi.linksOfPersons(db, members);
    const merges = await this.deps.mpi.mergesOf(members);
    const splits = await this.deps.mpi.splitsOf(members);
    const inGroup = new Set(members);
    const entries: TimelineEntry[] = [
      ...factEntries(facts, ctx.disclosed),
      ...cases
        .filter((c) => c.status === 'active')
        .map((c) => ({
          at: c.report_time,
          kind: 'case',
          id: c.id,
          sourceId: c.source_id,
          personId: c.person_id,
          detail: {
            classification: c.classification,
            onset: c.onset,
            firstPositiveSpecimen: c.first_positive_specimen,
          },
        })),
      ...tasks.map((t) => ({
        at: t.created_at,
        kind: 'follow-up',
        id: t.id,
        sourceId: null,
        personId: t.person_id,
        detail: { followUpKind: t.kind, status: t.status, resolution: t.resolution, dueAt: t.due_at },
      })),
      ...links.map((l) => ({
        at: l.linked_at,
        kind: 'record-linked',
        id: l.record_id,
        sourceId: l.source_id,
        personId: l.person_id,
        detail: { method: l.method, score: l.score, recordKey: l.record_key },
      })),
      ...merges.flatMap((m) => [
        {
          at: m.merged_at,
          kind: 'merge',
          id: m.id,
          sourceId: null,
          personId: m.merged_id,
          detail: { survivorId: m.survivor_id, mergedId: m.merged_id, change: 'merged', status: m.status },
        },
        ...(m.undone_at
          ? [
              {
                at: m.undone_at,
                kind: 'merge',
                id: m.id,
                sourceId: null,
                personId: m.merged_id,
                detail: {
                  survivorId: m.survivor_id,
                  mergedId: m.merged_id,
                  change: 'unmerged',
                  status: m.status,
                },
              },
            ]
          : []),
      ]),
      ...splits.map((s) => ({
        at: s.split_at,
        kind: 'split',
        id: s.id,
        sourceId: null,
        personId: inGroup.has(s.from_person_id) ? s.from_person_id : s.to_person_id,
        detail: {
          recordKey: s.record_key,
          fromPersonId: s.from_person_id,
          toPersonId: s.to_person_id,
          // Seen from this person: a record it held went to a new person, or it is that new person.
          change: inGroup.has(s.from_person_id) ? 'split-off' : 'split-from',
        },
      })),
    ];
    for (const contributor of this.contributors.values())
      entries.push(...(await contributor({ ctx, personIds: members })));
    entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.kind < b.kind ? -1 : 1));
    const current = cases.find((c) => c.person_id === survivor && c.status === 'active');
    return {
      personId: survivor,
      personIds: members,
      entries,
      case: current ? toCase(current) : null,
      sources: await this.sourcesOf(entries),
    };
  }

  /** The registered names of the sources entries come from, for showing sources by name. */
  async sourcesOf(entries: readonly Pick<TimelineEntry, 'sourceId'>[]): Promise<Timeline['sources']> {
    const ids = entries.flatMap((e) => (e.sourceId ? [e.sourceId] : []));
    const names = await this.deps.facts.sourceNames(ids);
    return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}

export function toCase(row: CaseRow): Case {
  return {
    id: row.id,
    personId: row.person_id,
    classification: row.classification,
    status: row.status,
    onset: row.onset,
    firstPositiveSpecimen: row.first_positive_specimen,
    reportTime: row.report_time,
    areaCode: row.area_code,
    sourceId: row.source_id,
    basis: row.basis,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toFollowUp(row: FollowUpRow): FollowUp {
  const detail: FollowUp['detail'] = {};
  for (const [key, value] of Object.entries(row.detail))
    detail[key] =
      value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : JSON.stringify(value);
  return {
    id: row.id,
    kind: row.kind,
    personId: row.person_id,
    areaCode: row.area_code,
    triggerId: row.trigger_id,
    status: row.status,
    dueAt: row.due_at,
    createdAt: row.created_at,
    detail,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    resolution: row.resolution,
    note: row.note,
  };
}
