import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAppError } from '@shuzhi/core';
import { parseCsv } from './csv.js';

/** Writes cells as RFC 4180 CSV, quoting where needed. */
function toCsv(rows: string[][]): string {
  return rows
    .map((row) =>
      row.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(','),
    )
    .join('\r\n');
}

describe('CSV reader', () => {
  it('reads back any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', '数', '1') });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 6 }),
        (width, body) => {
          const header = ['h1', 'h2', 'h3', 'h4'].slice(0, width);
          const rows = body
            .map((row) => row.slice(0, width))
            .filter((row) => !(width === 1 && row[0] === ''));
          const table = parseCsv(toCsv([header, ...rows]));
          expect(table.header).toEqual(header);
          expect(table.rows.map((row) => row.cells)).toEqual(rows);
        },
      ),
    );
  });

  it('keeps line numbers of rows after quoted line breaks and skips blank lines', () => {
    const table = parseCsv('t,count\n1,"4\n"\n\n2,5\n');
    expect(table.rows.map((row) => row.line)).toEqual([2, 5]);
  });

  it('strips a byte-order mark', () => {
    expect(parseCsv('\uFEFFdate,count\n2024-01-01,3').header).toEqual(['date', 'count']);
  });

  it('names the line of a row with the wrong number of cells', () => {
    try {
      parseCsv('t,count\n1,2\n2,3,4\n');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.issues[0]?.record).toBe(3);
    }
  });
});
