/**
 * Transmission chains and clusters of the platform's cases (issue 5, item 4): each case's probable
 * infectors among the earlier cases it shared an exposure with (Wallinga–Teunis likelihoods, chains core),
 * and clusters as connected components of cases through shared exposures (and, optionally, presence at the
 * same place). Computed from the live presence index and the exposures investigators recorded, then stored
 * whole, so pages read them without recomputing.
 */
import {
  disclose,
  isWithinArea,
  notFoundOrNoAccess,
  type Clock,
  type ListParams,
  type Page,
} from '@shuzhi/core';
import { yieldToEventLoop } from '@shuzhi/core';
import type { AccessContext } from '@shuzhi/identity';
import {
  findClusters,
  probableInfectors,
  sharedExposuresFromTraces,
  type CaseVisit,
  type ChainCase,
  type SharedExposure,
} from '../chains/index.js';
import { findContacts, formatTrace, personPresence, type TraceOutput } from '../core/index.js';
import type { LivePresenceIndex } from '../presence/live-presence-index.js';
import type { VenuesRepository } from '../presence/venues.repository.js';
import { caseInstant, caseWindow } from '../workflow/case-window.js';
import type { HubCase, TraceService, TraceSources } from '../workflow/trace.service.js';
import type { WorkflowRepository } from '../workflow/workflow.repository.js';
import type { ClusterRow, ClustersRepository, InfectorRow } from './clusters.repository.js';

export interface ClustersOptions {
  /** Also link cases present at the same place within `linkGapHours` (default false: shared exposures only). */
  linkByPlaces?: boolean;
  linkGapHours?: number;
  timeZone?: string;
}

export interface ClusterComputation {
  cases: number;
  traced: number;
  sharedExposures: number;
  clusters: number;
  largest: number;
  durationMs: number;
}

export interface ClusterView extends Omit<
  ClusterRow,
  'computed_at' | 'first_onset' | 'last_onset' | 'area_code'
> {
  firstOnset: string;
  lastOnset: string;
  areaCode: string | null;
  computedAt: string;
}

export interface ClusterCase {
  personId: string;
  onset: string;
  generation: number;
  infectors: { personId: string; likelihood: number; serialIntervalDays: number }[];
}

export interface ClusterGraph {
  clusterId: string;
  cases: ClusterCase[];
  contacts: {
    id: string;
    casePersonId: string;
    label: string;
    personId: string | null;
    degree: 1 | 2;
    via: string | null;
    at: string;
    placeId: string;
    taskStatus: string | null;
  }[];
  places: {
    kind: string;
    placeId: string;
    cases: number;
    name: string | null;
    venueType: string | null;
    lat: number | null;
    lon: number | null;
  }[];
  totalContacts: number;
  truncated: boolean;
}

const PAGE = 500;

export class ClustersService {
  #running: Promise<ClusterComputation> | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      repository: ClustersRepository;
      workflow: WorkflowRepository;
      venues: VenuesRepository;
      live: LivePresenceIndex;
      trace: TraceService;
      cases: Required<Pick<TraceSources, 'listCases'>>;
      clock: Clock;
      options?: ClustersOptions;
    },
  ) {}

  /** Recomputes chains and clusters of every active case (one computation at a time). */
  recompute(ctx: AccessContext): Promise<ClusterComputation> {
    this.#running ??= this.#recompute(ctx).finally(() => (this.#running = null));
    return this.#running;
  }

  /** Recomputes after `delayMs` of quiet (new cases come in bursts); errors go to `onError`. */
  scheduleRecompute(ctx: AccessContext, delayMs: number, onError: (error: unknown) => void): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.recompute(ctx).catch(onError);
    }, delayMs);
    this.#timer.unref();
  }

  /** Cancels a scheduled recomputation and waits for a running one. */
  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }

  async #recompute(ctx: AccessContext): Promise<ClusterComputation> {
    const started = performance.now();
    const now = this.deps.clock.now().getTime();
    const options = this.deps.options ?? {};
    const cases = await this.#allCases(ctx);
    const names = await this.deps.trace.indexNamesOf(cases.map((c) => c.personId));
    const personOfName = new Map([...names].map(([person, name]) => [name, person]));
    const index = await this.deps.live.index();
    const rules = this.deps.trace.rules;
    const chainCases: ChainCase[] = [];
    const traces: TraceOutput[] = [];
    const visits: CaseVisit[] = [];
    const areaOf = new Map<string, string | null>();
    for (const kase of cases) {
      const onset = onsetOf(kase);
      if (onset === null) continue;
      chainCases.push({ caseId: kase.personId, onset });
      areaOf.set(kase.personId, kase.areaCode);
      const name = names.get(kase.personId);
      if (name === undefined) continue;
      let window;
      try {
        window = caseWindow(kase, { now, rules });
      } catch {
        continue;
      }
      const set = findContacts(index, { caseId: name, window, rules, now, maxDegree: 1 });
      traces.push(formatTrace(index, set));
      // One case at a time: requests waiting meanwhile are answered between cases.
      await yieldToEventLoop();
      if (options.linkByPlaces)
        for (const p of personPresence(index, name, window))
          if (p.start !== null && p.end !== null)
            visits.push({
              caseId: kase.personId,
              kind: p.kind,
              placeId: p.placeId,
              from: p.start,
              to: p.end,
            });
    }
    const shared: SharedExposure[] = sharedExposuresFromTraces(traces, personOfName.keys()).map((e) => ({
      ...e,
      caseA: personOfName.get(e.caseA)!,
      caseB: personOfName.get(e.caseB)!,
    }));
    // Exposures investigators recorded between two cases (interviews) link them too.
    const caseIds = chainCases.map((c) => c.caseId);
    for (const c of await this.deps.workflow.contactsAmong(caseIds, caseIds))
      if (c.source === 'interview')
        for (const e of c.exposures)
          shared.push({
            caseA: c.case_person_id,
            caseB: c.person_id!,
            kind: e.kind === 'other' ? 'venue' : e.kind,
            placeId: e.place_id,
            from: Date.parse(e.from),
            to: Date.parse(e.to),
          });
    const infectors = probableInfectors(chainCases, shared);
    const clusters = findClusters(
      { cases: chainCases, shared, visits, infectors },
      {
        asOf: now,
        timeZone: options.timeZone ?? 'Asia/Shanghai',
        ...(options.linkGapHours === undefined ? {} : { linkGapHours: options.linkGapHours }),
      },
    );
    const computedAt = new Date(now).toISOString();
    const onsetOfCase = new Map(chainCases.map((c) => [c.caseId, c.onset]));
    const clusterOf = new Map<string, string>();
    const rows: ClusterRow[] = clusters.map((c) => {
      for (const id of c.cases) clusterOf.set(id, c.id);
      return {
        id: c.id,
        size: c.size,
        generations: c.generations,
        first_onset: new Date(onsetOfCase.get(c.cases[0]!)!).toISOString(),
        last_onset: new Date(onsetOfCase.get(c.cases[c.cases.length - 1]!)!).toISOString(),
        area_code: commonest(c.cases.map((id) => areaOf.get(id) ?? null)),
        recent: c.growth.recent,
        growth: c.growth,
        places: c.places,
        timeline: c.timeline,
        cases: c.cases,
        edges: c.edges,
        computed_at: computedAt,
      };
    });
    const infectorRows: InfectorRow[] = infectors.map((i) => ({
      person_id: i.caseId,
      cluster_id: clusterOf.get(i.caseId) ?? null,
      onset: new Date(onsetOfCase.get(i.caseId)!).toISOString(),
      candidates: i.candidates.map(({ exposures: _e, ...rest }) => rest),
      computed_at: computedAt,
    }));
    await this.deps.repository.replaceAll(rows, infectorRows);
    return {
      cases: chainCases.length,
      traced: traces.length,
      sharedExposures: shared.length,
      clusters: rows.length,
      largest: rows[0]?.size ?? 0,
      durationMs: performance.now() - started,
    };
  }

  async list(
    ctx: AccessContext,
    filter: { minSize?: number | undefined },
    params: ListParams,
  ): Promise<Page<ClusterView>> {
    const page = await this.deps.repository.list({ areaScope: ctx.principal.areaCode, ...filter }, params);
    return { ...page, items: page.items.map(toView) };
  }

  async get(ctx: AccessContext, id: string): Promise<ClusterView> {
    return toView(await this.#visible(ctx, id));
  }

  /** The cluster's cases with their infectors, their recorded contacts (up to `limit`), and its places. */
  async graph(ctx: AccessContext, id: string, limit: number): Promise<ClusterGraph> {
    const cluster = await this.#visible(ctx, id);
    const infectors = new Map(
      (await this.deps.repository.infectorsOf(cluster.cases)).map((i) => [i.person_id, i]),
    );
    const parent = new Map(cluster.edges.map((e) => [e.infectee, e.infector]));
    const generation = new Map<string, number>();
    for (const c of cluster.cases) generation.set(c, (generation.get(parent.get(c) ?? '') ?? 0) + 1);
    const cases: ClusterCase[] = cluster.cases.map((personId) => ({
      personId,
      onset: infectors.get(personId)?.onset ?? cluster.first_onset,
      generation: generation.get(personId) ?? 1,
      infectors: (infectors.get(personId)?.candidates ?? []).map((c) => ({
        personId: c.caseId,
        likelihood: c.likelihood,
        serialIntervalDays: c.serialIntervalDays,
      })),
    }));
    const contacts: ClusterGraph['contacts'] = [];
    let total = 0;
    for (const personId of cluster.cases) {
      const page = await this.deps.workflow.listContacts(
        { casePersonId: personId, areaScope: ctx.principal.areaCode },
        { limit: Math.max(0, limit - contacts.length), offset: 0, order: 'asc', sort: 'degree' },
      );
      total += page.total;
      for (const c of page.items)
        contacts.push({
          id: c.id,
          casePersonId: personId,
          label: disclose(ctx.disclosed, 'identifiers', c.person_ref),
          personId: c.person_id,
          degree: c.degree,
          via: c.via_ref === null ? null : disclose(ctx.disclosed, 'identifiers', c.via_ref),
          at: c.first_exposure_at,
          placeId: c.exposures[0]?.place_id ?? '',
          taskStatus: c.task_status,
        });
    }
    const venueIds = cluster.places.filter((p) => p.kind === 'venue').map((p) => p.place_id);
    const venues = new Map((await this.deps.venues.find(venueIds)).map((v) => [v.venue_id, v]));
    return {
      clusterId: id,
      cases,
      contacts,
      places: cluster.places.map((p) => {
        const v = p.kind === 'venue' ? venues.get(p.place_id) : undefined;
        return {
          kind: p.kind,
          placeId: p.place_id,
          cases: p.cases,
          name: v?.name ?? null,
          venueType: v?.type ?? null,
          lat: v?.lat === null || v?.lat === undefined ? null : Number(v.lat),
          lon: v?.lon === null || v?.lon === undefined ? null : Number(v.lon),
        };
      }),
      totalContacts: total,
      truncated: total > contacts.length,
    };
  }

  async #visible(ctx: AccessContext, id: string): Promise<ClusterRow> {
    const cluster = await this.deps.repository.find(id);
    if (!cluster || !isWithinArea(cluster.area_code, ctx.principal.areaCode))
      throw notFoundOrNoAccess(`cluster ${id}`);
    return cluster;
  }

  async #allCases(ctx: AccessContext): Promise<HubCase[]> {
    const all: HubCase[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.deps.cases.listCases(ctx, {
        limit: PAGE,
        offset,
        order: 'asc',
        sort: 'reported',
      });
      all.push(...page.items.filter((c) => c.classification !== 'suspected'));
      if (page.items.length < PAGE) return all;
    }
  }
}

/** Onset, or the first positive specimen when asymptomatic (what the serial interval is measured from). */
function onsetOf(kase: HubCase): number | null {
  try {
    if (kase.onset !== null) return caseInstant(kase.onset, 'onset', kase.id);
    if (kase.firstPositiveSpecimen !== null)
      return caseInstant(kase.firstPositiveSpecimen, 'firstPositiveSpecimen', kase.id);
  } catch {
    return null;
  }
  return null;
}

function commonest(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
}

function toView(row: ClusterRow): ClusterView {
  const { computed_at, first_onset, last_onset, area_code, ...rest } = row;
  return {
    ...rest,
    firstOnset: first_onset,
    lastOnset: last_onset,
    areaCode: area_code,
    computedAt: computed_at,
  };
}
