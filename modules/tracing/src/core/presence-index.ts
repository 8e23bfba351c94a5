/**
 * The in-memory presence index the contact finder searches: columnar interval tables for venue
 * check-ins, trips and stays (per place group, sorted by start, bounded by the longest stay) plus
 * household memberships. Bulk-load it from the database, append as records arrive, prune by retention.
 */
import { DAY_MS } from '@shuzhi/core';
import { Households } from './households.js';
import { Interner } from './interner.js';
import { IntervalTable } from './interval-table.js';
import type {
  HouseholdMembership,
  PresenceData,
  StayPresence,
  TripPresence,
  VenueCheckIn,
} from './presence.js';
import {
  optionalLabel,
  validateCheckIn,
  validateHouseholdMembership,
  validateStay,
  validateTrip,
} from './presence.js';
import type { ExposureKind } from './rules.js';
import { seatRow } from './seat.js';
import { TripPlaces } from './trip-places.js';
import { VenuePlaces } from './venue-places.js';

export interface PresenceIndexOptions {
  /** Events are partitioned by start into blocks this long (retention drops whole blocks). Default 1 day. */
  partitionMs?: number;
  /** Appended events are sealed into sorted segments in batches of this size. Default 2^22 (~100 MB). */
  sealThreshold?: number;
}

export interface PresenceIndexStats {
  persons: number;
  checkIns: number;
  trips: number;
  stays: number;
  householdMemberships: number;
  segments: number;
  /** Bytes held in typed arrays (events, per-place and per-person indexes); strings and maps excluded. */
  typedArrayBytes: number;
  /** typedArrayBytes per presence event (check-in, trip or stay). */
  bytesPerEvent: number;
}

/** Trip events carry two integer columns: carriage (interned) and seat row; -1 when not recorded. */
export const TRIP_CARRIAGE = 0;
export const TRIP_ROW = 1;

export class PresenceIndex {
  readonly persons = new Interner();
  readonly venuePlaces = new VenuePlaces();
  readonly tripPlaces = new TripPlaces();
  /** Rooms keyed by hotel and room; `roomLabel` gives the `hotel_id#room` place id. */
  readonly rooms = new Interner();
  readonly households = new Households();
  readonly checkIns: IntervalTable;
  readonly trips: IntervalTable;
  readonly stays: IntervalTable;
  readonly #roomLabels: string[] = [];

  constructor(options: PresenceIndexOptions = {}) {
    const partitionMs = options.partitionMs ?? DAY_MS;
    const sealThreshold = options.sealThreshold ?? 1 << 22;
    this.checkIns = new IntervalTable({ extraColumns: 0, partitionMs, sealThreshold });
    this.trips = new IntervalTable({ extraColumns: 2, partitionMs, sealThreshold });
    this.stays = new IntervalTable({ extraColumns: 0, partitionMs, sealThreshold });
  }

  /** Builds an index from plain arrays and compacts it. */
  static from(data: Partial<PresenceData>, options?: PresenceIndexOptions): PresenceIndex {
    const index = new PresenceIndex(options);
    index.load(data);
    index.compact();
    return index;
  }

  load(data: Partial<PresenceData>): void {
    for (const c of data.checkIns ?? []) this.addCheckIn(c);
    for (const t of data.trips ?? []) this.addTrip(t);
    for (const s of data.stays ?? []) this.addStay(s);
    for (const m of data.households ?? []) this.addHouseholdMember(m);
  }

  addCheckIn(c: VenueCheckIn): void {
    validateCheckIn(c);
    const group = this.venuePlaces.groupFor(c.venueId, c.venueType, optionalLabel(c.zone));
    this.checkIns.append(group, this.persons.intern(c.personId), c.start, c.end);
  }

  addTrip(t: TripPresence): void {
    validateTrip(t);
    const trip = this.tripPlaces.tripFor(t.tripId, t.mode);
    const carriage = optionalLabel(t.carriage);
    const seat = [
      carriage === undefined ? -1 : this.tripPlaces.carriages.intern(carriage),
      seatRow(t.seat) ?? -1,
    ];
    this.trips.append(trip, this.persons.intern(t.personId), t.departure, t.arrival, seat);
  }

  addStay(s: StayPresence): void {
    validateStay(s);
    const key = `${s.hotelId}\u0000${s.room}`;
    const room = this.rooms.intern(key);
    if (room === this.#roomLabels.length) this.#roomLabels.push(`${s.hotelId}#${s.room}`);
    this.stays.append(room, this.persons.intern(s.personId), s.checkIn, s.checkOut);
  }

  /** Adds a household membership; false when it was already known. */
  addHouseholdMember(m: HouseholdMembership): boolean {
    validateHouseholdMembership(m);
    return this.households.add(this.persons.intern(m.personId), m.householdId);
  }

  /** Removes a household membership (someone moved out); false when it was not known. */
  removeHouseholdMember(m: HouseholdMembership): boolean {
    validateHouseholdMembership(m);
    const person = this.persons.find(m.personId);
    return person !== undefined && this.households.remove(person, m.householdId);
  }

  /** Seals appended events into sorted segments (queries do this themselves). */
  seal(): void {
    this.checkIns.seal();
    this.trips.seal();
    this.stays.seal();
  }

  /** Merges each partition into one segment: call after a bulk load for the fastest queries. */
  compact(): void {
    this.checkIns.compact();
    this.trips.compact();
    this.stays.compact();
  }

  /** Retention: removes every check-in, trip and stay that ended before `cutoff` (epoch ms). */
  pruneBefore(cutoff: number): { checkIns: number; trips: number; stays: number } {
    return {
      checkIns: this.checkIns.pruneBefore(cutoff),
      trips: this.trips.pruneBefore(cutoff),
      stays: this.stays.pruneBefore(cutoff),
    };
  }

  /** The place id printed for a place of a kind: venue id, trip id, `hotel_id#room` or household id. */
  placeId(kind: ExposureKind, place: number): string {
    switch (kind) {
      case 'venue':
        return this.venuePlaces.venues.name(place);
      case 'trip':
        return this.tripPlaces.trips.name(place);
      case 'stay':
        return this.#roomLabels[place]!;
      case 'household':
        return this.households.ids.name(place);
    }
  }

  /** What a place is, for reports: the venue type or the trip mode. */
  placeCategory(kind: ExposureKind, place: number): string | null {
    if (kind === 'venue') return this.venuePlaces.types.name(this.venuePlaces.typeOf(place));
    if (kind === 'trip') return this.tripPlaces.modes.name(this.tripPlaces.modeOf(place));
    return null;
  }

  stats(): PresenceIndexStats {
    const events = this.checkIns.eventCount + this.trips.eventCount + this.stays.eventCount;
    const typedArrayBytes =
      this.checkIns.byteLength +
      this.trips.byteLength +
      this.stays.byteLength +
      this.venuePlaces.byteLength +
      this.tripPlaces.byteLength;
    return {
      persons: this.persons.size,
      checkIns: this.checkIns.eventCount,
      trips: this.trips.eventCount,
      stays: this.stays.eventCount,
      householdMemberships: this.households.membershipCount,
      segments: this.checkIns.segmentCount + this.trips.segmentCount + this.stays.segmentCount,
      typedArrayBytes,
      bytesPerEvent: events === 0 ? 0 : typedArrayBytes / events,
    };
  }
}
