/**
 * Contacts-only secondary search, one sweep per place: instead of scanning a place once for every
 * close-contact presence there, the presences ("probes") are collected per place group and each group's
 * events are visited once, asking whether any single probe overlaps the event by the minimum — the
 * probes that began earlier through a prefix maximum of their ends, those that begin during the event
 * through the earliest probe long enough to qualify — with pointers that only move forward, and a jump
 * over the events no probe can reach.
 */
import { growFloat64, growUint32 } from './growable-array.js';
import type { GrowableArray } from './growable-array.js';
import type { IntervalSegment } from './interval-segment.js';
import type { IntervalTable } from './interval-table.js';
import { identityOrder, lowerBound, sortPositionsByKey, upperBound } from './radix-sort.js';

/** Probes as flat columns: one row per close-contact presence and key (a place group, or a venue). */
interface ProbeColumns {
  key: GrowableArray<Uint32Array>;
  from: GrowableArray<Float64Array>;
  to: GrowableArray<Float64Array>;
  /** The place's minimum overlap (one venue, hence one venue type, per key). */
  minOverlap: GrowableArray<Float64Array>;
}

/**
 * A table's probes: those that meet one group, and those that meet every group of a venue (a check-in
 * without zone meets all the venue's zones — kept once rather than copied into each of, say, 120 zones).
 */
interface TableProbes {
  byGroup: ProbeColumns;
  byVenue: ProbeColumns;
  groupsOfVenue: Map<number, readonly number[]>;
}

/** Below this many probes a comparison sort is cheaper than two radix sorts over 2^16 buckets. */
const RADIX_SORT_FROM = 8192;
const UINT32_LIMIT = 2 ** 32;

/** One key's probes, sorted by start, prepared for the sweep (views into per-run scratch arrays). */
interface PreparedProbes {
  minOverlap: number;
  /** Probe starts ascending, and the latest end among probes 0…i. */
  starts: Float64Array;
  reachBefore: Float64Array;
  /** Starts of the probes that can qualify by themselves (long enough, not empty), ascending. */
  longStarts: Float64Array;
}

const NO_PROBES: PreparedProbes = {
  minOverlap: 0,
  starts: new Float64Array(0),
  reachBefore: new Float64Array(0),
  longStarts: new Float64Array(0),
};

const newColumns = (): ProbeColumns => ({
  key: growUint32(),
  from: growFloat64(),
  to: growFloat64(),
  minOverlap: growFloat64(),
});

export class ProbeSweep {
  readonly #byTable = new Map<IntervalTable, TableProbes>();
  #lastTable: IntervalTable | null = null;
  #lastProbes: TableProbes | null = null;

  /** A probe that meets the events of `group`. */
  // eslint-disable-next-line max-params -- one call per close-contact presence, no options object
  add(table: IntervalTable, group: number, from: number, to: number, minOverlap: number): void {
    push(this.#probesOf(table).byGroup, group, from, to, minOverlap);
  }

  /** A probe that meets the events of every group of `venue` (`groups`, the same array for a venue). */
  // eslint-disable-next-line max-params -- one call per close-contact presence, no options object
  addToEveryGroup(
    table: IntervalTable,
    venue: number,
    groups: readonly number[],
    from: number,
    to: number,
    minOverlap: number,
  ): void {
    const probes = this.#probesOf(table);
    if (!probes.groupsOfVenue.has(venue)) probes.groupsOfVenue.set(venue, groups);
    push(probes.byVenue, venue, from, to, minOverlap);
  }

  /** Calls `found` once for each person not yet known (`known[person] === 0`) whom some probe meets. */
  run(known: Uint8Array, found: (person: number) => void): void {
    for (const [table, probes] of this.#byTable) sweepTable(table, probes, known, found);
  }

  #probesOf(table: IntervalTable): TableProbes {
    if (this.#lastTable === table && this.#lastProbes !== null) return this.#lastProbes;
    let probes = this.#byTable.get(table);
    if (probes === undefined) {
      probes = { byGroup: newColumns(), byVenue: newColumns(), groupsOfVenue: new Map() };
      this.#byTable.set(table, probes);
    }
    this.#lastTable = table;
    this.#lastProbes = probes;
    return probes;
  }
}

// eslint-disable-next-line max-params -- internal, one call per probe
function push(columns: ProbeColumns, key: number, from: number, to: number, minOverlap: number): void {
  columns.key.push(key);
  columns.from.push(from);
  columns.to.push(to);
  columns.minOverlap.push(minOverlap);
}

function sweepTable(
  table: IntervalTable,
  probes: TableProbes,
  known: Uint8Array,
  found: (person: number) => void,
): void {
  const segments = table.segments();
  const sweep = (group: number, own: PreparedProbes, shared: PreparedProbes) => {
    for (const segment of segments) sweepSegment(segment, group, own, shared, known, found);
  };
  const byGroup = prepare(probes.byGroup);
  for (const [venue, shared] of prepare(probes.byVenue)) {
    for (const group of probes.groupsOfVenue.get(venue) ?? []) {
      sweep(group, byGroup.get(group) ?? NO_PROBES, shared);
      byGroup.delete(group);
    }
  }
  for (const [group, own] of byGroup) sweep(group, own, NO_PROBES);
}

/** Each key's probes sorted by start, with the prefix maximum of ends and the long-enough starts. */
function prepare(columns: ProbeColumns): Map<number, PreparedProbes> {
  const keys = columns.key.view();
  const froms = columns.from.view();
  const tos = columns.to.view();
  const minOverlaps = columns.minOverlap.view();
  const n = keys.length;
  const prepared = new Map<number, PreparedProbes>();
  if (n === 0) return prepared;
  const order = sortByGroupThenStart(keys, froms);
  const starts = new Float64Array(n);
  const reachBefore = new Float64Array(n);
  const longStarts = new Float64Array(n);
  for (let runStart = 0; runStart < n;) {
    const key = keys[order[runStart]!]!;
    let runEnd = runStart + 1;
    while (runEnd < n && keys[order[runEnd]!] === key) runEnd++;
    const minOverlap = minOverlaps[order[runStart]!]!;
    let reach = -Infinity;
    let longCount = 0;
    for (let i = runStart; i < runEnd; i++) {
      const probe = order[i]!;
      const from = froms[probe]!;
      const to = tos[probe]!;
      starts[i] = from;
      if (to > reach) reach = to;
      reachBefore[i] = reach;
      if (to - from >= minOverlap && to > from) longStarts[runStart + longCount++] = from;
    }
    prepared.set(key, {
      minOverlap,
      starts: starts.subarray(runStart, runEnd),
      reachBefore: reachBefore.subarray(runStart, runEnd),
      longStarts: longStarts.subarray(runStart, runStart + longCount),
    });
    runStart = runEnd;
  }
  return prepared;
}

/** Probe rows ordered by (group, start): two stable radix passes when there are many, else a sort. */
function sortByGroupThenStart(groups: Uint32Array, froms: Float64Array): Uint32Array {
  const n = groups.length;
  let earliest = Infinity;
  let latest = -Infinity;
  for (let i = 0; i < n; i++) {
    if (froms[i]! < earliest) earliest = froms[i]!;
    if (froms[i]! > latest) latest = froms[i]!;
  }
  if (n < RADIX_SORT_FROM || latest - earliest >= UINT32_LIMIT) {
    return identityOrder(n).sort((a, b) => groups[a]! - groups[b]! || froms[a]! - froms[b]!);
  }
  const startKey = new Uint32Array(n);
  for (let i = 0; i < n; i++) startKey[i] = froms[i]! - earliest;
  const scratch = new Uint32Array(n);
  const byStart = sortPositionsByKey(startKey, identityOrder(n), scratch);
  return sortPositionsByKey(groups, byStart, byStart === scratch ? new Uint32Array(n) : scratch);
}

/**
 * The events of one group in one segment (ascending start) that some probe of `own` or `shared` meets
 * by the minimum m. An event starting at t meets a probe that began at or before t iff
 * min(reach, end) − t ≥ m (and > 0), where reach is the latest end among those probes; otherwise it
 * meets a later probe iff it covers the earliest long-enough one by m. When no begun probe reaches
 * t + m, no event until the next long probe's start + m − the group's longest stay can qualify, and the
 * sweep jumps there. Two probe sets are swept at once with a pair of pointers each (their union).
 */
// eslint-disable-next-line max-params -- internal step of sweepTable
function sweepSegment(
  segment: IntervalSegment,
  group: number,
  own: PreparedProbes,
  shared: PreparedProbes,
  known: Uint8Array,
  found: (person: number) => void,
): void {
  const m = shared.starts.length > 0 ? shared.minOverlap : own.minOverlap;
  const { starts: aStarts, reachBefore: aReach, longStarts: aLong } = own;
  const { starts: bStarts, reachBefore: bReach, longStarts: bLong } = shared;
  const aCount = aStarts.length;
  const bCount = bStarts.length;
  const aLongCount = aLong.length;
  const bLongCount = bLong.length;
  const first = Math.min(aCount > 0 ? aStarts[0]! : Infinity, bCount > 0 ? bStarts[0]! : Infinity);
  const last = Math.max(
    aCount > 0 ? aReach[aCount - 1]! : -Infinity,
    bCount > 0 ? bReach[bCount - 1]! : -Infinity,
  );
  if (segment.base > last || segment.maxEnd <= first) return;
  const slot = segment.groupSlot(group);
  if (slot < 0) return;
  const { base, startOffset, endOffset, person: persons } = segment;
  const longest = segment.groupMaxDuration[slot]!;
  let position = segment.groupOffsets[slot]!;
  const end = segment.groupOffsets[slot + 1]!;
  const earliestStart = first - longest - base;
  if (earliestStart > 0) position = lowerBound(startOffset, position, end, earliestStart);
  if (position >= end) return;
  const latestStart = last - m - base;
  // Per set: the last probe begun at or before the current event's start, and the next long probe.
  const firstEventFrom = base + startOffset[position]!;
  let aBefore = upperBound(aStarts, 0, aCount, firstEventFrom) - 1;
  let bBefore = upperBound(bStarts, 0, bCount, firstEventFrom) - 1;
  let aNext = upperBound(aLong, 0, aLongCount, firstEventFrom);
  let bNext = upperBound(bLong, 0, bLongCount, firstEventFrom);
  while (position < end) {
    const start = startOffset[position]!;
    if (start > latestStart) break;
    const eventFrom = base + start;
    while (aBefore + 1 < aCount && aStarts[aBefore + 1]! <= eventFrom) aBefore++;
    while (bBefore + 1 < bCount && bStarts[bBefore + 1]! <= eventFrom) bBefore++;
    while (aNext < aLongCount && aLong[aNext]! <= eventFrom) aNext++;
    while (bNext < bLongCount && bLong[bNext]! <= eventFrom) bNext++;
    const aReached = aBefore >= 0 ? aReach[aBefore]! : -Infinity;
    const bReached = bBefore >= 0 ? bReach[bBefore]! : -Infinity;
    const reach = aReached > bReached ? aReached : bReached;
    const aNextLong = aNext < aLongCount ? aLong[aNext]! : Infinity;
    const bNextLong = bNext < bLongCount ? bLong[bNext]! : Infinity;
    const nextLong = aNextLong < bNextLong ? aNextLong : bNextLong;
    if (reach - eventFrom < m || reach <= eventFrom) {
      // Nothing begun reaches this or any later event; only probes still to begin can.
      if (nextLong === Infinity) return;
      const jump = nextLong + m - longest - base;
      if (jump > start) {
        position = lowerBound(startOffset, position + 1, end, jump);
        continue;
      }
      const person = persons[position]!;
      if (known[person] === 0) {
        const eventTo = base + endOffset[position]!;
        if (eventTo - nextLong >= m && eventTo > nextLong) found(person);
      }
      position++;
      continue;
    }
    const person = persons[position]!;
    if (known[person] === 0) {
      const eventTo = base + endOffset[position]!;
      // A probe that began at or before the event: the one reaching furthest overlaps most.
      const overlapTo = reach < eventTo ? reach : eventTo;
      if (overlapTo - eventFrom >= m && overlapTo > eventFrom) found(person);
      // A probe that begins during the event: the earliest long-enough one overlaps most.
      else if (eventTo - nextLong >= m && eventTo > nextLong) found(person);
    }
    position++;
  }
}
