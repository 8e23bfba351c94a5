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

/** Probes of one table as flat columns (one row per close-contact presence and place group). */
interface ProbeColumns {
  group: GrowableArray<Uint32Array>;
  from: GrowableArray<Float64Array>;
  to: GrowableArray<Float64Array>;
  /** The group's minimum overlap (one venue, hence one venue type, per group). */
  minOverlap: GrowableArray<Float64Array>;
}

/** Below this many probes a comparison sort is cheaper than two radix sorts over 2^16 buckets. */
const RADIX_SORT_FROM = 8192;
const UINT32_LIMIT = 2 ** 32;

/** One group's probes, sorted by start, prepared for the sweep (views into per-run scratch arrays). */
interface GroupProbes {
  group: number;
  minOverlap: number;
  /** Probe starts ascending, and the latest end among probes 0…i. */
  starts: Float64Array;
  reachBefore: Float64Array;
  /** Starts of the probes that can qualify by themselves (long enough, not empty), ascending. */
  longStarts: Float64Array;
}

export class ProbeSweep {
  readonly #byTable = new Map<IntervalTable, ProbeColumns>();
  #lastTable: IntervalTable | null = null;
  #lastColumns: ProbeColumns | null = null;

  // eslint-disable-next-line max-params -- one call per close-contact presence, no options object
  add(table: IntervalTable, group: number, from: number, to: number, minOverlap: number): void {
    let columns = this.#lastTable === table ? this.#lastColumns : this.#byTable.get(table);
    if (columns === undefined || columns === null) {
      columns = { group: growUint32(), from: growFloat64(), to: growFloat64(), minOverlap: growFloat64() };
      this.#byTable.set(table, columns);
    }
    this.#lastTable = table;
    this.#lastColumns = columns;
    columns.group.push(group);
    columns.from.push(from);
    columns.to.push(to);
    columns.minOverlap.push(minOverlap);
  }

  /** Calls `found` once for each person not yet known (`known[person] === 0`) whom some probe meets. */
  run(known: Uint8Array, found: (person: number) => void): void {
    for (const [table, columns] of this.#byTable) sweepTable(table, columns, known, found);
  }
}

function sweepTable(
  table: IntervalTable,
  columns: ProbeColumns,
  known: Uint8Array,
  found: (person: number) => void,
): void {
  const groups = columns.group.view();
  const froms = columns.from.view();
  const tos = columns.to.view();
  const minOverlaps = columns.minOverlap.view();
  const n = groups.length;
  if (n === 0) return;
  const order = sortByGroupThenStart(groups, froms);
  const starts = new Float64Array(n);
  const reachBefore = new Float64Array(n);
  const longStarts = new Float64Array(n);
  const segments = table.segments();
  for (let runStart = 0; runStart < n;) {
    const group = groups[order[runStart]!]!;
    let runEnd = runStart + 1;
    while (runEnd < n && groups[order[runEnd]!] === group) runEnd++;
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
    const probes: GroupProbes = {
      group,
      minOverlap,
      starts: starts.subarray(runStart, runEnd),
      reachBefore: reachBefore.subarray(runStart, runEnd),
      longStarts: longStarts.subarray(runStart, runStart + longCount),
    };
    for (const segment of segments) sweepSegment(segment, probes, known, found);
    runStart = runEnd;
  }
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
 * The events of one group in one segment (ascending start) that some probe overlaps by the minimum.
 * An event starting at t meets a probe that began at or before t iff min(reach, end) − t ≥ m (and > 0),
 * where reach is the latest end among those probes; otherwise it meets a later probe iff it covers the
 * earliest long-enough one by m. When no begun probe reaches t + m, no event until the next long
 * probe's start + m − the group's longest stay can qualify, and the sweep jumps there.
 */
function sweepSegment(
  segment: IntervalSegment,
  probes: GroupProbes,
  known: Uint8Array,
  found: (person: number) => void,
): void {
  const { starts, reachBefore, longStarts, minOverlap: m } = probes;
  const n = starts.length;
  const longCount = longStarts.length;
  const first = starts[0]!;
  const last = reachBefore[n - 1]!;
  if (segment.base > last || segment.maxEnd <= first) return;
  const slot = segment.groupSlot(probes.group);
  if (slot < 0) return;
  const { base, startOffset, endOffset, person: persons } = segment;
  const longest = segment.groupMaxDuration[slot]!;
  let position = segment.groupOffsets[slot]!;
  const end = segment.groupOffsets[slot + 1]!;
  const earliestStart = first - longest - base;
  if (earliestStart > 0) position = lowerBound(startOffset, position, end, earliestStart);
  if (position >= end) return;
  const latestStart = last - m - base;
  // Probes begun at or before the current event's start (index of the last), and the next long probe.
  const firstEventFrom = base + startOffset[position]!;
  let before = upperBound(starts, 0, n, firstEventFrom) - 1;
  let next = upperBound(longStarts, 0, longCount, firstEventFrom);
  while (position < end) {
    const start = startOffset[position]!;
    if (start > latestStart) break;
    const eventFrom = base + start;
    while (before + 1 < n && starts[before + 1]! <= eventFrom) before++;
    while (next < longCount && longStarts[next]! <= eventFrom) next++;
    const reach = before >= 0 ? reachBefore[before]! : -Infinity;
    if (reach - eventFrom < m || reach <= eventFrom) {
      // Nothing begun reaches this or any later event; only probes still to begin can.
      if (next === longCount) return;
      const jump = longStarts[next]! + m - longest - base;
      if (jump > start) {
        position = lowerBound(startOffset, position + 1, end, jump);
        continue;
      }
      const person = persons[position]!;
      if (known[person] === 0) {
        const eventTo = base + endOffset[position]!;
        const probeFrom = longStarts[next]!;
        if (eventTo - probeFrom >= m && eventTo > probeFrom) found(person);
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
      else if (next < longCount) {
        // A probe that begins during the event: the earliest long-enough one overlaps most.
        const probeFrom = longStarts[next]!;
        if (eventTo - probeFrom >= m && eventTo > probeFrom) found(person);
      }
    }
    position++;
  }
}
