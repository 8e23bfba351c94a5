// A person's own itinerary from the index: what a case's page lists and what links cases into clusters.
import { describe, expect, it } from 'vitest';
import { personPresence } from './person-presence.js';
import { PresenceIndex } from './presence-index.js';
import { at, data, member, ride, stay, visit } from './test-support.js';

describe('person presence', () => {
  it('lists check-ins, trips and stays overlapping the window by start, then households', () => {
    const index = PresenceIndex.from(
      data({
        checkIns: [
          visit('p', 'mall', '18:00', '19:00', { venueType: 'mall', zone: 'F2-bakery' }),
          visit('p', 'cafe', '07:00', '07:30'),
          visit('other', 'cafe', '07:00', '07:30'),
        ],
        trips: [ride('p', 'G102', { mode: 'train', carriage: '05', seat: '12A' })],
        stays: [stay('p', '1203', '21:00', '23:00')],
        households: [member('p', 'hh-1')],
      }),
    );
    expect(personPresence(index, 'p', { from: at('07:15'), to: at('22:00') })).toEqual([
      { kind: 'venue', placeId: 'cafe', start: at('07:00'), end: at('07:30'), zone: null, row: null },
      { kind: 'trip', placeId: 'G102', start: at('08:00'), end: at('10:00'), zone: '05', row: 12 },
      { kind: 'venue', placeId: 'mall', start: at('18:00'), end: at('19:00'), zone: 'F2-bakery', row: null },
      { kind: 'stay', placeId: 'hotel-1#1203', start: at('21:00'), end: at('23:00'), zone: null, row: null },
      { kind: 'household', placeId: 'hh-1', start: null, end: null, zone: null, row: null },
    ]);
  });

  it('is empty for someone the index does not know, and leaves out what ended before the window', () => {
    const index = PresenceIndex.from(data({ checkIns: [visit('p', 'cafe', '07:00', '07:30')] }));
    expect(personPresence(index, 'stranger', { from: at('00:00'), to: at('23:00') })).toEqual([]);
    expect(personPresence(index, 'p', { from: at('07:30'), to: at('23:00') })).toEqual([]);
  });
});
