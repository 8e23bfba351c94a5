// Property: on random presence data, the fast finder over the presence index gives exactly the
// brute-force reference's output — whatever the rules, windows, quarantine times, loading and pruning.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
import { parseContactRules } from './rules-schema.js';
import { formatTrace, traceJson } from './trace.js';
import type { ContactSet } from './contact-set.js';

/** (person id, degree) of each contact, sorted: what a search without exposure rows must still find. */
function contactsOf(index: PresenceIndex, set: ContactSet): [string, number][] {
  return Array.from(set.contactPerson, (p, i): [string, number] => [
    index.persons.name(p),
    set.contactDegree[i]!,
  ]).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
}

const T0 = Date.UTC(2022, 3, 1, 0, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const persons = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
const venues = [
  { id: 'v-shop', type: 'shop' },
  { id: 'v-mall', type: 'mall' },
  { id: 'v-hospital', type: 'hospital' },
  { id: 'v-park', type: 'park' },
];
const trips = [
  { id: 'CA1234', mode: 'flight' },
  { id: 'G102', mode: 'train' },
  { id: 'bus-7', mode: 'bus' },
  { id: 'ferry-2', mode: 'ferry' },
];

/** Times on a minute grid (so overlaps of exactly the minimum are common), sometimes off it by seconds. */
const instant = fc
  .tuple(fc.integer({ min: 0, max: 600 }), fc.constantFrom(0, 0, 0, 0, 1_000, 30_000))
  .map(([minutes, extra]) => T0 + minutes * MINUTE + extra);
const interval = fc
  .tuple(instant, fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom(14, 15, 16, 30)))
  .map(([start, minutes]) => ({ start, end: start + minutes * MINUTE }));
const person = fc.constantFrom(...persons);
const label = (values: string[]) =>
  fc.constantFrom<string | null | undefined>(undefined, null, '', ...values);

const checkIn: fc.Arbitrary<VenueCheckIn> = fc
  .record({ personId: person, venue: fc.constantFrom(...venues), zone: label(['A', 'B']), time: interval })
  .map(({ personId, venue, zone, time }) => ({
    personId,
    venueId: venue.id,
    venueType: venue.type,
    zone,
    start: time.start,
    end: time.end,
  }));
const trip: fc.Arbitrary<TripPresence> = fc
  .record({
    personId: person,
    trip: fc.constantFrom(...trips),
    carriage: label(['1', '2']),
    seat: label(['1A', '2B', '4C', '5', '8F', 'aisle']),
    time: interval,
  })
  .map(({ personId, trip, carriage, seat, time }) => ({
    personId,
    tripId: trip.id,
    mode: trip.mode,
    carriage,
    seat,
    departure: time.start,
    arrival: time.end,
  }));
const stay: fc.Arbitrary<StayPresence> = fc
  .record({
    personId: person,
    hotelId: fc.constantFrom('h1', 'h#2'),
    room: fc.constantFrom('101', '102'),
    time: interval,
  })
  .map(({ personId, hotelId, room, time }) => ({
    personId,
    hotelId,
    room,
    checkIn: time.start,
    checkOut: time.end,
  }));
const household: fc.Arbitrary<HouseholdMembership> = fc.record({
  personId: person,
  householdId: fc.constantFrom('hh1', 'hh2', 'hh3'),
});

const data: fc.Arbitrary<PresenceData> = fc.record({
  checkIns: fc.array(checkIn, { maxLength: 30 }),
  trips: fc.array(trip, { maxLength: 10 }),
  stays: fc.array(stay, { maxLength: 6 }),
  households: fc.array(household, { maxLength: 6 }),
});

const tripRuleOverride = fc.record(
  {
    counts: fc.boolean(),
    scope: fc.constantFrom('vehicle', 'carriage', 'rows'),
    maxRowDistance: fc.integer({ min: 0, max: 4 }),
    unknownSeat: fc.constantFrom('contact', 'no-contact'),
  },
  { requiredKeys: [] },
);
const rules = fc
  .record({
    minOverlapMinutes: fc.constantFrom(0, 1, 15, 15, 30),
    mallZoneOnly: fc.boolean(),
    hospitalMinutes: fc.option(fc.constantFrom(0, 15, 45)),
    parkCounts: fc.boolean(),
    flight: fc.option(tripRuleOverride),
    train: fc.option(tripRuleOverride),
    otherModes: fc.option(tripRuleOverride),
    staysCount: fc.boolean(),
    householdsCount: fc.boolean(),
  })
  .map((r) =>
    parseContactRules({
      minOverlapMinutes: r.minOverlapMinutes,
      venueTypes: {
        mall: { counts: true, zoneRequired: r.mallZoneOnly },
        ...(r.hospitalMinutes === null ? {} : { hospital: { minOverlapMinutes: r.hospitalMinutes } }),
        park: { counts: r.parkCounts },
      },
      trips: {
        byMode: { ...(r.flight ? { flight: r.flight } : {}), ...(r.train ? { train: r.train } : {}) },
        ...(r.otherModes ? { otherModes: r.otherModes } : {}),
      },
      stays: { counts: r.staysCount },
      households: { counts: r.householdsCount },
    }),
  );

const query: fc.Arbitrary<ContactQuery> = fc
  .record({
    caseId: fc.constantFrom(...persons, 'nobody'),
    from: fc.integer({ min: -60, max: 180 }),
    length: fc.integer({ min: 0, max: 300 }),
    now: fc.integer({ min: 0, max: 360 }),
    quarantine: fc.dictionary(person, fc.integer({ min: -60, max: 360 }), { maxKeys: 4 }),
    rules,
    maxDegree: fc.constantFrom<1 | 2>(1, 2, 2),
  })
  .map((q) => ({
    caseId: q.caseId,
    window: { from: T0 + q.from * MINUTE, to: T0 + (q.from + q.length) * MINUTE },
    quarantineAt: new Map(Object.entries(q.quarantine).map(([id, m]) => [id, T0 + m * MINUTE])),
    rules: q.rules,
    now: T0 + q.now * MINUTE,
    maxDegree: q.maxDegree,
  }));

/** How the index was filled: segment sizes, partition length, compaction, a retention cut. */
const loading = fc.record({
  partitionMs: fc.constantFrom(HOUR, 3 * HOUR, 24 * HOUR),
  sealThreshold: fc.integer({ min: 1, max: 40 }),
  chunks: fc.integer({ min: 1, max: 4 }),
  compact: fc.boolean(),
  pruneAtMinute: fc.option(fc.integer({ min: 0, max: 200 })),
});

type Loading = typeof loading extends fc.Arbitrary<infer L> ? L : never;

function buildIndex(presence: PresenceData, how: Loading) {
  const index = new PresenceIndex({ partitionMs: how.partitionMs, sealThreshold: how.sealThreshold });
  const sliceOf = <T>(items: readonly T[], chunk: number) => {
    const size = Math.ceil(items.length / how.chunks);
    return items.slice(chunk * size, (chunk + 1) * size);
  };
  for (let chunk = 0; chunk < how.chunks; chunk++) {
    index.load({
      checkIns: sliceOf(presence.checkIns, chunk),
      trips: sliceOf(presence.trips, chunk),
      stays: sliceOf(presence.stays, chunk),
      households: sliceOf(presence.households, chunk),
    });
    index.seal();
  }
  if (how.compact) index.compact();
  let kept = presence;
  if (how.pruneAtMinute !== null) {
    const cutoff = T0 + how.pruneAtMinute * MINUTE;
    index.pruneBefore(cutoff);
    kept = {
      checkIns: presence.checkIns.filter((c) => c.end >= cutoff),
      trips: presence.trips.filter((t) => t.arrival >= cutoff),
      stays: presence.stays.filter((s) => s.checkOut >= cutoff),
      households: presence.households,
    };
  }
  return { index, kept };
}

describe('fast contact finder', () => {
  it('finds exactly the contacts and exposures the brute-force reference finds', () => {
    fc.assert(
      fc.property(data, query, loading, (presence, q, how) => {
        const { index, kept } = buildIndex(presence, how);
        const set = findContacts(index, q);
        const expected = referenceTrace(kept, q);
        expect(formatTrace(index, set)).toEqual(expected);
        expect([...traceJson(index, set)].join('')).toBe(JSON.stringify(expected));
        const withoutRows = findContacts(index, { ...q, recordExposures: false });
        expect(contactsOf(index, withoutRows)).toEqual(expected.contacts.map((c) => [c.person_id, c.degree]));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the reference on crowded places, where one visit meets many people', () => {
    const crowded = fc.record({
      checkIns: fc.array(checkIn, { minLength: 40, maxLength: 80 }),
      trips: fc.array(trip, { minLength: 10, maxLength: 25 }),
      stays: fc.array(stay, { maxLength: 10 }),
      households: fc.array(household, { maxLength: 10 }),
    });
    fc.assert(
      fc.property(crowded, query, loading, (presence, q, how) => {
        const { index, kept } = buildIndex(presence, how);
        const expected = referenceTrace(kept, q);
        expect(formatTrace(index, findContacts(index, q))).toEqual(expected);
        const withoutRows = findContacts(index, { ...q, recordExposures: false });
        expect(contactsOf(index, withoutRows)).toEqual(expected.contacts.map((c) => [c.person_id, c.degree]));
      }),
      { numRuns: 100 },
    );
  });

  it('finds the same people without exposure rows when overlaps sit exactly at the minimum', () => {
    // Times on a 5-minute grid and stays of 10–20 minutes against a 15-minute minimum: most secondary
    // contacts qualify, or fail, by a single exposure at the boundary.
    const onGrid = fc
      .tuple(fc.integer({ min: 0, max: 36 }), fc.constantFrom(10, 15, 15, 20))
      .map(([slot, minutes]) => ({ start: T0 + slot * 5 * MINUTE, end: T0 + (slot * 5 + minutes) * MINUTE }));
    const crowd = fc.constantFrom(...Array.from({ length: 24 }, (_, i) => `q${i}`));
    const gridVisit = fc
      .record({ personId: crowd, venue: fc.constantFrom(...venues), zone: label(['A']), time: onGrid })
      .map(({ personId, venue, zone, time }) => ({
        personId,
        venueId: venue.id,
        venueType: venue.type,
        zone,
        ...time,
      }));
    const gridStay = fc
      .record({ personId: crowd, room: fc.constantFrom('101', '102'), time: onGrid })
      .map(({ personId, room, time }) => ({
        personId,
        hotelId: 'h1',
        room,
        checkIn: time.start,
        checkOut: time.end,
      }));
    const gridData = fc.record({
      checkIns: fc.array(gridVisit, { minLength: 20, maxLength: 60 }),
      trips: fc.constant([]),
      stays: fc.array(gridStay, { maxLength: 8 }),
      households: fc.constant([]),
    });
    const gridQuery = fc.tuple(query, crowd).map(([q, caseId]) => ({
      ...q,
      caseId,
      quarantineAt: new Map<string, number>(),
      maxDegree: 2 as const,
      rules: { ...q.rules, minOverlapMinutes: 15, venueTypes: {} },
    }));
    fc.assert(
      fc.property(gridData, gridQuery, loading, (presence, q, how) => {
        const { index, kept } = buildIndex(presence, how);
        const expected = referenceTrace(kept, q);
        const withoutRows = findContacts(index, { ...q, recordExposures: false });
        expect(contactsOf(index, withoutRows)).toEqual(expected.contacts.map((c) => [c.person_id, c.degree]));
      }),
      { numRuns: 200 },
    );
  });
});
