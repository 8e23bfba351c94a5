/** Timestamps are stored and exchanged as UTC ISO 8601 strings; these helpers parse and normalise them. */

const isoWithZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Parses an ISO 8601 timestamp that carries an offset or Z; returns null when it is not one. */
export function parseIsoInstant(text: string): Date | null {
  if (!isoWithZone.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** Parses a calendar date (YYYY-MM-DD) that exists in the calendar; returns null otherwise. */
export function parseIsoDate(text: string): string | null {
  if (!isoDate.test(text)) return null;
  const d = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) return null;
  return text;
}

/** Normalises any instant to the canonical stored form: UTC with milliseconds and Z. */
export function toUtcIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * MINUTE_MS);
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** The display zone of the demo city and default user zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
