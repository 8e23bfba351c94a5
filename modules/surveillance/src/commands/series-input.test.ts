import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from './csv.js';
import { nextDate, readSeriesInput } from './series-input.js';

function datedCsv(start: string, counts: readonly number[], frequency: number): string {
  const lines = ['date,count'];
  let date: string | null = start;
  for (const count of counts) {
    lines.push(`${date},${count}`);
    date = date === null ? null : nextDate(date, frequency);
  }
  return lines.join('\n');
}

const startDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('series input', () => {
  it('accepts any run of weekly or daily dates and keeps the counts in order', () => {
    fc.assert(
      fc.property(
        startDate,
        fc.constantFrom(52, 365),
        fc.array(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 60 }),
        (start, frequency, counts) => {
          const input = readSeriesInput(parseCsv(datedCsv(start, counts, frequency)), {
            frequency,
            allowed: ['date'],
          });
          return input.series[0]?.observed.join(',') === counts.join(',') && input.dates?.[0] === start;
        },
      ),
    );
  });

  it('rejects a dated series with any inner date removed, naming the line after the gap', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 2, max: 19 }), (start, drop) => {
        const lines = datedCsv(start, new Array<number>(20).fill(1), 52).split('\n');
        const gapped = lines.filter((_, i) => i !== drop).join('\n');
        try {
          readSeriesInput(parseCsv(gapped), { frequency: 52, allowed: ['date'] });
          return false;
        } catch (error) {
          return (error as { issues?: { record?: number }[] }).issues?.[0]?.record === drop + 1;
        }
      }),
    );
  });

  it('steps monthly dates by calendar month and refuses days that months lack', () => {
    expect(nextDate('2024-01-01', 12)).toBe('2024-02-01');
    expect(nextDate('2024-01-31', 12)).toBeNull();
  });
});
