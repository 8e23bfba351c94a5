/**
 * Tracing a case end to end: when the hub confirms a case its contacts are traced at once (and traced
 * again when its record changes or new presence arrives), every contact is recorded with a tracing task,
 * and the run is kept with its report. Investigators trace by hand too, and add exposures learned in
 * interviews. Work done for nobody in particular (automatic tracing) is audited as the system.
 */
import { AppError, invalidField, newId, type Clock } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { ChangeFeed, FeedEvent, PersonsService } from '@shuzhi/hub';
import type { AccessContext, AuditService } from '@shuzhi/identity';
import { formatContacts, summarizeContacts } from '../core/index.js';
import type { PersonLinks } from '../presence/person-links.js';
import type { PersonRefsRepository } from '../presence/person-refs.repository.js';
import {
  recordContacts,
  RUN_COMPLETED,
  STORED_EXPOSURES,
  type CaseOfContacts,
  type FoundContact,
} from './contact-recorder.js';
import type { HubCase, TraceRun, TraceService, TraceSources } from './trace.service.js';
import type { RunRow, WorkflowRepository } from './workflow.repository.js';
import type { InterviewExposure } from './workflow.schema.js';

export interface WorkflowDeps {
  database: Database;
  repository: WorkflowRepository;
  trace: TraceService;
  refs: PersonRefsRepository;
  links: PersonLinks;
  persons: Pick<PersonsService, 'resolveRefs'>;
  cases: Pick<TraceSources, 'casesOfPerson'>;
  feed: Pick<ChangeFeed, 'publish' | 'notify'>;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
}

export interface TraceCaseRequest {
  personId: string;
  /** The case record, when the caller has it (a feed event); otherwise it is looked up. */
  kase?: HubCase | undefined;
  trigger: 'case-confirmed' | 'case-updated' | 'presence' | 'manual';
  /** When what triggered the trace happened (the feed event's time), for the delay to tasks. */
  triggeredAt?: string | undefined;
}

export class WorkflowService {
  /** Runs are recorded one at a time: two traces must not both open a task for the same person. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: WorkflowDeps) {}

  /** Traces a case and records its contacts and tasks; returns the run. */
  traceCase(ctx: AccessContext, request: TraceCaseRequest): Promise<RunRow> {
    const run = this.#queue.then(() => this.#traceCase(ctx, request));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #traceCase(ctx: AccessContext, request: TraceCaseRequest): Promise<RunRow> {
    const started = this.deps.clock.now();
    const startedMs = performance.now();
    // Ids imported moments ago may not be resolved to persons yet.
    await this.deps.links.resolvePending();
    const kase = request.kase ?? (await this.deps.cases.casesOfPerson(ctx, request.personId))[0];
    if (!kase) throw new AppError('not_found', `person ${request.personId} has no active case to trace`);
    let traced: TraceRun;
    try {
      traced = await this.deps.trace.trace(ctx, { subject: request.personId, kase });
    } catch (error) {
      const row = this.#runRow(request, kase, { started, startedMs, error });
      await this.deps.repository.insertRun(this.deps.database.db, row);
      throw error;
    }
    const found = await this.#foundContacts(traced);
    const report = summarizeContacts(
      found.map((f) => f.formatted),
      { topPlaces: 10, categoryOf: (kind, placeId) => this.#categoryOf(traced, kind, placeId) },
    );
    const row = this.#runRow(request, kase, { started, startedMs, traced, report });
    const now = this.deps.clock.now().toISOString();
    const recorded = await this.deps.database.db.transaction().execute(async (trx) => {
      await this.deps.repository.insertRun(trx, row);
      const result = await recordContacts(
        trx,
        { repository: this.deps.repository, feed: this.deps.feed, now },
        {
          casePersonId: request.personId,
          caseId: kase.id,
          areaCode: kase.areaCode,
          runId: row.id,
          source: 'data',
          actor: ctx.principal.id,
        },
        found.map((f) => f.contact),
      );
      await this.deps.feed.publish(trx, [
        {
          topic: RUN_COMPLETED,
          entityType: 'TraceRun',
          entityId: row.id,
          personId: request.personId,
          areaCode: kase.areaCode,
          payload: {
            caseId: kase.id,
            trigger: request.trigger,
            triggeredAt: request.triggeredAt ?? null,
            close: row.close_count,
            secondary: row.secondary_count,
            windowFrom: row.window_from,
            windowTo: row.window_to,
            tasksCreated: result.tasksCreated,
            tasksLinked: result.tasksLinked,
          },
        },
      ]);
      return result;
    });
    this.deps.feed.notify();
    await this.deps.audit.record(ctx, {
      action: 'trace case',
      resourceType: 'contact_trace',
      resourceId: row.id,
      outcome: 'success',
      detail: {
        personId: request.personId,
        trigger: request.trigger,
        close: row.close_count,
        secondary: row.secondary_count,
        tasksCreated: recorded.tasksCreated,
      },
    });
    return row;
  }

  /** Feed handler: trace each newly confirmed case; trace again a case whose record changed. */
  async onCaseEvents(ctx: AccessContext, events: readonly FeedEvent[]): Promise<void> {
    for (const event of events) {
      if (!event.personId) continue;
      if (
        event.topic === 'hub.case.updated' &&
        (await this.deps.repository.runsOf(event.personId, 1)).length === 0
      )
        continue;
      const p = event.payload;
      const classification = typeof p['classification'] === 'string' ? p['classification'] : 'confirmed';
      if (classification === 'suspected') continue;
      const kase: HubCase = {
        id: event.entityId,
        personId: event.personId,
        classification,
        status: 'active',
        onset: typeof p['onset'] === 'string' ? p['onset'] : null,
        firstPositiveSpecimen:
          typeof p['firstPositiveSpecimen'] === 'string' ? p['firstPositiveSpecimen'] : null,
        reportTime: typeof p['reportTime'] === 'string' ? p['reportTime'] : event.at,
        areaCode: event.areaCode,
      };
      if (kase.onset === null && kase.firstPositiveSpecimen === null) continue;
      // A case whose data cannot be traced is kept as a failed run and must not hold up the cases after
      // it; a failing database is thrown, so that the batch is delivered again.
      await this.traceCase(ctx, {
        personId: event.personId,
        kase,
        trigger: event.topic === 'hub.case.updated' ? 'case-updated' : 'case-confirmed',
        triggeredAt: event.at,
      }).catch((error: unknown) => {
        if (!(error instanceof AppError)) throw error;
      });
    }
  }

  /**
   * After new presence arrived: trace again the cases traced within `sinceDays` (their contacts may be in
   * it), at most `limit` of them, latest first.
   */
  async retraceRecent(ctx: AccessContext, sinceDays: number, limit: number): Promise<number> {
    const since = new Date(this.deps.clock.now().getTime() - sinceDays * 86_400_000).toISOString();
    const runs = await this.deps.repository.recentlyTraced(since, limit);
    for (const run of runs)
      await this.traceCase(ctx, { personId: run.person_id!, trigger: 'presence' }).catch(() => undefined);
    return runs.length;
  }

  /** Adds an exposure an investigator learned in an interview: a contact the data did not show. */
  async addInterviewExposure(
    ctx: AccessContext,
    casePersonId: string,
    input: InterviewExposure,
  ): Promise<string> {
    const from = Date.parse(input.from);
    const to = Date.parse(input.to);
    if (!(to > from)) throw invalidField('exposure', 'to', 'must be after from');
    if (input.degree === 2 && !input.viaRef)
      throw invalidField('exposure', 'viaRef', 'a secondary contact needs the close contact they met');
    const runs = await this.deps.repository.runsOf(casePersonId, 1);
    const kase = (await this.deps.cases.casesOfPerson(ctx, casePersonId))[0];
    if (!kase && runs.length === 0) throw new AppError('not_found', `person ${casePersonId} has no case`);
    const areaCode = kase?.areaCode ?? runs[0]?.area_code ?? null;
    const contact = await this.#contactPerson(input.personRef);
    const via = input.viaRef ? await this.#contactPerson(input.viaRef) : null;
    const now = this.deps.clock.now().toISOString();
    const found: FoundContact = {
      personRef: contact.name,
      personId: contact.personId,
      degree: input.degree,
      firstExposureAt: from,
      exposureFrom: from,
      exposureTo: to,
      exposureCount: 1,
      viaRef: via?.name ?? null,
      viaPersonId: via?.personId ?? null,
      exposures: [
        {
          kind: input.kind,
          place_id: input.placeId,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          overlap_minutes: (to - from) / 60_000,
          via: via?.name ?? null,
        },
      ],
    };
    const kaseOf: CaseOfContacts = {
      casePersonId,
      caseId: kase?.id ?? runs[0]?.case_id ?? null,
      areaCode,
      runId: null,
      source: 'interview',
      actor: ctx.principal.id,
      note: input.note,
    };
    const recorded = await this.deps.database.db
      .transaction()
      .execute((trx) =>
        recordContacts(trx, { repository: this.deps.repository, feed: this.deps.feed, now }, kaseOf, [found]),
      );
    this.deps.feed.notify();
    return recorded.contactIds.get(contact.name)!;
  }

  /** The person an investigator named, numbered as an imported id so later presence joins them. */
  async #contactPerson(ref: string): Promise<{ name: string; personId: string }> {
    await this.deps.links.resolvePending();
    const [known] = await this.deps.refs.findRefs([ref]);
    const personId = known?.person_id ?? (await this.deps.persons.resolveRefs([ref])).get(ref);
    if (!personId) throw new AppError('not_found', `no person is known as ${ref}`);
    if (!known)
      await this.deps.database.db.transaction().execute(async (trx) => {
        await this.deps.refs.numberRefs(trx, [ref], this.deps.clock.now().toISOString());
        await this.deps.refs.setPersons(trx, new Map([[ref, personId]]));
      });
    const [first] = await this.deps.refs.refsOfPersons([personId]);
    return { name: first?.ref ?? ref, personId };
  }

  async #foundContacts(run: TraceRun) {
    const formatted = [...formatContacts(run.index, run.set)];
    const persons = new Map(
      (await this.deps.refs.findRefs(formatted.map((c) => c.person_id))).map((r) => [r.ref, r.person_id]),
    );
    return formatted.map((c) => {
      const first = c.exposures[0]!;
      let from = Infinity;
      let to = -Infinity;
      for (const e of c.exposures) {
        from = Math.min(from, Date.parse(e.from));
        to = Math.max(to, Date.parse(e.to));
      }
      const viaRef = c.degree === 2 ? first.via : null;
      const contact: FoundContact = {
        personRef: c.person_id,
        personId: persons.get(c.person_id) ?? null,
        degree: c.degree,
        firstExposureAt: Date.parse(first.from),
        exposureFrom: from,
        exposureTo: to,
        exposureCount: c.exposures.length,
        viaRef,
        viaPersonId: viaRef === null ? null : (persons.get(viaRef) ?? null),
        exposures: c.exposures.slice(0, STORED_EXPOSURES),
      };
      return { formatted: c, contact };
    });
  }

  #categoryOf(run: TraceRun, kind: string, placeId: string): string | null {
    if (kind === 'venue') {
      const venue = run.index.venuePlaces.venues.find(placeId);
      return venue === undefined ? null : run.index.placeCategory('venue', venue);
    }
    if (kind === 'trip') {
      const trip = run.index.tripPlaces.trips.find(placeId);
      return trip === undefined ? null : run.index.placeCategory('trip', trip);
    }
    return null;
  }

  #runRow(
    request: TraceCaseRequest,
    kase: HubCase,
    outcome: {
      started: Date;
      startedMs: number;
      traced?: TraceRun;
      report?: RunRow['report'];
      error?: unknown;
    },
  ): RunRow {
    const window = outcome.traced?.window;
    const iso = (ms: number | undefined) => new Date(ms ?? outcome.started.getTime()).toISOString();
    return {
      id: newId('trc'),
      case_id: kase.id,
      person_id: request.personId,
      subject_ref: outcome.traced?.subject.indexName ?? request.personId,
      area_code: kase.areaCode,
      trigger: request.trigger,
      window_from: iso(window?.from),
      window_to: iso(window?.to),
      close_count: outcome.traced?.set.closeCount ?? 0,
      secondary_count: outcome.traced?.set.secondaryCount ?? 0,
      report: outcome.report ?? {},
      status: outcome.error === undefined ? 'done' : 'failed',
      error:
        outcome.error === undefined
          ? null
          : outcome.error instanceof Error
            ? outcome.error.message
            : JSON.stringify(outcome.error),
      triggered_at: request.triggeredAt ?? null,
      started_at: outcome.started.toISOString(),
      finished_at: this.deps.clock.now().toISOString(),
      duration_ms: performance.now() - outcome.startedMs,
    };
  }
}
