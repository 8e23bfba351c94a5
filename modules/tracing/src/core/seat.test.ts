// Seat rows and the per-mode seat rule (rules.ts TripRule).
import { describe, expect, it } from 'vitest';
import { defaultContactRules, tripRuleFor } from './rules.js';
import type { TripRule } from './rules.js';
import { seatRow, seatsAreClose } from './seat.js';

describe('seat rows', () => {
  it('reads the row from the leading number of a seat label', () => {
    expect(seatRow('12A')).toBe(12);
    expect(seatRow('03F')).toBe(3);
    expect(seatRow('7')).toBe(7);
  });

  it('has no row for labels without a leading number', () => {
    expect(seatRow('aisle')).toBeNull();
    expect(seatRow('A12')).toBeNull();
    expect(seatRow('')).toBeNull();
    expect(seatRow(undefined)).toBeNull();
  });
});

describe('seat rule', () => {
  const unknown = -1;
  const rows: TripRule = { counts: true, scope: 'rows', maxRowDistance: 3, unknownSeat: 'contact' };

  it('for flights: within three rows either side, by default', () => {
    const flight = tripRuleFor(defaultContactRules, 'flight');
    expect(seatsAreClose(flight, { carriage: unknown, row: 12 }, { carriage: unknown, row: 15 })).toBe(true);
    expect(seatsAreClose(flight, { carriage: unknown, row: 12 }, { carriage: unknown, row: 9 })).toBe(true);
    expect(seatsAreClose(flight, { carriage: unknown, row: 12 }, { carriage: unknown, row: 16 })).toBe(false);
  });

  it('for trains: the same carriage, any row; never another carriage', () => {
    const train = tripRuleFor(defaultContactRules, 'train');
    expect(seatsAreClose(train, { carriage: 5, row: 1 }, { carriage: 5, row: 20 })).toBe(true);
    expect(seatsAreClose(train, { carriage: 5, row: 1 }, { carriage: 6, row: 1 })).toBe(false);
  });

  it('falls back to rows when a carriage is missing, and to the rule’s choice when the row is too', () => {
    const train = tripRuleFor(defaultContactRules, 'train');
    expect(seatsAreClose(train, { carriage: 5, row: 10 }, { carriage: unknown, row: 13 })).toBe(true);
    expect(seatsAreClose(train, { carriage: 5, row: 10 }, { carriage: unknown, row: 14 })).toBe(false);
    expect(seatsAreClose(train, { carriage: 5, row: unknown }, { carriage: unknown, row: 14 })).toBe(true);
    expect(
      seatsAreClose(
        { ...train, unknownSeat: 'no-contact' },
        { carriage: 5, row: unknown },
        { carriage: unknown, row: 14 },
      ),
    ).toBe(false);
  });

  it('with rows in carriages: rows count only within the same carriage', () => {
    expect(seatsAreClose(rows, { carriage: 1, row: 10 }, { carriage: 1, row: 12 })).toBe(true);
    expect(seatsAreClose(rows, { carriage: 1, row: 10 }, { carriage: 2, row: 10 })).toBe(false);
  });

  it('for a whole-vehicle rule: everyone aboard', () => {
    expect(
      seatsAreClose({ ...rows, scope: 'vehicle' }, { carriage: 1, row: 1 }, { carriage: 9, row: 40 }),
    ).toBe(true);
  });
});
