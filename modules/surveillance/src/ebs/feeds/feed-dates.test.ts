import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeedDate } from './feed-dates.js';

describe('feed dates', () => {
  it('reads RFC 822 dates with numeric and named zones', () => {
    expect(parseFeedDate('Tue, 05 Mar 2024 08:00:00 +0800')).toBe('2024-03-05T00:00:00.000Z');
    expect(parseFeedDate('Tue, 05 Mar 2024 08:00:00 GMT')).toBe('2024-03-05T08:00:00.000Z');
    expect(parseFeedDate('5 Mar 2024 08:00 EST')).toBe('2024-03-05T13:00:00.000Z');
    expect(parseFeedDate('Tue, 05 Mar 24 08:00:00 Z')).toBe('2024-03-05T08:00:00.000Z');
  });

  it('reads RFC 3339 and the zone-less forms of Chinese feeds at the default offset', () => {
    expect(parseFeedDate('2024-03-05T08:00:00Z')).toBe('2024-03-05T08:00:00.000Z');
    expect(parseFeedDate('2024-03-05T08:00:00.123+05:30')).toBe('2024-03-05T02:30:00.000Z');
    expect(parseFeedDate('2024-03-05 08:00:00')).toBe('2024-03-05T00:00:00.000Z');
    expect(parseFeedDate('2024年3月5日 08:00')).toBe('2024-03-05T00:00:00.000Z');
    expect(parseFeedDate('2024-03-05', '+00:00')).toBe('2024-03-05T00:00:00.000Z');
  });

  it('rejects what is not a date', () => {
    expect(parseFeedDate('yesterday')).toBeNull();
    expect(parseFeedDate('31 Feb 2024')).toBeNull();
    expect(parseFeedDate('2024-13-01')).toBeNull();
  });

  it('reads back any instant written as RFC 1123 (toUTCString) or ISO 8601', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (date) => {
          const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
          expect(parseFeedDate(whole.toUTCString())).toBe(whole.toISOString());
          expect(parseFeedDate(whole.toISOString())).toBe(whole.toISOString());
        },
      ),
    );
  });
});
