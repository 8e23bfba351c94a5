/**
 * FHIR R4 partial dates and date-times (`2022`, `2022-03`, `2022-03-05`, `2022-03-05T10:00:00+08:00`) and
 * the time range each one denotes (FHIR R4 §2.1.0.1 datatypes "dateTime"; search.html §3.1.1.4.2 dates).
 */
import { isRealDate, parseOffsetDateTime } from './iso-instant.js';

export type DatePrecision = 'year' | 'month' | 'day' | 'time';

/** A half-open range [start, end) in epoch milliseconds. */
export interface TimeRange {
  start: number;
  end: number;
}

export interface PartialDateTime {
  text: string;
  precision: DatePrecision;
  range: TimeRange;
}

const partial = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
// FHIR dateTime: a time needs seconds and an offset; search values may leave seconds out.
const fhirTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const searchTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

export interface PartialDateOptions {
  /**
   * Offset (minutes east of UTC) of the zone in which dates without an offset are read. FHIR lets the
   * server assume its local time; Shuzhi's default zone is Asia/Shanghai (UTC+8, no daylight saving).
   */
  zoneOffsetMinutes?: number;
  /** Accept date-times without seconds or offset (search parameters); FHIR resources need both. */
  lenientTime?: boolean;
}

export const defaultZoneOffsetMinutes = 480;

/** Parses a FHIR date / dateTime and returns the range it covers, or null when it is not one. */
export function parsePartialDateTime(text: string, options: PartialDateOptions = {}): PartialDateTime | null {
  const offset = options.zoneOffsetMinutes ?? defaultZoneOffsetMinutes;
  const m = partial.exec(text);
  if (m) {
    const year = Number(m[1]);
    const month = m[2] === undefined ? undefined : Number(m[2]);
    const day = m[3] === undefined ? undefined : Number(m[3]);
    if (month !== undefined && (month < 1 || month > 12)) return null;
    if (month !== undefined && day !== undefined && !isRealDate(year, month, day)) return null;
    const shift = offset * 60_000;
    if (month === undefined) {
      return {
        text,
        precision: 'year',
        range: { start: utc(year, 0, 1) - shift, end: utc(year + 1, 0, 1) - shift },
      };
    }
    if (day === undefined) {
      return {
        text,
        precision: 'month',
        range: { start: utc(year, month - 1, 1) - shift, end: utc(year, month, 1) - shift },
      };
    }
    return {
      text,
      precision: 'day',
      range: { start: utc(year, month - 1, day) - shift, end: utc(year, month - 1, day + 1) - shift },
    };
  }
  const pattern = options.lenientTime ? searchTime : fhirTime;
  if (!pattern.test(text)) return null;
  const hasZone = /(Z|[+-]\d{2}:\d{2})$/.test(text);
  const instant = parseOffsetDateTime(hasZone ? text : `${text}${formatOffset(offset)}`);
  if (instant === null) return null;
  // A time is precise to its last written unit: minutes without seconds cover the whole minute.
  const hasSeconds = /T\d{2}:\d{2}:\d{2}/.test(text);
  return { text, precision: 'time', range: { start: instant, end: instant + (hasSeconds ? 1000 : 60_000) } };
}

function utc(year: number, monthIndex: number, day: number): number {
  const ms = Date.UTC(year, monthIndex, day);
  return year < 100 ? new Date(ms).setUTCFullYear(year) : ms;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
