// Specification of secondary contacts (次密接, degree 2): exposure to a close contact between that
// contact's first exposure to the case and their quarantine (or now); each person once, lowest degree.
import { describe, expect, it } from 'vitest';
import { findContacts } from './contact-finder.js';
import { PresenceIndex } from './presence-index.js';
import type { PresenceData } from './presence.js';
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

// The case meets `close` at the cafe 10:00–11:00 on day 0: close's first exposure is 10:00.
const caseMeetsClose = [visit('case', 'cafe', '10:00', '11:00'), visit('close', 'cafe', '10:00', '11:00')];

describe('secondary contacts', () => {
  it('counts a person who met a close contact after the close contact was exposed', () => {
    const trace = traceBoth(
      data({
        checkIns: [
          ...caseMeetsClose,
          visit('colleague', 'office', '13:00', '17:00'),
          visit('close', 'office', '13:00', '17:00'),
        ],
      }),
      queryFor('case'),
    );
    expect(contactIds(trace, 2)).toEqual(['colleague']);
    expect(contact(trace, 'colleague')).toEqual({
      person_id: 'colleague',
      degree: 2,
      exposures: [
        {
          kind: 'venue',
          place_id: 'office',
          from: iso('13:00'),
          to: iso('17:00'),
          overlap_minutes: 240,
          via: 'close',
        },
      ],
    });
  });

  it('ignores exposures before the close contact was exposed', () => {
    const trace = traceBoth(
      data({
        checkIns: [
          ...caseMeetsClose,
          visit('breakfast', 'diner', '07:00', '08:00'),
          visit('close', 'diner', '07:00', '08:00'),
        ],
      }),
      queryFor('case'),
    );
    expect(contactIds(trace, 2)).toEqual([]);
  });

  it('clips the secondary exposure to the moment the close contact was first exposed', () => {
    const trace = traceBoth(
      data({ checkIns: [...caseMeetsClose, visit('barista', 'cafe', '09:00', '12:00')] }),
      queryFor('case', { maxDegree: 2 }),
    );
    // The barista also overlapped the case directly, so is a close contact; an early stay shows the clip.
    expect(contact(trace, 'barista').degree).toBe(1);
    const early = traceBoth(
      data({
        checkIns: [
          ...caseMeetsClose,
          visit('close', 'bar', '09:30', '10:20'),
          visit('drinker', 'bar', '09:30', '10:20'),
        ],
      }),
      queryFor('case'),
    );
    expect(contact(early, 'drinker').exposures).toMatchObject([
      { from: iso('10:00'), to: iso('10:20'), overlap_minutes: 20 },
    ]);
  });

  it('ends the window at the close contact’s quarantine', () => {
    const presence = data({
      checkIns: [
        ...caseMeetsClose,
        visit('close', 'gym', '18:00', '19:00'),
        visit('gym-buddy', 'gym', '18:00', '19:00'),
      ],
    });
    expect(contactIds(traceBoth(presence, queryFor('case')), 2)).toEqual(['gym-buddy']);
    const quarantined = queryFor('case', { quarantineAt: new Map([['close', at('18:10')]]) });
    expect(contactIds(traceBoth(presence, quarantined), 2)).toEqual([]);
    const later = queryFor('case', { quarantineAt: new Map([['close', at('18:15')]]) });
    expect(contact(traceBoth(presence, later), 'gym-buddy').exposures).toMatchObject([
      { to: iso('18:15'), overlap_minutes: 15 },
    ]);
  });

  it('runs the window to now when the close contact has no quarantine time, beyond the case’s isolation', () => {
    const presence = data({
      checkIns: [
        ...caseMeetsClose,
        visit('close', 'gym', '18:00', '19:00', { start: at('18:00', 2), end: at('19:00', 2) }),
        visit('gym-buddy', 'gym', '18:00', '19:00', { start: at('18:00', 2), end: at('19:00', 2) }),
      ],
    });
    const isolatedAtNoon = { from: at('00:00'), to: at('12:00') };
    expect(
      contactIds(traceBoth(presence, queryFor('case', { window: isolatedAtNoon, now: at('12:00', 3) })), 2),
    ).toEqual(['gym-buddy']);
    expect(
      contactIds(traceBoth(presence, queryFor('case', { window: isolatedAtNoon, now: at('18:30', 2) })), 2),
    ).toEqual(['gym-buddy']);
    expect(
      contactIds(traceBoth(presence, queryFor('case', { window: isolatedAtNoon, now: at('18:10', 2) })), 2),
    ).toEqual([]);
  });

  it('reports a person once, at the lowest degree, with only the exposures of that degree', () => {
    const presence = data({
      checkIns: [
        ...caseMeetsClose,
        visit('both', 'cafe', '10:30', '11:00'),
        visit('close', 'office', '13:00', '17:00'),
        visit('both', 'office', '13:00', '17:00'),
      ],
    });
    const trace = traceBoth(presence, queryFor('case'));
    expect(contact(trace, 'both')).toEqual({
      person_id: 'both',
      degree: 1,
      exposures: [
        {
          kind: 'venue',
          place_id: 'cafe',
          from: iso('10:30'),
          to: iso('11:00'),
          overlap_minutes: 30,
          via: null,
        },
      ],
    });
    expect(contactIds(trace, 2)).toEqual([]);
  });

  it('lists the exposures through every close contact, each naming it in via', () => {
    const presence = data({
      checkIns: [
        ...caseMeetsClose,
        visit('case', 'bus-stop', '10:00', '11:00'),
        visit('close-2', 'bus-stop', '10:00', '11:00'),
        visit('close', 'office', '13:00', '17:00'),
        visit('close-2', 'office', '14:00', '15:00'),
        visit('shared', 'office', '13:00', '17:00'),
      ],
    });
    const trace = traceBoth(presence, queryFor('case'));
    expect(contactIds(trace)).toEqual(['close', 'close-2', 'shared']);
    expect(contact(trace, 'shared').exposures.map((e) => [e.from, e.via])).toEqual([
      [iso('13:00'), 'close'],
      [iso('14:00'), 'close-2'],
    ]);
  });

  it('never reports the case, even when a close contact meets the case again later', () => {
    const presence = data({
      checkIns: [
        ...caseMeetsClose,
        visit('close', 'home-bar', '20:00', '22:00'),
        visit('case', 'home-bar', '20:00', '22:00'),
      ],
    });
    expect(contactIds(traceBoth(presence, queryFor('case')))).toEqual(['close']);
  });

  it('counts a close contact’s household over their window: first exposure to quarantine', () => {
    const presence = data({
      checkIns: caseMeetsClose,
      households: [member('close', 'hh-1'), member('child', 'hh-1')],
    });
    const trace = traceBoth(presence, queryFor('case', { quarantineAt: new Map([['close', at('20:00')]]) }));
    expect(contact(trace, 'child').exposures).toEqual([
      {
        kind: 'household',
        place_id: 'hh-1',
        from: iso('10:00'),
        to: iso('20:00'),
        overlap_minutes: 600,
        via: 'close',
      },
    ]);
  });

  it('counts trips and rooms shared with a close contact', () => {
    const presence = data({
      checkIns: caseMeetsClose,
      trips: [
        ride('close', 'CZ300', { seat: '20A', departure: at('14:00'), arrival: at('16:00') }),
        ride('seatmate', 'CZ300', { seat: '21B', departure: at('14:00'), arrival: at('16:00') }),
      ],
      stays: [stay('close', '305', '17:00', '23:00'), stay('roommate', '305', '17:00', '23:00')],
    });
    expect(contactIds(traceBoth(presence, queryFor('case')), 2)).toEqual(['roommate', 'seatmate']);
  });

  it('finds no secondary contacts when only close contacts are asked for', () => {
    const presence = data({
      checkIns: [
        ...caseMeetsClose,
        visit('colleague', 'office', '13:00', '17:00'),
        visit('close', 'office', '13:00', '17:00'),
      ],
    });
    expect(contactIds(traceBoth(presence, queryFor('case', { maxDegree: 1 })))).toEqual(['close']);
  });
});

describe('secondary contacts found without exposure rows', () => {
  // The contacts-only search sweeps each place once (probe-sweep.ts); these pin its boundaries.
  const peopleOf = (presence: PresenceData) => {
    const index = PresenceIndex.from(presence);
    const set = findContacts(index, { ...queryFor('case'), recordExposures: false });
    return Array.from(set.contactPerson, (p, i) => `${index.persons.name(p)}:${set.contactDegree[i]}`).sort();
  };

  it('counts exactly the minimum with a close contact who arrived first', () => {
    const presence = data({
      checkIns: [
        ...caseMeetsClose,
        visit('close', 'bar', '12:00', '12:30'),
        visit('s', 'bar', '12:15', '13:00'),
      ],
    });
    expect(peopleOf(presence)).toEqual(['close:1', 's:2']);
    expect(contactIds(traceBoth(presence, queryFor('case')), 2)).toEqual(['s']);
  });

  it('counts exactly the minimum with a close contact who arrived later', () => {
    const presence = data({
      checkIns: [
        ...caseMeetsClose,
        visit('close', 'bar', '12:15', '13:00'),
        visit('s', 'bar', '12:00', '12:30'),
      ],
    });
    expect(peopleOf(presence)).toEqual(['close:1', 's:2']);
  });

  it('counts a close contact who arrived seconds after the other person', () => {
    const close = { ...visit('close', 'bar', '12:00', '12:30'), start: at('12:00') + 30_000 };
    const s = { ...visit('s', 'bar', '12:00', '12:15'), end: at('12:15') + 30_000 };
    expect(peopleOf(data({ checkIns: [...caseMeetsClose, close, s] }))).toEqual(['close:1', 's:2']);
  });

  it('counts the longest stay at a place when it covers a later visit by exactly the minimum', () => {
    // The sweep jumps over events that start too early to reach the next visit (start + longest stay <
    // visit + minimum); s starts exactly at that bound, 14:00 = 15:00 + 15 min − 75 min.
    const laterVisits = [visit('close', 'hall', '11:30', '12:00'), visit('close', 'hall', '15:00', '16:00')];
    const s = visit('s', 'hall', '14:00', '15:15');
    expect(peopleOf(data({ checkIns: [...caseMeetsClose, ...laterVisits, s] }))).toEqual(['close:1', 's:2']);
    const secondShorter = { ...s, end: at('15:15') - 1000 };
    expect(peopleOf(data({ checkIns: [...caseMeetsClose, ...laterVisits, secondShorter] }))).toEqual([
      'close:1',
    ]);
  });

  it('does not count a second less, nor many short overlaps that add up', () => {
    const short = { ...visit('s', 'bar', '12:00', '12:30'), end: at('12:30') - 1000 };
    expect(
      peopleOf(data({ checkIns: [...caseMeetsClose, visit('close', 'bar', '12:15', '13:00'), short] })),
    ).toEqual(['close:1']);
    const twoVisits = [visit('close', 'bar', '12:00', '12:10'), visit('close', 'bar', '12:20', '12:30')];
    expect(
      peopleOf(data({ checkIns: [...caseMeetsClose, ...twoVisits, visit('s', 'bar', '12:00', '12:30')] })),
    ).toEqual(['close:1']);
  });
});
