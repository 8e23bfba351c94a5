import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulationClock } from './local-time.js';
import { Transit } from './transport.js';

function network() {
  const transit = new Transit(new SimulationClock('2026-03-02'));
  const train = transit.addLine({
    code: 'HSR',
    name: 'high-speed',
    mode: 'train',
    district: -1,
    carriages: 8,
    rows: 17,
    seatLetters: 'ABCDF',
    setting: 0.4,
  });
  const bus = transit.addLine(
    {
      code: 'BUS001',
      name: '1路',
      mode: 'bus',
      district: 0,
      carriages: 1,
      rows: 0,
      seatLetters: '',
      setting: 0.6,
    },
    { headway: 10, first: 360, last: 1310, runMinutes: 55, origin: 'A', destination: 'B' },
  );
  return { transit, train, bus };
}

describe('seats on a run', () => {
  it('are never dealt twice, and every passenger up to capacity gets one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 680 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 680, maxLength: 680 }),
        (passengers, choices) => {
          const { transit, train } = network();
          const run = transit.scheduledRun(train, 'G6001', {
            departure: 600,
            arrival: 700,
            origin: '长沙南',
            destination: '株洲西',
          });
          const seats = new Set<string>();
          for (let i = 0; i < passengers; i++) {
            const seat = transit.dealSeat(run, choices[i]!);
            expect(seat.row).toBeGreaterThanOrEqual(1);
            expect(seat.row).toBeLessThanOrEqual(17);
            expect(seat.carriage).toBeGreaterThanOrEqual(1);
            seats.add(`${seat.carriage}-${seat.row}${seat.letter}`);
          }
          expect(seats.size).toBe(passengers);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('run out at capacity: later passengers stand', () => {
    const { transit, train } = network();
    const run = transit.scheduledRun(train, 'G6001', {
      departure: 600,
      arrival: 700,
      origin: '长沙南',
      destination: '株洲西',
    });
    for (let i = 0; i < 680; i++) transit.dealSeat(run, i);
    expect(transit.dealSeat(run, 3)).toMatchObject({ row: 0, letter: '' });
  });
});

describe('runs of frequent lines', () => {
  it('are the departure before boarding, named by line, date and time', () => {
    const { transit, bus } = network();
    const run = transit.runAt(bus, 1440 + 8 * 60 + 7);
    expect(transit.runs[run]).toMatchObject({
      id: 'BUS001-20260303-0800',
      departure: 1440 + 480,
      arrival: 1440 + 535,
    });
    expect(transit.runAt(bus, 1440 + 8 * 60 + 9)).toBe(run);
    expect(transit.runAt(bus, 1440 + 8 * 60 + 10)).not.toBe(run);
  });
});
