/**
 * An immutable, columnar block of presence intervals: sorted by (place group, start) so the intervals at
 * one place that can overlap a given interval are one binary search away, and indexed by person so a
 * person's own presence is found without a scan. About 16 bytes per event plus 8 per distinct person.
 */
import { identityOrder, lowerBound, sortPositionsByKey, upperBound } from './radix-sort.js';

/** Unsorted events in absolute epoch milliseconds; `extra` holds kind-specific integer columns (seat). */
export interface EventColumns {
  group: Uint32Array;
  person: Uint32Array;
  start: Float64Array;
  end: Float64Array;
  extra: Int32Array[];
}

const UINT32_LIMIT = 2 ** 32;

export class IntervalSegment {
  readonly count: number;
  /** Epoch ms that the offsets are relative to: the earliest start. */
  readonly base: number;
  readonly maxEnd: number;
  readonly minEnd: number;
  /** Distinct place groups, ascending, with their event ranges and longest interval. */
  readonly groupIds: Uint32Array;
  readonly groupOffsets: Uint32Array;
  readonly groupMaxDuration: Float64Array;
  /** Event columns in (group, start) order. Start offsets always fit 32 bits (a partition is short). */
  readonly person: Uint32Array;
  readonly startOffset: Uint32Array;
  readonly endOffset: Uint32Array | Float64Array;
  readonly extra: Int32Array[];
  /** Positions sorted by person, with the distinct persons and their ranges in `personOrder`. */
  readonly personIds: Uint32Array;
  readonly personOffsets: Uint32Array;
  readonly personOrder: Uint32Array;
  /** Dense id → slot + 1 maps built on first lookup when the ids are dense enough (null: too sparse). */
  #groupSlots: Uint32Array | null | undefined;
  #personSlots: Uint32Array | null | undefined;

  private constructor(columns: EventColumns) {
    const n = columns.group.length;
    if (n === 0) throw new RangeError('a segment needs at least one event');
    let base = Infinity;
    let maxStart = -Infinity;
    let maxEnd = -Infinity;
    let minEnd = Infinity;
    for (let i = 0; i < n; i++) {
      const start = columns.start[i]!;
      const end = columns.end[i]!;
      if (start < base) base = start;
      if (start > maxStart) maxStart = start;
      if (end > maxEnd) maxEnd = end;
      if (end < minEnd) minEnd = end;
    }
    if (maxStart - base >= UINT32_LIMIT) {
      throw new RangeError('segment starts span more than 2^32 ms; partitions must be shorter');
    }
    this.count = n;
    this.base = base;
    this.maxEnd = maxEnd;
    this.minEnd = minEnd;

    const rawStart = new Uint32Array(n);
    for (let i = 0; i < n; i++) rawStart[i] = columns.start[i]! - base;
    const counts = new Uint32Array(1 << 16);
    const bufferA = identityOrder(n);
    const bufferB = new Uint32Array(n);
    const byStart = sortPositionsByKey(rawStart, bufferA, bufferB, counts);
    const order = sortPositionsByKey(columns.group, byStart, byStart === bufferA ? bufferB : bufferA, counts);

    this.person = new Uint32Array(n);
    this.startOffset = new Uint32Array(n);
    this.endOffset = maxEnd - base < UINT32_LIMIT ? new Uint32Array(n) : new Float64Array(n);
    this.extra = columns.extra.map(() => new Int32Array(n));
    for (let i = 0; i < n; i++) {
      const from = order[i]!;
      this.person[i] = columns.person[from]!;
      this.startOffset[i] = rawStart[from]!;
      this.endOffset[i] = columns.end[from]! - base;
    }
    columns.extra.forEach((source, column) => {
      const target = this.extra[column]!;
      for (let i = 0; i < n; i++) target[i] = source[order[i]!]!;
    });

    const sortedGroups = new Uint32Array(n);
    for (let i = 0; i < n; i++) sortedGroups[i] = columns.group[order[i]!]!;
    const groups = countRuns(sortedGroups);
    this.groupIds = groups.ids;
    this.groupOffsets = groups.offsets;
    this.groupMaxDuration = new Float64Array(groups.ids.length);
    for (let slot = 0; slot < groups.ids.length; slot++) {
      let longest = 0;
      for (let i = groups.offsets[slot]!; i < groups.offsets[slot + 1]!; i++) {
        const duration = this.endOffset[i]! - this.startOffset[i]!;
        if (duration > longest) longest = duration;
      }
      this.groupMaxDuration[slot] = longest;
    }

    const spare = order === bufferA ? bufferB : bufferA;
    this.personOrder = sortPositionsByKey(this.person, identityOrder(n), spare, counts);
    const sortedPersons = sortedGroups; // reused: the groups are counted
    for (let i = 0; i < n; i++) sortedPersons[i] = this.person[this.personOrder[i]!]!;
    const persons = countRuns(sortedPersons);
    this.personIds = persons.ids;
    this.personOffsets = persons.offsets;
  }

  static build(columns: EventColumns): IntervalSegment {
    return new IntervalSegment(columns);
  }

  /** Slot of `group` in this segment, or -1 when the segment has no event there. */
  groupSlot(group: number): number {
    if (this.#groupSlots === undefined) this.#groupSlots = denseSlots(this.groupIds);
    const dense = this.#groupSlots;
    if (dense !== null) return group < dense.length ? dense[group]! - 1 : -1;
    const slot = lowerBound(this.groupIds, 0, this.groupIds.length, group);
    return slot < this.groupIds.length && this.groupIds[slot] === group ? slot : -1;
  }

  /** The place group of the event at `position`. */
  groupAt(position: number): number {
    return this.groupIds[upperBound(this.groupOffsets, 0, this.groupOffsets.length, position) - 1]!;
  }

  /** Slot of `person` in `personIds`, or -1; their events are personOrder[personOffsets[slot]…[slot+1]). */
  personSlot(person: number): number {
    if (this.#personSlots === undefined) this.#personSlots = denseSlots(this.personIds);
    const dense = this.#personSlots;
    if (dense !== null) return person < dense.length ? dense[person]! - 1 : -1;
    const slot = lowerBound(this.personIds, 0, this.personIds.length, person);
    return slot < this.personIds.length && this.personIds[slot] === person ? slot : -1;
  }

  /** The events back as absolute columns, keeping only those `keep` accepts (for merging and pruning). */
  decode(keep: (start: number, end: number) => boolean = () => true): EventColumns {
    const kept = new Uint8Array(this.count);
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      if (keep(this.base + this.startOffset[i]!, this.base + this.endOffset[i]!)) {
        kept[i] = 1;
        n++;
      }
    }
    const columns: EventColumns = {
      group: new Uint32Array(n),
      person: new Uint32Array(n),
      start: new Float64Array(n),
      end: new Float64Array(n),
      extra: this.extra.map(() => new Int32Array(n)),
    };
    let at = 0;
    for (let slot = 0; slot < this.groupIds.length; slot++) {
      const group = this.groupIds[slot]!;
      for (let i = this.groupOffsets[slot]!; i < this.groupOffsets[slot + 1]!; i++) {
        if (kept[i] === 0) continue;
        columns.group[at] = group;
        columns.person[at] = this.person[i]!;
        columns.start[at] = this.base + this.startOffset[i]!;
        columns.end[at] = this.base + this.endOffset[i]!;
        for (let c = 0; c < this.extra.length; c++) columns.extra[c]![at] = this.extra[c]![i]!;
        at++;
      }
    }
    return columns;
  }

  get byteLength(): number {
    const arrays = [
      this.groupIds,
      this.groupOffsets,
      this.groupMaxDuration,
      this.person,
      this.startOffset,
      this.endOffset,
      this.personIds,
      this.personOffsets,
      this.personOrder,
      ...this.extra,
      this.#groupSlots ?? new Uint32Array(0),
      this.#personSlots ?? new Uint32Array(0),
    ];
    return arrays.reduce((sum, array) => sum + array.byteLength, 0);
  }
}

/** Concatenates event columns (merging two segments' events before rebuilding). */
export function concatColumns(parts: readonly EventColumns[]): EventColumns {
  const n = parts.reduce((sum, part) => sum + part.group.length, 0);
  const extraCount = parts[0]?.extra.length ?? 0;
  const out: EventColumns = {
    group: new Uint32Array(n),
    person: new Uint32Array(n),
    start: new Float64Array(n),
    end: new Float64Array(n),
    extra: Array.from({ length: extraCount }, () => new Int32Array(n)),
  };
  let at = 0;
  for (const part of parts) {
    out.group.set(part.group, at);
    out.person.set(part.person, at);
    out.start.set(part.start, at);
    out.end.set(part.end, at);
    part.extra.forEach((column, i) => out.extra[i]!.set(column, at));
    at += part.group.length;
  }
  return out;
}

/**
 * Slot lookup without a binary search: a binary search over a few hundred thousand ids misses the cache
 * at most of its ~20 steps, and the contact search does one per close contact, place and segment. Built
 * only when the ids fill at least a quarter of their range, so it costs at most 16 bytes per id.
 */
const DENSE_SLOTS_MAX_SPREAD = 4;

function denseSlots(ids: Uint32Array): Uint32Array | null {
  const n = ids.length;
  if (n === 0) return null;
  const range = ids[n - 1]! + 1;
  if (range > n * DENSE_SLOTS_MAX_SPREAD) return null;
  const slots = new Uint32Array(range);
  for (let slot = 0; slot < n; slot++) slots[ids[slot]!] = slot + 1;
  return slots;
}

/** Distinct values of an ascending array and the offsets where each run starts (plus the end). */
function countRuns(values: Uint32Array): { ids: Uint32Array; offsets: Uint32Array } {
  const n = values.length;
  let runs = 0;
  for (let i = 0; i < n; i++) if (i === 0 || values[i] !== values[i - 1]) runs++;
  const ids = new Uint32Array(runs);
  const offsets = new Uint32Array(runs + 1);
  let run = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || values[i] !== values[i - 1]) {
      run++;
      ids[run] = values[i]!;
      offsets[run] = i;
    }
  }
  offsets[runs] = n;
  return { ids, offsets };
}
