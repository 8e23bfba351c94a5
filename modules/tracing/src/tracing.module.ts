/**
 * Wires contact tracing: presence storage and its import kinds, the live in-memory index, person links,
 * and the background work of a serving process (following the feed, retention).
 */
import type { Clock } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { ChangeFeed, ImportHandler, PersonsService, TimelineContributor } from '@shuzhi/hub';
import { systemContext, type AuditService } from '@shuzhi/identity';
import { LivePresenceIndex } from './presence/live-presence-index.js';
import { PersonLinks } from './presence/person-links.js';
import { PersonRefsRepository } from './presence/person-refs.repository.js';
import { presenceImportHandler } from './presence/presence-import.handler.js';
import { presenceKinds } from './presence/presence-records.js';
import { PresenceWriter } from './presence/presence-writer.js';
import { PresenceRepository } from './presence/presence.repository.js';
import { PresenceService } from './presence/presence.service.js';
import { venuesImportHandler } from './presence/venues-import.handler.js';
import { VenuesRepository } from './presence/venues.repository.js';
import { parseContactRules, type ContactRulesOverride } from './core/index.js';
import { TraceService, type TraceSources } from './workflow/trace.service.js';
import { TaskBoardService } from './workflow/task-board.service.js';
import { CaseViewService } from './workflow/case-view.service.js';
import { ClustersRepository } from './clusters/clusters.repository.js';
import { ClustersService, type ClustersOptions } from './clusters/clusters.service.js';
import { WorkflowRepository } from './workflow/workflow.repository.js';
import { WorkflowService } from './workflow/workflow.service.js';
import { PRESENCE_IMPORTED } from './presence/presence-writer.js';
import { presenceTimeline } from './presence/presence-timeline.js';

export interface TracingModule {
  presence: PresenceService;
  /** The process's presence index (built on first use; `start` builds it at once). */
  live: LivePresenceIndex;
  links: PersonLinks;
  /** One person's contacts (`shuzhi trace`, the case page). */
  trace: TraceService;
  /** Automatic tracing of confirmed cases, manual traces, interview exposures. */
  workflow: WorkflowService;
  /** Tracing tasks: the board, moves, assignment, notes; contacts of a case; runs. */
  tasks: TaskBoardService;
  /** The case tracing page: cases with their traces, a case's graph and places. */
  cases: CaseViewService;
  /** Transmission chains and clusters, recomputed after new cases are traced. */
  clusters: ClustersService;
  /** Register each with `platform.hub.imports.register(...)`: checkins, trips, stays, gate-access, households, venues. */
  importHandlers: ImportHandler[];
  /** Register with `platform.hub.data.facts.registerTimelineContributor('presence', …)`: the person page's presence. */
  timeline: TimelineContributor;
  /** Background work of a serving process: build the index, follow the feed, retention. */
  start(onError?: (error: unknown) => void): Promise<void>;
  stop(): Promise<void>;
}

export interface TracingModuleDeps {
  /** `platform.hub.feed`. */
  feed: Pick<ChangeFeed, 'publish' | 'notify' | 'subscribe' | 'read' | 'lastSeq'>;
  /** `platform.hub.persons`. */
  persons: Pick<PersonsService, 'resolveRefs' | 'currentPersonsOf'>;
  /** `platform.identity.audit`: work done for a caller outside HTTP (automatic tracing) is audited here. */
  audit: Pick<AuditService, 'record'>;
  /** The hub's active cases of a person, latest first (`platform.hub.data.facts`). */
  cases: Pick<TraceSources, 'casesOfPerson'> & Required<Pick<TraceSources, 'listCases'>>;
}

export interface TracingModuleOptions {
  /** Mobility data older than this is purged (SHUZHI_PRESENCE_RETENTION_DAYS). */
  presenceRetentionDays: number;
  /** How often a serving process looks for presence imported by other processes, and purges (ms). */
  followIntervalMs?: number;
  retentionIntervalMs?: number;
  /** The pathogen's contact rules over DESIGN.md's defaults (e.g. zones required in malls and stations). */
  rules?: ContactRulesOverride;
  /**
   * Trace cases confirmed before tracing first started following the feed (default false: a platform that
   * starts on an existing outbreak traces new cases, and older ones when an investigator asks).
   */
  traceExistingCases?: boolean;
  /** After new presence arrives, cases traced within this many days are traced again (default 14). */
  retraceDays?: number;
  clusters?: ClustersOptions;
  /** Quiet time after traces before clusters are recomputed (ms, default 10 s). */
  clusterDelayMs?: number;
}

export function createTracingModule(
  database: Database,
  clock: Clock,
  deps: TracingModuleDeps,
  options: TracingModuleOptions,
): TracingModule {
  const repositories = {
    presence: new PresenceRepository(database),
    refs: new PersonRefsRepository(database),
    venues: new VenuesRepository(database),
  };
  const live = new LivePresenceIndex({
    ...repositories,
    feed: deps.feed,
    clock,
    retentionDays: options.presenceRetentionDays,
  });
  const links = new PersonLinks({
    database,
    refs: repositories.refs,
    persons: deps.persons,
    feed: deps.feed,
  });
  const presence = new PresenceService({
    presence: repositories.presence,
    live,
    links,
    feed: deps.feed,
    clock,
    retentionDays: options.presenceRetentionDays,
  });
  const workflowRepository = new WorkflowRepository(database);
  const trace = new TraceService({
    live,
    refs: repositories.refs,
    persons: deps.persons,
    sources: {
      casesOfPerson: (ctx, personId) => deps.cases.casesOfPerson(ctx, personId),
      isolationOf: (personId) => workflowRepository.quarantineOfPerson(personId),
      quarantinedByName: (names) => workflowRepository.quarantinedByRef(names),
    },
    rules: parseContactRules(options.rules ?? {}),
    clock,
  });
  const workflow = new WorkflowService({
    database,
    repository: workflowRepository,
    trace,
    refs: repositories.refs,
    links,
    persons: deps.persons,
    cases: deps.cases,
    feed: deps.feed,
    audit: deps.audit,
    clock,
  });
  const tasks = new TaskBoardService({ database, repository: workflowRepository, feed: deps.feed, clock });
  const cases = new CaseViewService({
    repository: workflowRepository,
    venues: repositories.venues,
    cases: deps.cases,
  });
  const clusters = new ClustersService({
    repository: new ClustersRepository(database),
    workflow: workflowRepository,
    venues: repositories.venues,
    live,
    trace,
    cases: deps.cases,
    clock,
    ...(options.clusters ? { options: options.clusters } : {}),
  });
  const writer = new PresenceWriter({ ...repositories, persons: deps.persons, feed: deps.feed, clock });
  const afterImport = () => presence.afterImport();
  const importHandlers: ImportHandler[] = [
    venuesImportHandler({
      venues: repositories.venues,
      feed: deps.feed,
      clock,
      afterCommit: afterImport,
    }) as ImportHandler,
    ...presenceKinds.map((kind) => presenceImportHandler(kind, writer, afterImport) as ImportHandler),
  ];
  const timers: NodeJS.Timeout[] = [];
  return {
    presence,
    live,
    links,
    trace,
    workflow,
    tasks,
    cases,
    clusters,
    importHandlers,
    timeline: presenceTimeline({ live, indexNamesOf: (ids) => trace.indexNamesOf(ids), clock }),
    async start(onError = () => undefined) {
      const report = (error: unknown) => onError(error);
      await presence.purgeExpired();
      // Built in the background: whatever needs the index (a trace) waits for it; the server answers meanwhile.
      const auto = systemContext('tracing', 'contact_tracing', clock);
      const clusterDelay = options.clusterDelayMs ?? 10_000;
      void links
        .resolvePending()
        .then(() => live.index())
        .then(() => clusters.recompute(auto))
        .catch(report);
      await deps.feed.subscribe({
        name: 'tracing-person-links',
        topics: ['hub.person.merged', 'hub.person.unmerged'],
        handle: async (events) => {
          const persons = events.flatMap((e) => [e.payload['survivorId'], e.payload['mergedId']]);
          await links.relink(persons.filter((p): p is string => typeof p === 'string'));
        },
      });
      await deps.feed.subscribe({
        name: 'tracing-cases',
        topics: ['hub.case.confirmed', 'hub.case.updated'],
        startAt: options.traceExistingCases ? 'beginning' : 'now',
        handle: async (events) => {
          await workflow.onCaseEvents(auto, events);
          clusters.scheduleRecompute(auto, clusterDelay, report);
        },
      });
      await deps.feed.subscribe({
        name: 'tracing-presence-retrace',
        topics: [PRESENCE_IMPORTED],
        startAt: 'now',
        handle: async () => {
          if ((await workflow.retraceRecent(auto, options.retraceDays ?? 14, 200)) > 0)
            clusters.scheduleRecompute(auto, clusterDelay, report);
        },
      });
      const every = (ms: number, work: () => Promise<unknown>) => {
        const timer = setInterval(() => void work().catch(report), ms);
        timer.unref();
        timers.push(timer);
      };
      every(options.followIntervalMs ?? 1000, () => live.catchUp());
      every(options.retentionIntervalMs ?? 3_600_000, () => presence.purgeExpired());
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await clusters.stop();
      await live.settle().catch(() => undefined);
    },
  };
}
