/** Shared by the Chinese and English number readers: decimal mantissas times scale words. */

/**
 * Rounds away binary noise from decimal mantissas (0.7 × 10⁴ = 7000.000000000001): a value within a
 * billionth (relative) of a whole number is that number; whole numbers are returned untouched.
 */
export function tidyDecimal(value: number): number {
  if (Number.isInteger(value)) return value;
  const nearest = Math.round(value);
  if (Math.abs(value - nearest) <= 1e-9 * Math.max(1, Math.abs(value))) return nearest;
  return Math.abs(value) < 1e9 ? Math.round(value * 1e6) / 1e6 : value;
}
