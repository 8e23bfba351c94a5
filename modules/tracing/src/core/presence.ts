/**
 * Presence records as the tracing core takes them (times in epoch ms; ids opaque strings kept as
 * imported), and their validation: every rejection names the record, the field and the reason.
 */
import { invalidField } from '@shuzhi/core';

/** A venue check-in; a missing check-out was already replaced by a default dwell by the importer. */
export interface VenueCheckIn {
  personId: string;
  venueId: string;
  venueType: string;
  /** Shop, hall, floor or carriage inside a large venue; absent, null or '' = the whole venue. */
  zone?: string | null | undefined;
  start: number;
  end: number;
}

/** One passenger's part of a trip (flight, train, bus, metro…), boarding to alighting. */
export interface TripPresence {
  personId: string;
  tripId: string;
  mode: string;
  departure: number;
  arrival: number;
  carriage?: string | null | undefined;
  /** Seat label; its leading number is the row (`12A` → row 12). */
  seat?: string | null | undefined;
}

/** A stay in an accommodation room. */
export interface StayPresence {
  personId: string;
  hotelId: string;
  room: string;
  checkIn: number;
  checkOut: number;
}

/** Membership of a household; it has no time (the exposure spans the whole window). */
export interface HouseholdMembership {
  personId: string;
  householdId: string;
}

/** Every kind of presence together, as plain arrays (what the reference finder and the tests use). */
export interface PresenceData {
  checkIns: readonly VenueCheckIn[];
  trips: readonly TripPresence[];
  stays: readonly StayPresence[];
  households: readonly HouseholdMembership[];
}

export function validateCheckIn(c: VenueCheckIn): void {
  if (
    isId(c.personId) &&
    isId(c.venueId) &&
    isId(c.venueType) &&
    isOptionalLabel(c.zone) &&
    isInterval(c.start, c.end)
  ) {
    return;
  }
  const record = `check-in of ${String(c.personId)} at ${String(c.venueId)}`;
  requireId(record, 'personId', c.personId);
  requireId(record, 'venueId', c.venueId);
  requireId(record, 'venueType', c.venueType);
  if (c.zone !== undefined && c.zone !== null && typeof c.zone !== 'string') {
    throw invalidField(record, 'zone', 'must be a string when present');
  }
  requireInterval(record, ['start', 'end'], c.start, c.end);
}

export function validateTrip(t: TripPresence): void {
  const labelsOk = isOptionalLabel(t.carriage) && isOptionalLabel(t.seat);
  if (isId(t.personId) && isId(t.tripId) && isId(t.mode) && labelsOk && isInterval(t.departure, t.arrival))
    return;
  const record = `trip ${String(t.tripId)} of ${String(t.personId)}`;
  requireId(record, 'personId', t.personId);
  requireId(record, 'tripId', t.tripId);
  requireId(record, 'mode', t.mode);
  for (const field of ['carriage', 'seat'] as const) {
    const value = t[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw invalidField(record, field, 'must be a string when present');
    }
  }
  requireInterval(record, ['departure', 'arrival'], t.departure, t.arrival);
}

export function validateStay(s: StayPresence): void {
  if (isId(s.personId) && isId(s.hotelId) && isId(s.room) && isInterval(s.checkIn, s.checkOut)) return;
  const record = `stay of ${String(s.personId)} at ${String(s.hotelId)}#${String(s.room)}`;
  requireId(record, 'personId', s.personId);
  requireId(record, 'hotelId', s.hotelId);
  requireId(record, 'room', s.room);
  requireInterval(record, ['checkIn', 'checkOut'], s.checkIn, s.checkOut);
}

export function validateHouseholdMembership(m: HouseholdMembership): void {
  const record = `household membership of ${String(m.personId)}`;
  requireId(record, 'personId', m.personId);
  requireId(record, 'householdId', m.householdId);
}

/** A label that is present and non-empty, or undefined (zones, carriages and seats are optional). */
export function optionalLabel(value: string | null | undefined): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : value;
}

/** The range of a JavaScript Date (ECMA-262 §21.4.1.1): anything beyond cannot be printed as ISO 8601. */
const MAX_DATE_MS = 8.64e15;

// Fast checks first: the index validates tens of millions of records, and builds messages only on failure.
const isId = (value: unknown): boolean => typeof value === 'string' && value.length > 0;
const isOptionalLabel = (value: unknown): boolean =>
  value === undefined || value === null || typeof value === 'string';
const isInstant = (value: unknown): boolean =>
  Number.isSafeInteger(value) && Math.abs(value as number) <= MAX_DATE_MS;
const isInterval = (start: unknown, end: unknown): boolean =>
  isInstant(start) && isInstant(end) && (end as number) >= (start as number);

function requireId(record: string, field: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0)
    throw invalidField(record, field, 'must be a non-empty string');
}

function requireInterval(record: string, fields: [string, string], start: unknown, end: unknown): void {
  const [startField, endField] = fields;
  if (!isInstant(start))
    throw invalidField(record, startField, 'must be a whole number of epoch milliseconds');
  if (!isInstant(end)) throw invalidField(record, endField, 'must be a whole number of epoch milliseconds');
  if ((end as number) < (start as number)) throw invalidField(record, endField, `is before ${startField}`);
}
