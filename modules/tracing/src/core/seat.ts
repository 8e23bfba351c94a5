/**
 * Seats on a trip: the row of a seat label, and whether two passengers sat close enough under a mode's
 * rule (rules.ts `TripRule`). Carriages and rows are integers here, -1 meaning "not recorded".
 */
import type { TripRule } from './rules.js';

const leadingRow = /^\s*(\d{1,6})/;

/** The row of a seat label: `12A` → 12, `3` → 3; null when the label does not start with a number. */
export function seatRow(seat: string | null | undefined): number | null {
  const match = seat ? leadingRow.exec(seat) : null;
  return match ? Number(match[1]) : null;
}

/** Where a passenger sat: carriage number and row, -1 when not recorded. */
export interface Seat {
  carriage: number;
  row: number;
}

/** Whether two passengers of the same trip are close under `rule`. */
export function seatsAreClose(rule: TripRule, a: Seat, b: Seat): boolean {
  if (rule.scope === 'vehicle') return true;
  if (a.carriage >= 0 && b.carriage >= 0) {
    if (a.carriage !== b.carriage) return false;
    if (rule.scope === 'carriage') return true;
  }
  if (a.row >= 0 && b.row >= 0) return Math.abs(a.row - b.row) <= rule.maxRowDistance;
  return rule.unknownSeat === 'contact';
}
