/**
 * Contacts-only secondary search, one sweep per place: instead of scanning a place once for every
 * close-contact presence there, the presences ("probes") are collected per place group and each group's
 * events are visited once, asking whether any single probe overlaps the event by the minimum — the
 * probes that began earlier through a prefix maximum of their ends, those that begin during the event
 * through a sorted list of the probes long enough to qualify.
 */
import type { IntervalTable } from './interval-table.js';
import { lowerBound, upperBound } from './radix-sort.js';

interface Probes {
  from: number[];
  to: number[];
  /** The group's minimum overlap (one venue, hence one venue type, per group). */
  minOverlap: number;
}

export class ProbeSweep {
  readonly #byTable = new Map<IntervalTable, Map<number, Probes>>();

  // eslint-disable-next-line max-params -- one call per close-contact presence, no options object
  add(table: IntervalTable, group: number, from: number, to: number, minOverlap: number): void {
    let groups = this.#byTable.get(table);
    if (groups === undefined) this.#byTable.set(table, (groups = new Map<number, Probes>()));
    const probes = groups.get(group);
    if (probes === undefined) groups.set(group, { from: [from], to: [to], minOverlap });
    else {
      probes.from.push(from);
      probes.to.push(to);
    }
  }

  /** Calls `found` once for each person not yet known (`known[person] === 0`) whom some probe meets. */
  run(known: Uint8Array, found: (person: number) => void): void {
    for (const [table, groups] of this.#byTable) {
      for (const [group, probes] of groups) sweepGroup(table, group, probes, known, found);
    }
  }
}

// eslint-disable-next-line max-params -- internal step of run()
function sweepGroup(
  table: IntervalTable,
  group: number,
  probes: Probes,
  known: Uint8Array,
  found: (person: number) => void,
): void {
  const m = probes.minOverlap;
  const order = Array.from(probes.from.keys()).sort((a, b) => probes.from[a]! - probes.from[b]!);
  const n = order.length;
  const starts = new Float64Array(n);
  const reachBefore = new Float64Array(n); // the latest probe end among probes 0…i
  const long: number[] = []; // starts of probes that can qualify by themselves, ascending
  let reach = -Infinity;
  order.forEach((p, i) => {
    const from = probes.from[p]!;
    const to = probes.to[p]!;
    starts[i] = from;
    reach = Math.max(reach, to);
    reachBefore[i] = reach;
    if (to - from >= m && to > from) long.push(from);
  });
  const first = starts[0]!;
  const last = reach;
  for (const segment of table.segments()) {
    if (segment.base > last || segment.maxEnd <= first) continue;
    const slot = segment.groupSlot(group);
    if (slot < 0) continue;
    const { base, startOffset, endOffset, person: persons } = segment;
    let position = segment.groupOffsets[slot]!;
    const end = segment.groupOffsets[slot + 1]!;
    const earliestStart = first - segment.groupMaxDuration[slot]! - base;
    if (earliestStart > 0) position = lowerBound(startOffset, position, end, earliestStart);
    const latestStart = last - m - base;
    for (; position < end; position++) {
      if (startOffset[position]! > latestStart) break;
      const person = persons[position]!;
      if (known[person] !== 0) continue;
      const eventFrom = base + startOffset[position]!;
      const eventTo = base + endOffset[position]!;
      // A probe that began at or before the event: the one reaching furthest overlaps most.
      const before = upperBound(starts, 0, n, eventFrom) - 1;
      if (before >= 0) {
        const overlapTo = Math.min(reachBefore[before]!, eventTo);
        if (overlapTo - eventFrom >= m && overlapTo > eventFrom) {
          found(person);
          continue;
        }
      }
      // A probe that begins during the event: the earliest long-enough one overlaps most.
      const during = upperBound(long, 0, long.length, eventFrom);
      if (during < long.length) {
        const probeFrom = long[during]!;
        if (eventTo - probeFrom >= m && eventTo > probeFrom) found(person);
      }
    }
  }
}
