/**
 * Test support for the specification tests: builds an index from plain data, runs the fast finder and
 * the brute-force reference, insists they agree, and returns the output; plus small builders of records.
 */
import { expect } from 'vitest';
import type { ContactQuery } from './contact-finder.js';
import { findContacts } from './contact-finder.js';
import { PresenceIndex } from './presence-index.js';
import type {
  HouseholdMembership,
  PresenceData,
  StayPresence,
  TripPresence,
  VenueCheckIn,
} from './presence.js';
import { referenceTrace } from './reference-finder.js';
import { defaultContactRules } from './rules.js';
import { formatTrace } from './trace.js';
import type { TraceContact, TraceOutput } from './trace-output.js';

/** `at('10:15')` is 10:15 UTC on 2022-04-10; `at('10:15', 2)` two days later. */
export function at(clock: string, dayOffset = 0): number {
  return Date.parse(`2022-04-${String(10 + dayOffset).padStart(2, '0')}T${clock}:00Z`);
}

export const iso = (clock: string, dayOffset = 0): string => new Date(at(clock, dayOffset)).toISOString();

// eslint-disable-next-line max-params -- reads like the row it builds: visit('p1', 'cafe', '10:00', '11:00')
export function visit(
  personId: string,
  venueId: string,
  from: string,
  to: string,
  more: Partial<VenueCheckIn> = {},
): VenueCheckIn {
  return { personId, venueId, venueType: 'restaurant', start: at(from), end: at(to), ...more };
}

export function ride(personId: string, tripId: string, seat: Partial<TripPresence> = {}): TripPresence {
  return { personId, tripId, mode: 'flight', departure: at('08:00'), arrival: at('10:00'), ...seat };
}

// eslint-disable-next-line max-params -- reads like the row it builds: stay('p1', '1203', '00:00', '12:00')
export function stay(
  personId: string,
  room: string,
  from: string,
  to: string,
  hotelId = 'hotel-1',
): StayPresence {
  return { personId, hotelId, room, checkIn: at(from), checkOut: at(to) };
}

export const member = (personId: string, householdId: string): HouseholdMembership => ({
  personId,
  householdId,
});

export function data(partial: Partial<PresenceData>): PresenceData {
  return { checkIns: [], trips: [], stays: [], households: [], ...partial };
}

/** A query for case `caseId` over a day, with default rules, overridable. */
export function queryFor(caseId: string, more: Partial<ContactQuery> = {}): ContactQuery {
  return {
    caseId,
    window: { from: at('00:00'), to: at('23:59') },
    rules: defaultContactRules,
    now: at('23:59', 3),
    ...more,
  };
}

/** Traces with the fast finder and the reference, expects them to agree, returns the output. */
export function traceBoth(presence: PresenceData, query: ContactQuery): TraceOutput {
  const index = PresenceIndex.from(presence);
  const fast = formatTrace(index, findContacts(index, query));
  expect(fast).toEqual(referenceTrace(presence, query));
  return fast;
}

export const contactIds = (trace: TraceOutput, degree?: 1 | 2): string[] =>
  trace.contacts.filter((c) => degree === undefined || c.degree === degree).map((c) => c.person_id);

export function contact(trace: TraceOutput, personId: string): TraceContact {
  const found = trace.contacts.find((c) => c.person_id === personId);
  if (found === undefined) throw new Error(`${personId} is not a contact`);
  return found;
}
