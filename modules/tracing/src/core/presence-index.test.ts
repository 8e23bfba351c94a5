// The presence index: validation of what goes in, incremental appends, retention, memory accounting.
import { AppError, DAY_MS } from '@shuzhi/core';
import { describe, expect, it } from 'vitest';
import { findContacts } from './contact-finder.js';
import { PresenceIndex } from './presence-index.js';
import { at, member, queryFor, visit } from './test-support.js';
import { formatTrace } from './trace.js';

function issuesOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error.issues;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('presence index input', () => {
  it('rejects a check-out before the check-in, naming record, field and reason', () => {
    const index = new PresenceIndex();
    expect(issuesOf(() => index.addCheckIn(visit('p1', 'cafe', '11:00', '10:00')))).toEqual([
      { record: 'check-in of p1 at cafe', field: 'end', reason: 'is before start' },
    ]);
  });

  it('rejects times that are not whole epoch milliseconds and empty ids', () => {
    const index = new PresenceIndex();
    expect(
      issuesOf(() => index.addCheckIn({ ...visit('p1', 'cafe', '10:00', '11:00'), start: 1.5 })),
    ).toMatchObject([{ field: 'start' }]);
    expect(
      issuesOf(() => index.addCheckIn({ ...visit('p1', 'cafe', '10:00', '11:00'), personId: '' })),
    ).toMatchObject([{ field: 'personId' }]);
    expect(
      issuesOf(() => index.addTrip({ personId: 'p', tripId: 't', mode: 'bus', departure: 2, arrival: 1 })),
    ).toMatchObject([{ field: 'arrival' }]);
    expect(
      issuesOf(() => index.addStay({ personId: 'p', hotelId: 'h', room: '', checkIn: 1, checkOut: 2 })),
    ).toMatchObject([{ field: 'room' }]);
  });

  it('rejects a venue whose type changes, and a trip whose mode changes', () => {
    const index = new PresenceIndex();
    index.addCheckIn(visit('p1', 'v1', '10:00', '11:00', { venueType: 'mall' }));
    expect(
      issuesOf(() => index.addCheckIn(visit('p2', 'v1', '10:00', '11:00', { venueType: 'hospital' }))),
    ).toMatchObject([{ field: 'venueType' }]);
    index.addTrip({ personId: 'p', tripId: 'G1', mode: 'train', departure: 1, arrival: 2 });
    expect(
      issuesOf(() => index.addTrip({ personId: 'q', tripId: 'G1', mode: 'bus', departure: 1, arrival: 2 })),
    ).toMatchObject([{ field: 'mode' }]);
  });
});

describe('presence index updates', () => {
  it('finds check-ins appended after earlier queries', () => {
    const index = PresenceIndex.from({ checkIns: [visit('case', 'cafe', '10:00', '11:00')] });
    expect(findContacts(index, queryFor('case')).contactPerson.length).toBe(0);
    index.addCheckIn(visit('late-arrival', 'cafe', '10:30', '11:30'));
    expect(
      formatTrace(index, findContacts(index, queryFor('case'))).contacts.map((c) => c.person_id),
    ).toEqual(['late-arrival']);
  });

  it('drops check-ins that ended before the retention cutoff, and only those', () => {
    const index = new PresenceIndex({ sealThreshold: 2 });
    index.load({
      checkIns: [
        visit('a', 'cafe', '10:00', '11:00'),
        visit('b', 'cafe', '10:00', '11:00', { start: at('10:00', 1), end: at('11:00', 1) }),
        visit('c', 'cafe', '23:00', '23:30', { end: at('01:00', 1) }),
      ],
    });
    expect(index.pruneBefore(at('00:00', 1))).toEqual({ checkIns: 1, trips: 0, stays: 0 });
    expect(index.stats().checkIns).toBe(2);
    const trace = formatTrace(
      index,
      findContacts(index, queryFor('c', { window: { from: at('00:00'), to: at('00:00', 2) } })),
    );
    expect(trace.contacts).toEqual([]);
  });

  it('keeps household memberships until they are removed', () => {
    const index = PresenceIndex.from({ households: [member('case', 'h1'), member('spouse', 'h1')] });
    expect(index.addHouseholdMember(member('spouse', 'h1'))).toBe(false);
    expect(findContacts(index, queryFor('case')).contactPerson.length).toBe(1);
    expect(index.removeHouseholdMember(member('spouse', 'h1'))).toBe(true);
    expect(findContacts(index, queryFor('case')).contactPerson.length).toBe(0);
  });
});

describe('presence index memory', () => {
  it('holds a compacted day of check-ins in about 16 bytes per event plus 8 per person', () => {
    const index = new PresenceIndex();
    const people = 5_000;
    const events = 100_000;
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < events; i++) {
      const start = at('06:00') + Math.floor(random() * 12 * 60) * 60_000;
      index.addCheckIn({
        personId: `p${i % people}`,
        venueId: `v${Math.floor(random() * 500)}`,
        venueType: 'shop',
        start,
        end: start + 30 * 60_000,
      });
    }
    index.compact();
    const stats = index.stats();
    expect(stats.checkIns).toBe(events);
    expect(stats.segments).toBe(1);
    // person + start + end + person order = 16 bytes; distinct persons and place groups add the rest.
    const expected = 16 * events + 8 * people;
    expect(stats.typedArrayBytes).toBeGreaterThanOrEqual(expected);
    expect(stats.typedArrayBytes).toBeLessThan(expected + 20 * 500 + 64 * 1024);
    expect(index.pruneBefore(at('00:00') + DAY_MS)).toEqual({ checkIns: events, trips: 0, stays: 0 });
  });
});
