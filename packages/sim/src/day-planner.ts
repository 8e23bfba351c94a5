/**
 * One person's day as a short list of non-overlapping stays (venue, zone, start, end), built activity by
 * activity: an activity that would clash is moved after what the person already does, or dropped. This is
 * what guarantees that nobody is in two places at once.
 */
import { VisitFlag as visitFlags, type PresenceBuffers } from './day-presence.js';
import { MINUTES_PER_DAY as minutesPerDay } from './local-time.js';
import type { Random } from './random.js';

// Hot loops read these constantly; a module-level copy is a plain variable, whereas reading an imported
// binding costs a getter call under the tsx module loader (a few per cent of a run).
const VisitFlag = visitFlags;
const MINUTES_PER_DAY = minutesPerDay;

const MAX_SEGMENTS = 16;

export class DayPlanner {
  readonly start = new Int32Array(MAX_SEGMENTS);
  readonly end = new Int32Array(MAX_SEGMENTS);
  readonly venue = new Int32Array(MAX_SEGMENTS);
  readonly zone = new Int32Array(MAX_SEGMENTS);
  /** 1 when the stay is the day's main place, reached by commuting (work or school). */
  readonly commuted = new Uint8Array(MAX_SEGMENTS);
  count = 0;
  private dayStart = 0;

  /** Starts planning the day that begins at `dayStart` (minutes); nothing may leave it. */
  reset(dayStart: number): void {
    this.count = 0;
    this.dayStart = dayStart;
  }

  /** Adds a stay as given (callers add fixed activities first, in time order). */
  // eslint-disable-next-line max-params -- hot path: scalars, so no object is made per event
  add(venue: number, zone: number, start: number, end: number, commuted = false): void {
    if (venue < 0 || end <= start || this.count >= MAX_SEGMENTS) return;
    if (start < this.dayStart || end > this.dayStart + MINUTES_PER_DAY - 1) return;
    for (let i = 0; i < this.count; i++) if (start < this.end[i]! && end > this.start[i]!) return;
    const i = this.count++;
    this.venue[i] = venue;
    this.zone[i] = zone;
    this.start[i] = start;
    this.end[i] = end;
    this.commuted[i] = commuted ? 1 : 0;
  }

  /**
   * Adds a stay of `duration` minutes at or after `earliest`, moved past anything it would clash with
   * (with 10–25 minutes to get there); dropped if it no longer fits in the day.
   */
  // eslint-disable-next-line max-params -- hot path: scalars, so no object is made per event
  addAfter(venue: number, zone: number, earliest: number, duration: number, random: Random): void {
    if (venue < 0) return;
    let start = earliest;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < this.count; i++) {
        if (start < this.end[i]! + 10 && start + duration > this.start[i]! - 10)
          start = this.end[i]! + random.between(10, 25);
      }
    }
    if (start + duration > this.dayStart + MINUTES_PER_DAY - 1) return;
    this.add(venue, zone, start, start + duration);
  }

  /** Puts the stays in time order. */
  sort(): void {
    for (let i = 1; i < this.count; i++) {
      for (let j = i; j > 0 && this.start[j - 1]! > this.start[j]!; j--) this.swap(j, j - 1);
    }
  }

  /** Ends the day at `minute`: later stays are dropped, one in progress ends then. */
  cutAt(minute: number): void {
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.start[i]! >= minute) break;
      if (this.end[i]! > minute) this.end[i] = minute;
      kept++;
    }
    this.count = kept;
  }

  /**
   * Writes the stays as visits. Each is scanned with probability `scan`; a scanned visit misses its
   * check-out with `missingCheckout` and records its zone with the venue's `zoneRates` probability.
   */
  // eslint-disable-next-line max-params -- hot path: scalars, so no object is made per event
  emitVisits(
    person: number,
    buffers: PresenceBuffers,
    random: Random,
    scan: number,
    missingCheckout: number,
    zoneRates: Float32Array,
  ): void {
    for (let i = 0; i < this.count; i++) {
      const venue = this.venue[i]!;
      const zone = this.zone[i]!;
      let flags = 0;
      if (random.next() < scan) {
        flags |= VisitFlag.scanned;
        if (random.next() >= missingCheckout) flags |= VisitFlag.checkoutRecorded;
        if (zone >= 0 && random.next() < zoneRates[venue]!) flags |= VisitFlag.zoneRecorded;
      }
      buffers.addVisit(person, venue, zone, this.start[i]!, this.end[i]!, flags);
    }
  }

  private swap(a: number, b: number): void {
    for (const column of [this.start, this.end, this.venue, this.zone] as const) {
      const t = column[a]!;
      column[a] = column[b]!;
      column[b] = t;
    }
    const t = this.commuted[a]!;
    this.commuted[a] = this.commuted[b]!;
    this.commuted[b] = t;
  }
}
