import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetDateTimeToUtcIso, parseCalendarDate, parseOffsetDateTime } from './iso-instant.js';
import { parsePartialDateTime } from './partial-date-time.js';

describe('date-times with offset', () => {
  it('reads the offset and returns the UTC instant', () => {
    expect(offsetDateTimeToUtcIso('2022-03-05T08:30:00+08:00')).toBe('2022-03-05T00:30:00.000Z');
    expect(offsetDateTimeToUtcIso('2022-03-05T08:30+0800')).toBe('2022-03-05T00:30:00.000Z');
    expect(offsetDateTimeToUtcIso('2022-03-05T00:30:00.1234Z')).toBe('2022-03-05T00:30:00.123Z');
  });

  it('refuses times without an offset and times that do not exist', () => {
    for (const text of [
      '2022-03-05T08:30:00',
      '2022-02-29T08:30:00Z',
      '2022-03-05T24:00:00Z',
      '2022-03-05T08:60Z',
      '2022-03-05T08:30:00+15:00',
      '2022-03-05',
      '',
    ]) {
      expect(parseOffsetDateTime(text)).toBeNull();
    }
  });

  it('round-trips any instant written in any offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15),
        (ms, offset) => {
          expect(parseOffsetDateTime(writeWithOffset(ms, offset))).toBe(ms);
        },
      ),
    );
  });
});

describe('calendar dates', () => {
  it('accepts real days only', () => {
    expect(parseCalendarDate('2024-02-29')).toBe('2024-02-29');
    expect(parseCalendarDate('2023-02-29')).toBeNull();
    expect(parseCalendarDate('1900-02-29')).toBeNull();
    expect(parseCalendarDate('2000-02-29')).toBe('2000-02-29');
    expect(parseCalendarDate('2023-2-1')).toBeNull();
  });

  it('agrees with the calendar for every day of four centuries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1800, 0, 1) / 86_400_000, max: Date.UTC(2200, 0, 1) / 86_400_000 }),
        (day) => {
          const text = new Date(day * 86_400_000).toISOString().slice(0, 10);
          expect(parseCalendarDate(text)).toBe(text);
        },
      ),
    );
  });
});

describe('FHIR partial dates', () => {
  it('gives each precision the range it covers, in the configured zone', () => {
    expect(parsePartialDateTime('2022', { zoneOffsetMinutes: 0 })?.range).toEqual({
      start: Date.UTC(2022, 0, 1),
      end: Date.UTC(2023, 0, 1),
    });
    expect(parsePartialDateTime('2022-12')?.range).toEqual({
      start: Date.UTC(2022, 11, 1) - 8 * 3_600_000,
      end: Date.UTC(2023, 0, 1) - 8 * 3_600_000,
    });
    expect(parsePartialDateTime('2022-03-05T10:00:00+08:00')).toMatchObject({
      precision: 'time',
      range: { start: Date.UTC(2022, 2, 5, 2), end: Date.UTC(2022, 2, 5, 2) + 1000 },
    });
  });

  it('requires seconds and an offset in resources but not in search values', () => {
    expect(parsePartialDateTime('2022-03-05T10:00+08:00')).toBeNull();
    expect(parsePartialDateTime('2022-03-05T10:00', { lenientTime: true })?.range.end).toBe(
      Date.UTC(2022, 2, 5, 2, 1),
    );
    expect(parsePartialDateTime('2022-13')).toBeNull();
    expect(parsePartialDateTime('2022-02-30')).toBeNull();
  });
});

function writeWithOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
