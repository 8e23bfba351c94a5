// Invalid-input errors for algorithm controls: every one names the control entry and the reason, like
// R's own argument checks, so the CLI can show them as they are.
import { AppError } from '@shuzhi/core';

/** An invalid value for one control entry of one algorithm. */
export function invalidControl(algorithm: string, name: string, reason: string): AppError {
  return new AppError('invalid_input', `${algorithm} control ${name}: ${reason}`, {
    issues: [{ record: 'control', field: name, reason }],
  });
}

/** Checks that a 1-based range lies inside 1…n and leaves `history` points before it. */
export function checkRange(
  algorithm: string,
  range: readonly [number, number],
  n: number,
  history: number,
): void {
  const [from, to] = range;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) {
    throw invalidControl(algorithm, 'range', `must be two integers from ≤ to, got ${from}:${to}`);
  }
  if (from < 1 || to > n)
    throw invalidControl(algorithm, 'range', `must lie within 1:${n}, got ${from}:${to}`);
  if (from - history < 1) {
    throw invalidControl(
      algorithm,
      'range',
      `starts at ${from} but needs ${history} earlier observations; start at ${history + 1} or later`,
    );
  }
}

/** A positive number check with the control name in the message. */
export function requirePositive(algorithm: string, name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value))
    throw invalidControl(algorithm, name, `must be a positive number, got ${value}`);
}

/** A probability in (0, 1). */
export function requireProbability(algorithm: string, name: string, value: number): void {
  if (!(value > 0 && value < 1))
    throw invalidControl(algorithm, name, `must lie strictly between 0 and 1, got ${value}`);
}

/** A non-negative integer. */
export function requireCount(algorithm: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0)
    throw invalidControl(algorithm, name, `must be a non-negative integer, got ${value}`);
}
