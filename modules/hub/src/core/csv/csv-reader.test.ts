import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, parseCsv, type CsvItem } from './csv-reader.js';
import { formatCsv } from './csv-writer.js';

describe('CSV reader (RFC 4180)', () => {
  it('reads quoted fields with escaped quotes, commas and line breaks, and says where each record starts', () => {
    const text = 'id,note\r\n1,"said ""hi"", left"\r\n2,"two\r\nlines"\r\n3,plain\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['id', 'note'] },
      { line: 2, fields: ['1', 'said "hi", left'] },
      { line: 3, fields: ['2', 'two\r\nlines'] },
      { line: 5, fields: ['3', 'plain'] },
    ]);
  });

  it('accepts LF and CR line ends, a byte-order mark, a missing final line end and blank lines', () => {
    expect(parseCsv('\uFEFFa,b\n\n1,2\r3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('keeps empty fields, including a last one after a trailing comma', () => {
    expect(parseCsv('a,,c,\n,\n')).toEqual([
      { line: 1, fields: ['a', '', 'c', ''] },
      { line: 2, fields: ['', ''] },
    ]);
  });

  it('reports broken records with their line and goes on with the next', () => {
    expect(parseCsv('a,b\n1,x"y\n2,"q"z\n3,ok\n4,"open')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      {
        line: 2,
        error: 'a quote inside an unquoted field (column 2); quote the whole field',
        code: 'csv-stray-quote',
        params: { column: 2 },
      },
      {
        line: 3,
        error: 'unexpected character after a closing quote (column 2)',
        code: 'csv-after-quote',
        params: { column: 2 },
      },
      { line: 4, fields: ['3', 'ok'] },
      {
        line: 5,
        error: 'a quoted field is not closed before the end of the file',
        code: 'csv-unclosed-quote',
      },
    ]);
  });

  const field = fc.string({
    unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\r', '\n', '张', 'é'),
    maxLength: 8,
  });
  const records = fc
    .array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 20 })
    // A record of one empty field is written as an empty line, which readers skip.
    .map((rs) => rs.filter((r) => !(r.length === 1 && r[0] === '')));

  it('reads back exactly what the writer wrote, on the line where each record starts', () => {
    fc.assert(
      fc.property(records, (written) => {
        const text = formatCsv(written);
        const read = parseCsv(text);
        expect(read.map((item) => ('fields' in item ? item.fields : item))).toEqual(written);
        let line = 1;
        written.forEach((record, k) => {
          expect(read[k]!.line).toBe(line);
          line += 1 + record.reduce((breaks, f) => breaks + f.split(/\r\n|\r|\n/).length - 1, 0);
        });
      }),
    );
  });

  it('gives the same records however the text is cut into chunks', () => {
    fc.assert(
      fc.property(records, fc.array(fc.nat(), { maxLength: 10 }), (written, cuts) => {
        const text = formatCsv(written).replace(/\r\n$/, '');
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const reader = new CsvReader();
        const items: CsvItem[] = [];
        let from = 0;
        for (const point of [...points, text.length]) {
          items.push(...reader.push(text.slice(from, point)));
          from = point;
        }
        items.push(...reader.end());
        expect(items).toEqual(parseCsv(text));
      }),
    );
  });
});
