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

/** Whether two passengers of the same trip are close under `rule`; -1 = carriage or row unknown. */
export function seatsAreClose(
  rule: TripRule,
  carriageA: number,
  rowA: number,
  carriageB: number,
  rowB: number,
): boolean {
  if (rule.scope === 'vehicle') return true;
  if (carriageA >= 0 && carriageB >= 0) {
    if (carriageA !== carriageB) return false;
    if (rule.scope === 'carriage') return true;
  }
  if (rowA >= 0 && rowB >= 0) return Math.abs(rowA - rowB) <= rule.maxRowDistance;
  return rule.unknownSeat === 'contact';
}
