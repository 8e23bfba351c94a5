/**
 * Publication dates as feeds write them, to UTC ISO 8601: RFC 822 / RFC 1123 dates in RSS `pubDate`
 * (`Tue, 05 Mar 2024 08:00:00 +0800`, `GMT`, US zone names, two-digit years per RFC 1123 §5.2.14),
 * RFC 3339 in Atom, and the zone-less `2024-03-05 08:00:00` and `2024年3月5日` common in Chinese feeds,
 * read at a default UTC offset (+08:00, China Standard Time, unless the caller says otherwise).
 */
import { makeDate } from '../extraction/calendar.js';

const monthIndex: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** RFC 822 §5.1 zone names and their offsets in minutes. */
const zoneOffsets: Readonly<Record<string, number>> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

function offsetMinutes(zone: string): number | null {
  const named = zoneOffsets[zone.toUpperCase()];
  if (named !== undefined) return named;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

interface ClockTime {
  hour: number;
  minute: number;
  second: number;
}

function instant(date: string, { hour, minute, second }: ClockTime, offset: number): string | null {
  if (hour > 23 || minute > 59 || second > 60) return null;
  const ms =
    Date.parse(`${date}T00:00:00Z`) + ((hour * 60 + minute - offset) * 60 + Math.min(second, 59)) * 1000;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const rfc822 =
  /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?$/;
const iso =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const chinese = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:时](\d{2})分?(?::(\d{2}))?)?$/;

/**
 * The instant a feed date denotes, as UTC ISO 8601 (`2024-03-05T00:00:00.000Z`), or null when the text
 * is not a date this reader knows. `defaultOffset` applies when the text carries no zone.
 */
export function parseFeedDate(text: string, defaultOffset = '+08:00'): string | null {
  const value = text.trim();
  const fallback = offsetMinutes(defaultOffset) ?? 0;
  let match = rfc822.exec(value);
  if (match) {
    const [, day, monthName = '', yearText = '', hour, minute, second, zone] = match;
    let year = Number(yearText);
    if (yearText.length === 2) year += year < 50 ? 2000 : 1900; // RFC 1123 §5.2.14 allows 2-digit years
    const date = makeDate(year, monthIndex[monthName.toLowerCase()] ?? 0, Number(day));
    const offset = zone === undefined ? fallback : offsetMinutes(zone);
    if (!date || offset === null) return null;
    return instant(
      date,
      { hour: Number(hour ?? 0), minute: Number(minute ?? 0), second: Number(second ?? 0) },
      offset,
    );
  }
  match = iso.exec(value) ?? chinese.exec(value);
  if (match) {
    const [, year, month, day, hour, minute, second, zone] = match;
    const date = makeDate(Number(year), Number(month), Number(day));
    const offset = zone === undefined ? fallback : offsetMinutes(zone);
    if (!date || offset === null) return null;
    return instant(
      date,
      { hour: Number(hour ?? 0), minute: Number(minute ?? 0), second: Number(second ?? 0) },
      offset,
    );
  }
  return null;
}
