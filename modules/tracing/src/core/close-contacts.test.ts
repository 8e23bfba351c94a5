// Specification of close contacts (密接, degree 1), DESIGN.md "Contact definition", rule by rule.
import { describe, expect, it } from 'vitest';
import { parseContactRules } from './rules-schema.js';
import type { TraceOutput } from './trace-output.js';
import {
  at,
  contact,
  contactIds,
  data,
  iso,
  member,
  queryFor,
  ride,
  stay,
  traceBoth,
  visit,
} from './test-support.js';

/** Degree-1 contacts only (the same data also yields secondary contacts, specified elsewhere). */
const closeIds = (trace: TraceOutput): string[] => contactIds(trace, 1);

describe('close contacts at venues', () => {
  it('counts an overlap of exactly the minimum (15 minutes, inclusive)', () => {
    const trace = traceBoth(
      data({ checkIns: [visit('case', 'cafe', '10:00', '11:00'), visit('guest', 'cafe', '10:45', '12:00')] }),
      queryFor('case'),
    );
    expect(contact(trace, 'guest')).toEqual({
      person_id: 'guest',
      degree: 1,
      exposures: [
        {
          kind: 'venue',
          place_id: 'cafe',
          from: iso('10:45'),
          to: iso('11:00'),
          overlap_minutes: 15,
          via: null,
        },
      ],
    });
  });

  it('does not count an overlap one second short of the minimum', () => {
    const guest = { ...visit('guest', 'cafe', '10:45', '12:00'), start: at('10:45') + 1000 };
    const trace = traceBoth(
      data({ checkIns: [visit('case', 'cafe', '10:00', '11:00'), guest] }),
      queryFor('case'),
    );
    expect(trace.contacts).toEqual([]);
  });

  it('takes the minimum from the options, e.g. --min-overlap 5', () => {
    const presence = data({
      checkIns: [visit('case', 'cafe', '10:00', '11:00'), visit('guest', 'cafe', '10:50', '12:00')],
    });
    expect(closeIds(traceBoth(presence, queryFor('case')))).toEqual([]);
    const looser = parseContactRules({ minOverlapMinutes: 5 });
    expect(closeIds(traceBoth(presence, queryFor('case', { rules: looser })))).toEqual(['guest']);
  });

  it('clips both stays to the infectious window before measuring the overlap', () => {
    const presence = data({
      checkIns: [visit('case', 'cafe', '09:00', '11:00'), visit('guest', 'cafe', '09:00', '11:00')],
    });
    const late = queryFor('case', { window: { from: at('10:50'), to: at('23:00') } });
    expect(traceBoth(presence, late).contacts).toEqual([]);
    const trace = traceBoth(presence, queryFor('case', { window: { from: at('10:45'), to: at('23:00') } }));
    expect(contact(trace, 'guest').exposures).toMatchObject([
      { from: iso('10:45'), to: iso('11:00'), overlap_minutes: 15 },
    ]);
  });

  it('ignores presence entirely outside the window', () => {
    const presence = data({
      checkIns: [visit('case', 'cafe', '09:00', '11:00'), visit('guest', 'cafe', '09:00', '11:00')],
    });
    expect(
      traceBoth(presence, queryFor('case', { window: { from: at('12:00'), to: at('20:00') } })).contacts,
    ).toEqual([]);
  });

  it('applies the zone when both check-ins carry one', () => {
    const presence = data({
      checkIns: [
        visit('case', 'mall', '10:00', '11:00', { venueType: 'mall', zone: 'shoe shop' }),
        visit('same-shop', 'mall', '10:00', '11:00', { venueType: 'mall', zone: 'shoe shop' }),
        visit('other-shop', 'mall', '10:00', '11:00', { venueType: 'mall', zone: 'bakery' }),
      ],
    });
    expect(closeIds(traceBoth(presence, queryFor('case')))).toEqual(['same-shop']);
  });

  it('falls back to the venue level when either check-in lacks a zone', () => {
    const presence = data({
      checkIns: [
        visit('case', 'mall', '10:00', '11:00', { venueType: 'mall', zone: 'shoe shop' }),
        visit('entrance-scan', 'mall', '10:00', '11:00', { venueType: 'mall' }),
        visit('zoneless-case-scan', 'mall', '10:30', '12:00', { venueType: 'mall', zone: '' }),
      ],
    });
    expect(closeIds(traceBoth(presence, queryFor('case')))).toEqual(['entrance-scan', 'zoneless-case-scan']);
    const caseWithoutZone = data({
      checkIns: [
        visit('case', 'mall', '10:00', '11:00', { venueType: 'mall' }),
        visit('bakery', 'mall', '10:00', '11:00', { venueType: 'mall', zone: 'bakery' }),
      ],
    });
    expect(closeIds(traceBoth(caseWithoutZone, queryFor('case')))).toEqual(['bakery']);
  });

  it('counts only within a zone at a venue type whose rule requires zones', () => {
    const rules = parseContactRules({ venueTypes: { station: { zoneRequired: true } } });
    const presence = data({
      checkIns: [
        visit('case', 'station', '10:00', '11:00', { venueType: 'station', zone: 'hall 2' }),
        visit('same-hall', 'station', '10:00', '11:00', { venueType: 'station', zone: 'hall 2' }),
        visit('no-zone', 'station', '10:00', '11:00', { venueType: 'station' }),
      ],
    });
    expect(closeIds(traceBoth(presence, queryFor('case', { rules })))).toEqual(['same-hall']);
  });

  it('uses a venue type’s own minimum overlap (a hospital with 30 minutes)', () => {
    const rules = parseContactRules({ venueTypes: { hospital: { minOverlapMinutes: 30 } } });
    const presence = data({
      checkIns: [
        visit('case', 'ward', '10:00', '11:00', { venueType: 'hospital' }),
        visit('twenty-minutes', 'ward', '10:40', '12:00', { venueType: 'hospital' }),
        visit('thirty-minutes', 'ward', '10:30', '12:00', { venueType: 'hospital' }),
      ],
    });
    expect(closeIds(traceBoth(presence, queryFor('case', { rules })))).toEqual(['thirty-minutes']);
  });

  it('ignores a venue type that does not count', () => {
    const rules = parseContactRules({ venueTypes: { park: { counts: false } } });
    const presence = data({
      checkIns: [
        visit('case', 'park', '10:00', '11:00', { venueType: 'park' }),
        visit('jogger', 'park', '10:00', '11:00', { venueType: 'park' }),
      ],
    });
    expect(traceBoth(presence, queryFor('case', { rules })).contacts).toEqual([]);
  });

  it('never reports the case itself, even with overlapping check-ins of its own', () => {
    const presence = data({
      checkIns: [visit('case', 'cafe', '10:00', '11:00'), visit('case', 'cafe', '10:10', '11:30')],
    });
    expect(traceBoth(presence, queryFor('case')).contacts).toEqual([]);
  });

  it('lists every qualifying exposure once, in time order', () => {
    const presence = data({
      checkIns: [
        visit('case', 'cafe', '18:00', '19:00'),
        visit('case', 'gym', '08:00', '09:00'),
        visit('friend', 'cafe', '18:00', '18:30'),
        visit('friend', 'cafe', '18:00', '18:30'),
        visit('friend', 'gym', '08:30', '10:00'),
      ],
    });
    expect(
      contact(traceBoth(presence, queryFor('case')), 'friend').exposures.map((e) => [e.place_id, e.from]),
    ).toEqual([
      ['gym', iso('08:30')],
      ['cafe', iso('18:00')],
    ]);
  });

  it('finds nobody for a person with no presence, and still prints the window', () => {
    const trace = traceBoth(data({ checkIns: [visit('a', 'cafe', '10:00', '11:00')] }), queryFor('stranger'));
    expect(trace).toEqual({
      case: 'stranger',
      window: { from: iso('00:00'), to: iso('23:59') },
      contacts: [],
    });
  });
});

describe('close contacts on trips', () => {
  it('counts flight passengers within three rows, not four', () => {
    const presence = data({
      trips: [
        ride('case', 'CA1234', { seat: '12A' }),
        ride('row-15', 'CA1234', { seat: '15C' }),
        ride('row-9', 'CA1234', { seat: '9F' }),
        ride('row-16', 'CA1234', { seat: '16A' }),
      ],
    });
    const trace = traceBoth(presence, queryFor('case'));
    expect(closeIds(trace)).toEqual(['row-15', 'row-9']);
    expect(contact(trace, 'row-9').exposures).toEqual([
      {
        kind: 'trip',
        place_id: 'CA1234',
        from: iso('08:00'),
        to: iso('10:00'),
        overlap_minutes: 120,
        via: null,
      },
    ]);
  });

  it('counts the same carriage of a train whatever the rows, and not the next carriage', () => {
    const presence = data({
      trips: [
        ride('case', 'G102', { mode: 'train', carriage: '05', seat: '01A' }),
        ride('far-end', 'G102', { mode: 'train', carriage: '05', seat: '17F' }),
        ride('next-carriage', 'G102', { mode: 'train', carriage: '06', seat: '01A' }),
      ],
    });
    expect(closeIds(traceBoth(presence, queryFor('case')))).toEqual(['far-end']);
  });

  it('uses rows when a train passenger has no carriage recorded', () => {
    const presence = data({
      trips: [
        ride('case', 'G102', { mode: 'train', carriage: '05', seat: '10A' }),
        ride('near', 'G102', { mode: 'train', seat: '12B' }),
        ride('far', 'G102', { mode: 'train', seat: '14B' }),
      ],
    });
    expect(closeIds(traceBoth(presence, queryFor('case')))).toEqual(['near']);
  });

  it('counts the whole vehicle when the seat is unknown, unless the rule says otherwise', () => {
    const presence = data({
      trips: [ride('case', 'bus-7', { mode: 'bus', seat: '3' }), ride('no-seat', 'bus-7', { mode: 'bus' })],
    });
    expect(closeIds(traceBoth(presence, queryFor('case')))).toEqual(['no-seat']);
    const strict = parseContactRules({ trips: { byMode: { bus: { unknownSeat: 'no-contact' } } } });
    expect(closeIds(traceBoth(presence, queryFor('case', { rules: strict })))).toEqual([]);
  });

  it('counts everyone aboard under a whole-vehicle rule (a sealed air-conditioned coach)', () => {
    const rules = parseContactRules({ trips: { byMode: { coach: { scope: 'vehicle' } } } });
    const presence = data({
      trips: [
        ride('case', 'coach-1', { mode: 'coach', seat: '1A' }),
        ride('back-row', 'coach-1', { mode: 'coach', seat: '40D' }),
      ],
    });
    expect(closeIds(traceBoth(presence, queryFor('case', { rules })))).toEqual(['back-row']);
  });

  it('needs the passengers to be aboard at the same time (a metro run where one alights as the other boards)', () => {
    const presence = data({
      trips: [
        ride('case', 'line-2-run-17', {
          mode: 'metro',
          carriage: '3',
          departure: at('08:00'),
          arrival: at('08:20'),
        }),
        ride('boards-later', 'line-2-run-17', {
          mode: 'metro',
          carriage: '3',
          departure: at('08:20'),
          arrival: at('08:40'),
        }),
        ride('one-second', 'line-2-run-17', {
          mode: 'metro',
          carriage: '3',
          departure: at('08:20') - 1000,
          arrival: at('08:40'),
        }),
      ],
    });
    const trace = traceBoth(presence, queryFor('case'));
    expect(closeIds(trace)).toEqual(['one-second']);
    expect(contact(trace, 'one-second').exposures[0]?.overlap_minutes).toBeCloseTo(1 / 60, 10);
  });

  it('counts a trip that overlaps only the last seconds of the window', () => {
    const presence = data({
      trips: [
        ride('case', 'bus-9', {
          mode: 'bus',
          seat: '1',
          departure: at('23:59') - 30_000,
          arrival: at('23:59') + 60_000,
        }),
        ride('seatmate', 'bus-9', {
          mode: 'bus',
          seat: '2',
          departure: at('23:00'),
          arrival: at('23:59') + 60_000,
        }),
      ],
    });
    const trace = traceBoth(presence, queryFor('case'));
    expect(contact(trace, 'seatmate').exposures).toMatchObject([{ overlap_minutes: 0.5 }]);
  });
});

describe('close contacts in rooms and households', () => {
  it('counts overlapping stays in the same room, named hotel_id#room', () => {
    const presence = data({
      stays: [
        stay('case', '1203', '00:00', '12:00'),
        stay('roommate', '1203', '11:00', '20:00'),
        stay('next-door', '1204', '00:00', '12:00'),
        stay('after', '1203', '12:00', '20:00'),
      ],
    });
    const trace = traceBoth(presence, queryFor('case'));
    expect(closeIds(trace)).toEqual(['roommate']);
    expect(contact(trace, 'roommate').exposures).toMatchObject([
      { kind: 'stay', place_id: 'hotel-1#1203', overlap_minutes: 60 },
    ]);
  });

  it('counts household members over the whole window', () => {
    const window = { from: at('00:00'), to: at('00:00', 3) };
    const trace = traceBoth(
      data({ households: [member('case', 'hh-9'), member('spouse', 'hh-9'), member('neighbour', 'hh-8')] }),
      queryFor('case', { window }),
    );
    expect(trace.contacts).toEqual([
      {
        person_id: 'spouse',
        degree: 1,
        exposures: [
          {
            kind: 'household',
            place_id: 'hh-9',
            from: iso('00:00'),
            to: iso('00:00', 3),
            overlap_minutes: 3 * 24 * 60,
            via: null,
          },
        ],
      },
    ]);
  });

  it('does not count rooms or households when the pathogen’s rules say so', () => {
    const rules = parseContactRules({ stays: { counts: false }, households: { counts: false } });
    const presence = data({
      stays: [stay('case', '1', '00:00', '12:00'), stay('b', '1', '00:00', '12:00')],
      households: [member('case', 'h'), member('c', 'h')],
    });
    expect(traceBoth(presence, queryFor('case', { rules })).contacts).toEqual([]);
  });
});
