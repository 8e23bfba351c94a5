/**
 * Clusters: connected components of cases linked by a shared exposure, or by presence at the same place
 * within `linkGapHours` of each other; per cluster its size, generations (along each case's most likely
 * infector), places, a timeline of cases per day of onset, and growth (last week against the one before).
 */
import type { ExposureKind } from '../core/rules.js';
import type { CaseVisit, ChainCase, SharedExposure } from './chain-inputs.js';
import type { CaseInfectors } from './infectors.js';
import { DisjointSets } from './disjoint-sets.js';
import { calendarDay, daysBetween, nextDay } from './calendar-day.js';

export interface ClusterOptions {
  /** Cases at the same place link when their visits are at most this far apart (default 0: overlap). */
  linkGapHours?: number;
  /** Smallest cluster reported (default 2). */
  minSize?: number;
  /** Days are counted in this zone (default Asia/Shanghai). */
  timeZone?: string;
  /** Growth is measured over the `growthWindowDays` days up to this instant (epoch ms). */
  asOf: number;
  growthWindowDays?: number;
}

export interface ClusterInput {
  cases: readonly ChainCase[];
  shared: readonly SharedExposure[];
  visits?: readonly CaseVisit[];
  /** From `probableInfectors`: gives the edges and generations. */
  infectors?: readonly CaseInfectors[];
}

export interface ClusterGrowth {
  windowDays: number;
  /** Cases with onset in the last window, and in the window before it. */
  recent: number;
  previous: number;
  /** recent / previous; null when previous is 0. */
  ratio: number | null;
  /** ln(ratio) / windowDays per day, and ln 2 / rate when growing; null when not defined. */
  dailyGrowthRate: number | null;
  doublingDays: number | null;
}

export interface Cluster {
  /** The earliest case (by onset, then id) names the cluster. */
  id: string;
  /** Case ids by onset, then id. */
  cases: string[];
  size: number;
  /** Longest chain of most-likely infectors inside the cluster (1 = no links). */
  generations: number;
  /** Each case's most likely infector inside the cluster, for drawing the chain. */
  edges: { infector: string; infectee: string; likelihood: number }[];
  /** Places that linked cases of the cluster, with how many of its cases were there; most first. */
  places: { kind: ExposureKind; place_id: string; cases: number }[];
  /** Cases per calendar day of onset, every day from the first to the last. */
  timeline: { date: string; cases: number }[];
  growth: ClusterGrowth;
}

export function findClusters(input: ClusterInput, options: ClusterOptions): Cluster[] {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const caseIds = input.cases.map((c) => c.caseId);
  const position = new Map(caseIds.map((id, i) => [id, i]));
  const sets = new DisjointSets(caseIds.length);
  const placesOfCase = caseIds.map(() => new Map<string, { kind: ExposureKind; placeId: string }>());
  const notePlace = (caseIndex: number, kind: ExposureKind, placeId: string) =>
    placesOfCase[caseIndex]!.set(`${kind}\u0000${placeId}`, { kind, placeId });

  for (const e of input.shared) {
    const a = position.get(e.caseA);
    const b = position.get(e.caseB);
    if (a === undefined || b === undefined) continue;
    sets.union(a, b);
    notePlace(a, e.kind, e.placeId);
    notePlace(b, e.kind, e.placeId);
  }
  linkVisits(input.visits ?? [], { position, sets, notePlace }, (options.linkGapHours ?? 0) * 3_600_000);

  const members = new Map<number, number[]>();
  caseIds.forEach((_, i) => {
    const root = sets.find(i);
    const list = members.get(root);
    if (list === undefined) members.set(root, [i]);
    else list.push(i);
  });
  const topInfector = new Map(
    (input.infectors ?? []).flatMap((c) => (c.candidates[0] ? [[c.caseId, c.candidates[0]] as const] : [])),
  );

  const clusters: Cluster[] = [];
  for (const indices of members.values()) {
    if (indices.length < (options.minSize ?? 2)) continue;
    const ordered = indices
      .map((i) => input.cases[i]!)
      .sort((a, b) => a.onset - b.onset || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
    const inCluster = new Set(ordered.map((c) => c.caseId));
    const edges = ordered.flatMap((c) => {
      const top = topInfector.get(c.caseId);
      return top && inCluster.has(top.caseId)
        ? [{ infector: top.caseId, infectee: c.caseId, likelihood: top.likelihood }]
        : [];
    });
    clusters.push({
      id: ordered[0]!.caseId,
      cases: ordered.map((c) => c.caseId),
      size: ordered.length,
      generations: longestChain(ordered, edges),
      edges,
      places: placeCounts(indices, placesOfCase),
      timeline: timeline(ordered, timeZone),
      growth: growth(ordered, timeZone, options.asOf, options.growthWindowDays ?? 7),
    });
  }
  return clusters.sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
}

/** The cases by position, their components, and a note of the places that linked each. */
interface CaseLinks {
  position: ReadonlyMap<string, number>;
  sets: DisjointSets;
  notePlace: (caseIndex: number, kind: ExposureKind, placeId: string) => void;
}

/** Unions cases whose visits to the same place come within `gapMs` (a sweep per place, by start). */
function linkVisits(
  visits: readonly CaseVisit[],
  { position, sets, notePlace }: CaseLinks,
  gapMs: number,
): void {
  const byPlace = new Map<string, CaseVisit[]>();
  for (const v of visits) {
    if (!position.has(v.caseId)) continue;
    const key = `${v.kind}\u0000${v.placeId}`;
    const list = byPlace.get(key);
    if (list === undefined) byPlace.set(key, [v]);
    else list.push(v);
  }
  for (const list of byPlace.values()) {
    list.sort((a, b) => a.from - b.from);
    // Intervals [from, to + gap] sorted by start: a visit joins the running group when it starts before
    // the group's furthest reach, and then it overlaps the visit that reaches furthest.
    let reach = -Infinity;
    let reacher = -1;
    for (const v of list) {
      const me = position.get(v.caseId)!;
      if (reacher >= 0 && v.from <= reach && me !== reacher) {
        sets.union(me, reacher);
        notePlace(me, v.kind, v.placeId);
        notePlace(reacher, v.kind, v.placeId);
      }
      if (reacher < 0 || v.to + gapMs > reach) {
        reach = v.to + gapMs;
        reacher = me;
      }
    }
  }
}

function longestChain(
  ordered: readonly ChainCase[],
  edges: readonly { infector: string; infectee: string }[],
): number {
  const parent = new Map(edges.map((e) => [e.infectee, e.infector]));
  const generation = new Map<string, number>();
  // Cases come by onset and an infector's onset is earlier, so parents are numbered first.
  for (const c of ordered) {
    const p = parent.get(c.caseId);
    generation.set(c.caseId, p === undefined ? 1 : (generation.get(p) ?? 1) + 1);
  }
  return Math.max(1, ...generation.values());
}

function placeCounts(
  indices: readonly number[],
  placesOfCase: readonly Map<string, { kind: ExposureKind; placeId: string }>[],
): Cluster['places'] {
  const counts = new Map<string, { kind: ExposureKind; place_id: string; cases: number }>();
  for (const i of indices) {
    for (const [key, place] of placesOfCase[i]!) {
      const entry = counts.get(key);
      if (entry === undefined) counts.set(key, { kind: place.kind, place_id: place.placeId, cases: 1 });
      else entry.cases++;
    }
  }
  return [...counts.values()].sort(
    (a, b) =>
      b.cases - a.cases || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.place_id < b.place_id ? -1 : 1),
  );
}

function timeline(ordered: readonly ChainCase[], timeZone: string): Cluster['timeline'] {
  const perDay = new Map<string, number>();
  for (const c of ordered) {
    const day = calendarDay(c.onset, timeZone);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const first = calendarDay(ordered[0]!.onset, timeZone);
  const last = calendarDay(ordered[ordered.length - 1]!.onset, timeZone);
  const out: Cluster['timeline'] = [];
  for (let day = first; day <= last; day = nextDay(day)) out.push({ date: day, cases: perDay.get(day) ?? 0 });
  return out;
}

function growth(
  ordered: readonly ChainCase[],
  timeZone: string,
  asOf: number,
  windowDays: number,
): ClusterGrowth {
  const today = calendarDay(asOf, timeZone);
  let recent = 0;
  let previous = 0;
  for (const c of ordered) {
    const ago = daysBetween(calendarDay(c.onset, timeZone), today);
    if (ago >= 0 && ago < windowDays) recent++;
    else if (ago >= windowDays && ago < 2 * windowDays) previous++;
  }
  const ratio = previous === 0 ? null : recent / previous;
  const dailyGrowthRate = ratio === null || ratio === 0 ? null : Math.log(ratio) / windowDays;
  const doublingDays = dailyGrowthRate !== null && dailyGrowthRate > 0 ? Math.LN2 / dailyGrowthRate : null;
  return { windowDays, recent, previous, ratio, dailyGrowthRate, doublingDays };
}
