/**
 * The fast contact finder: close contacts (密接, degree 1) and secondary contacts (次密接, degree 2) of
 * a case, searched in the presence index exactly as DESIGN.md defines them. For each presence of the
 * source person inside their window, only the events of the same place group that can overlap are
 * visited: a binary search from (start − the group's longest stay) to (end − minimum overlap).
 */
import { ExposureLog } from './exposure-log.js';
import { ProbeSweep } from './probe-sweep.js';
import { growFloat64, growUint32, growUint8 } from './growable-array.js';
import type { IntervalSegment } from './interval-segment.js';
import type { IntervalTable } from './interval-table.js';
import { HOUSEHOLD_KIND, STAY_KIND, TRIP_KIND, VENUE_KIND } from './contact-set.js';
import type { ContactSet } from './contact-set.js';
import { TRIP_CARRIAGE, TRIP_ROW } from './presence-index.js';
import type { PresenceIndex } from './presence-index.js';
import { lowerBound } from './radix-sort.js';
import { tripRuleFor, venueRuleFor } from './rules.js';
import type { ContactRules, TripRule } from './rules.js';
import { seatsAreClose } from './seat.js';
import type { Seat } from './seat.js';
import { NO_ZONE } from './venue-places.js';
import type { TimeWindow } from './window.js';

export interface ContactQuery {
  /** The case's person id as imported. */
  caseId: string;
  /** The case's infectious window (see `infectiousWindow`). */
  window: TimeWindow;
  /** Quarantine times of close contacts (by person id): each ends that contact's secondary window. */
  quarantineAt?: ReadonlyMap<string, number> | undefined;
  rules: ContactRules;
  /** Ends the secondary window of a close contact with no quarantine time. */
  now: number;
  /** 1: close contacts only; 2 (default): close and secondary contacts. */
  maxDegree?: 1 | 2 | undefined;
  /**
   * false: find the contacts (with degree and first exposure) without recording every exposure — for
   * counting and batch work where a loose definition would make tens of millions of rows. Default true.
   */
  recordExposures?: boolean | undefined;
}

const MINUTE_MS = 60_000;
/**
 * Per person during a search: 0 unseen, else a code below the search's degree blocks them — the case is
 * 1 and blocks at both degrees; close contacts are 2 and block at degree 2 (searching degree 2 is code 3).
 */
const THE_CASE = 1;
const CLOSE = 2;
const SECONDARY = 3;

export function findContacts(index: PresenceIndex, query: ContactQuery): ContactSet {
  return new ContactSearch(index, query).run();
}

/** What one scan looks for: set before each `scanGroup`, reused to avoid allocation in the hot loop. */
interface Probe {
  kind: number;
  place: number;
  via: number;
  degree: number;
  from: number;
  to: number;
  minOverlap: number;
  tripRule: TripRule | null;
  seat: Seat;
}

/** Per-person scratch reused between searches on the same index (a search is synchronous). */
const scratchByIndex = new WeakMap<PresenceIndex, { slotOf: Uint32Array; degreeOf: Uint8Array }>();

class ContactSearch {
  readonly #index: PresenceIndex;
  readonly #query: ContactQuery;
  readonly #slotOf: Uint32Array;
  readonly #degreeOf: Uint8Array;
  readonly #venueCounts: boolean[];
  readonly #venueZoneRequired: boolean[];
  readonly #venueMinOverlap: number[];
  readonly #tripRules: TripRule[];
  readonly #probe: Probe = {
    kind: 0,
    place: 0,
    via: -1,
    degree: 1,
    from: 0,
    to: 0,
    minOverlap: 0,
    tripRule: null,
    seat: { carriage: -1, row: -1 },
  };
  readonly #otherSeat: Seat = { carriage: -1, row: -1 };
  readonly #contactPerson = growUint32();
  readonly #contactDegree = growUint8();
  readonly #contactFirst = growFloat64();
  readonly #log = new ExposureLog();
  readonly #recordExposures: boolean;
  /** Set while searching secondary contacts without exposure rows: venue and room scans are swept. */
  #sweep: ProbeSweep | null = null;

  constructor(index: PresenceIndex, query: ContactQuery) {
    this.#index = index;
    this.#query = query;
    this.#recordExposures = query.recordExposures ?? true;
    let scratch = scratchByIndex.get(index);
    if (scratch === undefined || scratch.degreeOf.length < index.persons.size) {
      const size = Math.max(1024, Math.ceil(index.persons.size * 1.25));
      scratch = { slotOf: new Uint32Array(size), degreeOf: new Uint8Array(size) };
      scratchByIndex.set(index, scratch);
    }
    this.#slotOf = scratch.slotOf;
    this.#degreeOf = scratch.degreeOf;
    const types = index.venuePlaces.types;
    const venueRules = Array.from({ length: types.size }, (_, t) => venueRuleFor(query.rules, types.name(t)));
    this.#venueCounts = venueRules.map((r) => r.counts);
    this.#venueZoneRequired = venueRules.map((r) => r.zoneRequired);
    this.#venueMinOverlap = venueRules.map((r) => r.minOverlapMinutes * MINUTE_MS);
    const modes = index.tripPlaces.modes;
    this.#tripRules = Array.from({ length: modes.size }, (_, m) => tripRuleFor(query.rules, modes.name(m)));
  }

  run(): ContactSet {
    const { caseId, window, quarantineAt, now } = this.#query;
    const theCase = this.#index.persons.find(caseId);
    try {
      if (theCase !== undefined) {
        this.#degreeOf[theCase] = THE_CASE;
        this.#collectFrom(theCase, window, -1, CLOSE);
        const closeCount = this.#contactPerson.length;
        if ((this.#query.maxDegree ?? 2) === 2) {
          if (!this.#recordExposures) this.#sweep = new ProbeSweep();
          for (let slot = 0; slot < closeCount; slot++) {
            const contact = this.#contactPerson.get(slot);
            const quarantine = quarantineAt?.get(this.#index.persons.name(contact));
            const secondaryWindow = { from: this.#contactFirst.get(slot), to: quarantine ?? now };
            this.#collectFrom(contact, secondaryWindow, contact, SECONDARY);
          }
          this.#sweep?.run(this.#degreeOf, (person) => this.#expose(person, NaN, NaN));
        }
      }
      return this.#result();
    } finally {
      if (theCase !== undefined) this.#degreeOf[theCase] = 0;
      const persons = this.#contactPerson.view();
      for (let i = 0; i < persons.length; i++) this.#degreeOf[persons[i]!] = 0;
    }
  }

  /** Every exposure of others to `source`'s presence inside `window`, found at `degree` (a code above). */
  #collectFrom(source: number, window: TimeWindow, via: number, degree: number): void {
    if (window.to <= window.from) return;
    const probe = this.#probe;
    probe.via = via;
    probe.degree = degree;
    this.#collectVenues(source, window);
    this.#collectTripsAndStays(source, window, this.#index.trips, TRIP_KIND);
    if (this.#query.rules.stays.counts)
      this.#collectTripsAndStays(source, window, this.#index.stays, STAY_KIND);
    if (this.#query.rules.households.counts) this.#collectHouseholds(source, window);
  }

  #collectVenues(source: number, window: TimeWindow): void {
    const places = this.#index.venuePlaces;
    const table = this.#index.checkIns;
    const probe = this.#probe;
    probe.kind = VENUE_KIND;
    probe.tripRule = null;
    for (const segment of table.segments()) {
      if (segment.base > window.to || segment.maxEnd < window.from) continue;
      const slot = segment.personSlot(source);
      if (slot < 0) continue;
      for (let k = segment.personOffsets[slot]!; k < segment.personOffsets[slot + 1]!; k++) {
        const position = segment.personOrder[k]!;
        const from = Math.max(segment.base + segment.startOffset[position]!, window.from);
        const to = Math.min(segment.base + segment.endOffset[position]!, window.to);
        if (to <= from) continue;
        const group = segment.groupAt(position);
        const venue = places.venueOf(group);
        const type = places.typeOf(venue);
        const minOverlap = this.#venueMinOverlap[type]!;
        if (!this.#venueCounts[type] || to - from < minOverlap) continue;
        probe.place = venue;
        probe.from = from;
        probe.to = to;
        probe.minOverlap = minOverlap;
        const zoneRequired = this.#venueZoneRequired[type]!;
        if (places.zoneOf(group) !== NO_ZONE) {
          // Same zone, or the venue level when the other check-in has no zone.
          this.#scanGroup(table, group);
          const zoneless = places.zonelessGroupOf(venue);
          if (!zoneRequired && zoneless >= 0) this.#scanGroup(table, zoneless);
        } else if (!zoneRequired) {
          // Every group of the venue: swept, one probe shared by all of them (a mall has 120 zones).
          const groups = places.groupsOf(venue);
          if (this.#sweep !== null) this.#sweep.addToEveryGroup(table, venue, groups, from, to, minOverlap);
          else for (const other of groups) this.#scanGroup(table, other);
        }
      }
    }
  }

  #collectTripsAndStays(source: number, window: TimeWindow, table: IntervalTable, kind: number): void {
    const probe = this.#probe;
    probe.kind = kind;
    probe.minOverlap = 0;
    for (const segment of table.segments()) {
      if (segment.base > window.to || segment.maxEnd < window.from) continue;
      const slot = segment.personSlot(source);
      if (slot < 0) continue;
      for (let k = segment.personOffsets[slot]!; k < segment.personOffsets[slot + 1]!; k++) {
        const position = segment.personOrder[k]!;
        const from = Math.max(segment.base + segment.startOffset[position]!, window.from);
        const to = Math.min(segment.base + segment.endOffset[position]!, window.to);
        if (to <= from) continue;
        const group = segment.groupAt(position);
        if (kind === TRIP_KIND) {
          const rule = this.#tripRules[this.#index.tripPlaces.modeOf(group)]!;
          if (!rule.counts) continue;
          probe.tripRule = rule;
          probe.seat.carriage = segment.extra[TRIP_CARRIAGE]![position]!;
          probe.seat.row = segment.extra[TRIP_ROW]![position]!;
        } else {
          probe.tripRule = null;
        }
        probe.place = group;
        probe.from = from;
        probe.to = to;
        this.#scanGroup(table, group);
      }
    }
  }

  #collectHouseholds(source: number, window: TimeWindow): void {
    const households = this.#index.households;
    for (const household of households.householdsOf(source)) {
      this.#log.startRun(HOUSEHOLD_KIND, household, this.#probe.via);
      for (const member of households.membersOf(household)) {
        if (member !== source) this.#expose(member, window.from, window.to);
      }
    }
  }

  /** Events of `group` overlapping the probe's interval by at least its minimum (and more than 0). */
  #scanGroup(table: IntervalTable, group: number): void {
    const { from, to, minOverlap, tripRule, degree } = this.#probe;
    if (this.#sweep !== null && tripRule === null) {
      this.#sweep.add(table, group, from, to, minOverlap);
      return;
    }
    const degreeOf = this.#degreeOf;
    // Without exposure rows, a secondary contact once found needs nothing more (close contacts still
    // need their earliest exposure, which opens their secondary window).
    const blockedBelow = degree === SECONDARY && !this.#recordExposures ? SECONDARY + 1 : degree;
    this.#log.startRun(this.#probe.kind, this.#probe.place, this.#probe.via);
    for (const segment of table.segments()) {
      if (segment.base > to || segment.maxEnd <= from) continue;
      const slot = segment.groupSlot(group);
      if (slot < 0) continue;
      const { base, startOffset: starts, endOffset: ends, person: persons } = segment;
      let position = segment.groupOffsets[slot]!;
      const end = segment.groupOffsets[slot + 1]!;
      // No event starting before (from − longest stay) can reach `from`.
      const earliestStart = from - segment.groupMaxDuration[slot]! - base;
      if (earliestStart > 0) position = lowerBound(starts, position, end, earliestStart);
      // No event starting after (to − minimum overlap) can overlap long enough.
      const latestStart = to - minOverlap - base;
      for (; position < end; position++) {
        const start = starts[position]!;
        if (start > latestStart) break;
        const person = persons[position]!;
        // The case, and contacts already found at a lower degree, take no exposure here.
        const known = degreeOf[person]!;
        if (known !== 0 && known < blockedBelow) continue;
        const overlapFrom = Math.max(base + start, from);
        const overlapTo = Math.min(base + ends[position]!, to);
        const overlap = overlapTo - overlapFrom;
        if (overlap <= 0 || overlap < minOverlap) continue;
        if (tripRule !== null && !this.#seatsClose(tripRule, segment, position)) continue;
        this.#expose(person, overlapFrom, overlapTo);
      }
    }
  }

  #seatsClose(rule: TripRule, segment: IntervalSegment, position: number): boolean {
    this.#otherSeat.carriage = segment.extra[TRIP_CARRIAGE]![position]!;
    this.#otherSeat.row = segment.extra[TRIP_ROW]![position]!;
    return seatsAreClose(rule, this.#probe.seat, this.#otherSeat);
  }

  /** Records an exposure of `person`, unless they are the case or already a contact of a lower degree. */
  #expose(person: number, from: number, to: number): void {
    const degree = this.#probe.degree;
    const known = this.#degreeOf[person]!;
    if (known !== 0 && known < degree) return;
    let slot: number;
    if (known === 0) {
      slot = this.#contactPerson.length;
      this.#slotOf[person] = slot;
      this.#degreeOf[person] = degree;
      this.#contactPerson.push(person);
      this.#contactDegree.push(degree - 1); // codes 2 and 3 are degrees 1 and 2
      // A contacts-only search does not look for a secondary contact's earliest exposure.
      this.#contactFirst.push(this.#recordExposures || degree === CLOSE ? from : NaN);
    } else {
      slot = this.#slotOf[person]!;
      if (from < this.#contactFirst.get(slot)) this.#contactFirst.set(slot, from);
    }
    if (this.#recordExposures) this.#log.add(slot, from, to);
  }

  #result(): ContactSet {
    const log = this.#log;
    const degrees = this.#contactDegree.view();
    let closeCount = 0;
    for (let i = 0; i < degrees.length; i++) if (degrees[i] === 1) closeCount++;
    return {
      caseId: this.#query.caseId,
      window: { from: this.#query.window.from, to: this.#query.window.to },
      contactPerson: this.#contactPerson.view(),
      contactDegree: degrees,
      contactFirstExposure: this.#contactFirst.view(),
      closeCount,
      secondaryCount: degrees.length - closeCount,
      exposuresRecorded: this.#recordExposures,
      exposureContact: log.contact.subarray(0, log.length),
      exposureFrom: log.from.subarray(0, log.length),
      exposureTo: log.to.subarray(0, log.length),
      exposureRun: log.run.subarray(0, log.length),
      runKind: log.runKind.view(),
      runPlace: log.runPlace.view(),
      runVia: log.runVia.view(),
    };
  }
}
