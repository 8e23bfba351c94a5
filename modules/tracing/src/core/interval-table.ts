/**
 * One kind of presence (venue check-ins, trips or stays) as a log-structured set of interval segments:
 * appends go to a write buffer that is sealed into per-partition segments (one partition per day of
 * start by default); small segments of a partition merge into bigger ones (the logarithmic method,
 * Bentley & Saxe 1980), so appending stays cheap and queries touch few segments. Retention drops whole
 * partitions, as the database drops day partitions.
 */
import { growFloat64, growInt32, growUint32 } from './growable-array.js';
import type { GrowableArray } from './growable-array.js';
import { concatColumns, IntervalSegment } from './interval-segment.js';
import type { EventColumns } from './interval-segment.js';

export interface IntervalTableOptions {
  /** Integer columns carried with each event (the seat of a trip). */
  extraColumns: number;
  /** Length of a partition in ms (events are partitioned by start); at most 2^31. */
  partitionMs: number;
  /** The write buffer is sealed when it holds this many events (and before every query). */
  sealThreshold: number;
}

interface WriteBuffer {
  group: GrowableArray<Uint32Array>;
  person: GrowableArray<Uint32Array>;
  start: GrowableArray<Float64Array>;
  end: GrowableArray<Float64Array>;
  extra: GrowableArray<Int32Array>[];
}

/** A new segment is merged into its older neighbour while it is at least 1/MERGE_RATIO of its size. */
const MERGE_RATIO = 2;

export class IntervalTable {
  readonly #options: IntervalTableOptions;
  readonly #buffer: WriteBuffer;
  readonly #partitions = new Map<number, IntervalSegment[]>();
  #segments: IntervalSegment[] | null = [];

  constructor(options: IntervalTableOptions) {
    if (!(options.partitionMs > 0 && options.partitionMs <= 2 ** 31)) {
      throw new RangeError('partitionMs must be in (0, 2^31]');
    }
    this.#options = options;
    this.#buffer = {
      group: growUint32(),
      person: growUint32(),
      start: growFloat64(),
      end: growFloat64(),
      extra: Array.from({ length: options.extraColumns }, () => growInt32()),
    };
  }

  // eslint-disable-next-line max-params -- called once per event of a bulk load: no options object allocated
  append(group: number, person: number, start: number, end: number, extra: readonly number[] = []): void {
    const buffer = this.#buffer;
    buffer.group.push(group);
    buffer.person.push(person);
    buffer.start.push(start);
    buffer.end.push(end);
    for (let i = 0; i < buffer.extra.length; i++) buffer.extra[i]!.push(extra[i] ?? -1);
    if (buffer.group.length >= this.#options.sealThreshold) this.seal();
  }

  /** Moves the write buffer into segments. */
  seal(): void {
    const buffer = this.#buffer;
    if (buffer.group.length === 0) return;
    const columns: EventColumns = {
      group: buffer.group.view(),
      person: buffer.person.view(),
      start: buffer.start.view(),
      end: buffer.end.view(),
      extra: buffer.extra.map((column) => column.view()),
    };
    for (const [key, positions] of this.#splitByPartition(columns.start)) {
      this.#addSegment(key, IntervalSegment.build(pick(columns, positions)));
    }
    for (const column of [buffer.group, buffer.person, buffer.start, buffer.end, ...buffer.extra])
      column.release();
    this.#segments = null;
  }

  /** Merges every partition into a single segment (after a bulk load). */
  compact(): void {
    this.seal();
    for (const [key, segments] of this.#partitions) {
      if (segments.length > 1) this.#partitions.set(key, [merge(segments)]);
    }
    this.#segments = null;
  }

  /** All sealed segments, oldest partition first. Seals the write buffer first. */
  segments(): readonly IntervalSegment[] {
    this.seal();
    if (this.#segments === null) {
      this.#segments = [...this.#partitions.keys()]
        .sort((a, b) => a - b)
        .flatMap((key) => this.#partitions.get(key) ?? []);
    }
    return this.#segments;
  }

  /** Removes every event that ended before `cutoff` (retention); returns how many were removed. */
  pruneBefore(cutoff: number): number {
    this.seal();
    let removed = 0;
    for (const [key, segments] of this.#partitions) {
      const kept: IntervalSegment[] = [];
      for (const segment of segments) {
        if (segment.minEnd >= cutoff) {
          kept.push(segment);
          continue;
        }
        const survivors = segment.decode((_start, end) => end >= cutoff);
        removed += segment.count - survivors.group.length;
        if (survivors.group.length > 0) kept.push(IntervalSegment.build(survivors));
      }
      if (kept.length === 0) this.#partitions.delete(key);
      else this.#partitions.set(key, kept);
    }
    this.#segments = null;
    return removed;
  }

  get eventCount(): number {
    let count = this.#buffer.group.length;
    for (const segments of this.#partitions.values()) for (const s of segments) count += s.count;
    return count;
  }

  get segmentCount(): number {
    let count = 0;
    for (const segments of this.#partitions.values()) count += segments.length;
    return count;
  }

  /** Bytes held by typed arrays (sealed segments and the write buffer's reserved capacity). */
  get byteLength(): number {
    let bytes = 0;
    for (const segments of this.#partitions.values()) for (const s of segments) bytes += s.byteLength;
    const buffer = this.#buffer;
    for (const column of [buffer.group, buffer.person, buffer.start, buffer.end, ...buffer.extra]) {
      bytes += column.byteLength;
    }
    return bytes;
  }

  /** Positions of the events of each partition (by start), in order. */
  #splitByPartition(start: Float64Array): Map<number, Uint32Array> {
    const keys = new Float64Array(start.length);
    const counts = new Map<number, number>();
    for (let i = 0; i < start.length; i++) {
      const key = Math.floor(start[i]! / this.#options.partitionMs);
      keys[i] = key;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const byKey = new Map<number, Uint32Array>();
    const filled = new Map<number, number>();
    for (const [key, count] of counts) {
      byKey.set(key, new Uint32Array(count));
      filled.set(key, 0);
    }
    for (let i = 0; i < start.length; i++) {
      const key = keys[i]!;
      const at = filled.get(key)!;
      byKey.get(key)![at] = i;
      filled.set(key, at + 1);
    }
    return byKey;
  }

  #addSegment(key: number, segment: IntervalSegment): void {
    const segments = this.#partitions.get(key) ?? [];
    segments.push(segment);
    while (segments.length >= 2) {
      const newest = segments[segments.length - 1]!;
      const older = segments[segments.length - 2]!;
      if (newest.count * MERGE_RATIO < older.count) break;
      segments.splice(segments.length - 2, 2, merge([older, newest]));
    }
    this.#partitions.set(key, segments);
  }
}

function merge(segments: readonly IntervalSegment[]): IntervalSegment {
  return IntervalSegment.build(concatColumns(segments.map((segment) => segment.decode())));
}

function pick(columns: EventColumns, positions: Uint32Array): EventColumns {
  const n = positions.length;
  const out: EventColumns = {
    group: new Uint32Array(n),
    person: new Uint32Array(n),
    start: new Float64Array(n),
    end: new Float64Array(n),
    extra: columns.extra.map(() => new Int32Array(n)),
  };
  for (let i = 0; i < n; i++) {
    const from = positions[i]!;
    out.group[i] = columns.group[from]!;
    out.person[i] = columns.person[from]!;
    out.start[i] = columns.start[from]!;
    out.end[i] = columns.end[from]!;
    for (let c = 0; c < columns.extra.length; c++) out.extra[c]![i] = columns.extra[c]![from]!;
  }
  return out;
}
