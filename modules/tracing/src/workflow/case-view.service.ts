/**
 * What the case tracing page shows: the hub's active cases with their latest trace, and one case's contact
 * graph (case → close contacts → secondary contacts, as many nodes as asked, up to tens of thousands) with
 * the places of the exposures and where the venues are, for the map.
 */
import { disclose, isWithinArea, notFoundOrNoAccess, type ListParams, type Page } from '@shuzhi/core';
import type { AccessContext } from '@shuzhi/identity';
import type { TraceReport } from '../core/index.js';
import type { VenuesRepository } from '../presence/venues.repository.js';
import type { HubCase, TraceSources } from './trace.service.js';
import type { RunRow, WorkflowRepository } from './workflow.repository.js';
import type { Run } from './workflow.schema.js';
import { toRun } from './task-board.service.js';

export interface CaseWithTrace extends HubCase {
  latestRun: (Run & { report: TraceReport | null }) | null;
}

export interface GraphNode {
  id: string;
  /** `case`, or the contact's degree. */
  kind: 'case' | 'close' | 'secondary';
  label: string;
  personId: string | null;
  taskId: string | null;
  taskStatus: string | null;
  /** Start of the first exposure (ISO), for the time layout; the case has its window's start. */
  at: string;
}

export interface GraphEdge {
  source: string;
  target: string;
  /** The place of the exposure that linked them (venue id, trip id, `hotel#room`, household). */
  placeId: string;
  kind: string;
}

export interface GraphPlace {
  kind: string;
  placeId: string;
  name: string | null;
  venueType: string | null;
  lat: number | null;
  lon: number | null;
  contacts: number;
}

export interface CaseGraph {
  casePersonId: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  places: GraphPlace[];
  /** Contacts recorded in all; nodes beyond `limit` were left out. */
  totalContacts: number;
  truncated: boolean;
}

export class CaseViewService {
  constructor(
    private readonly deps: {
      repository: WorkflowRepository;
      venues: VenuesRepository;
      cases: Required<Pick<TraceSources, 'listCases'>> & Pick<TraceSources, 'casesOfPerson'>;
    },
  ) {}

  async listCases(ctx: AccessContext, params: ListParams): Promise<Page<CaseWithTrace>> {
    const page = await this.deps.cases.listCases(ctx, params);
    const latest = await this.#latestRuns(page.items.map((c) => c.personId));
    return { ...page, items: page.items.map((c) => ({ ...c, latestRun: latest.get(c.personId) ?? null })) };
  }

  async getCase(ctx: AccessContext, personId: string): Promise<CaseWithTrace> {
    const [kase] = await this.deps.cases.casesOfPerson(ctx, personId);
    const [run] = await this.deps.repository.runsOf(personId, 1);
    if (!kase && !run) throw notFoundOrNoAccess(`case of ${personId}`);
    if (!kase && !isWithinArea(run!.area_code, ctx.principal.areaCode))
      throw notFoundOrNoAccess(`case of ${personId}`);
    const base: HubCase = kase ?? {
      id: run!.case_id ?? personId,
      personId,
      classification: 'confirmed',
      status: 'active',
      onset: null,
      firstPositiveSpecimen: null,
      reportTime: run!.started_at,
      areaCode: run!.area_code,
    };
    return { ...base, latestRun: run ? withReport(run) : null };
  }

  async graph(ctx: AccessContext, personId: string, limit: number): Promise<CaseGraph> {
    const kase = await this.getCase(ctx, personId);
    const page = await this.deps.repository.listContacts(
      { casePersonId: personId, areaScope: ctx.principal.areaCode },
      { limit, offset: 0, order: 'asc', sort: 'degree' },
    );
    const mask = (ref: string) => disclose(ctx.disclosed, 'identifiers', ref);
    const caseNode: GraphNode = {
      id: `case:${personId}`,
      kind: 'case',
      label: personId,
      personId,
      taskId: null,
      taskStatus: null,
      at: kase.latestRun?.windowFrom ?? kase.reportTime,
    };
    const nodeOfRef = new Map<string, string>();
    const nodes: GraphNode[] = [caseNode];
    for (const c of page.items) {
      nodeOfRef.set(c.person_ref, c.id);
      nodes.push({
        id: c.id,
        kind: c.degree === 1 ? 'close' : 'secondary',
        label: mask(c.person_ref),
        personId: c.person_id,
        taskId: c.task_id,
        taskStatus: c.task_status,
        at: c.first_exposure_at,
      });
    }
    const edges: GraphEdge[] = [];
    const placeCounts = new Map<string, { kind: string; placeId: string; contacts: number }>();
    for (const c of page.items) {
      const first = c.exposures[0];
      const source = c.degree === 1 ? caseNode.id : nodeOfRef.get(c.via_ref ?? '');
      if (source !== undefined)
        edges.push({ source, target: c.id, placeId: first?.place_id ?? '', kind: first?.kind ?? 'other' });
      const seen = new Set<string>();
      for (const e of c.exposures) {
        const key = `${e.kind}\u0000${e.place_id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const entry = placeCounts.get(key) ?? { kind: e.kind, placeId: e.place_id, contacts: 0 };
        entry.contacts++;
        placeCounts.set(key, entry);
      }
    }
    const venueIds = [...placeCounts.values()].filter((p) => p.kind === 'venue').map((p) => p.placeId);
    const venues = new Map((await this.deps.venues.find(venueIds)).map((v) => [v.venue_id, v]));
    const places = [...placeCounts.values()]
      .sort((a, b) => b.contacts - a.contacts || (a.placeId < b.placeId ? -1 : 1))
      .map((p) => {
        const v = p.kind === 'venue' ? venues.get(p.placeId) : undefined;
        return {
          ...p,
          name: v?.name ?? null,
          venueType: v?.type ?? null,
          lat: v?.lat === null || v?.lat === undefined ? null : Number(v.lat),
          lon: v?.lon === null || v?.lon === undefined ? null : Number(v.lon),
        };
      });
    return {
      casePersonId: personId,
      nodes,
      edges,
      places,
      totalContacts: page.total,
      truncated: page.total > page.items.length,
    };
  }

  async #latestRuns(personIds: readonly string[]): Promise<Map<string, CaseWithTrace['latestRun']>> {
    const out = new Map<string, CaseWithTrace['latestRun']>();
    for (const personId of personIds) {
      const [run] = await this.deps.repository.runsOf(personId, 1);
      if (run) out.set(personId, withReport(run));
    }
    return out;
  }
}

function withReport(run: RunRow): Run & { report: TraceReport | null } {
  const report = 'contacts' in run.report ? (run.report as TraceReport) : null;
  return { ...toRun(run), report };
}
