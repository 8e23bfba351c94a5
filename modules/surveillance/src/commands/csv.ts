// A small RFC 4180 CSV reader for the CLI inputs: quoted fields, CRLF or LF, a UTF-8 BOM; every row
// keeps its 1-based line number so that errors can name it.
import { AppError } from '@shuzhi/core';

export interface CsvRow {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/** Parses CSV text; blank lines are skipped, a row with the wrong number of cells is rejected. */
export function parseCsv(text: string): CsvTable {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let sawContent = false;
  const endRecord = (): void => {
    cells.push(cell);
    if (sawContent || cells.length > 1 || cell.length > 0) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    sawContent = false;
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      sawContent = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      sawContent = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else cell += ch;
  }
  if (quoted) {
    throw new AppError('invalid_input', `line ${recordLine}: unterminated quoted field`, {
      issues: [{ record: recordLine, reason: 'unterminated quoted field' }],
    });
  }
  endRecord();
  const [headerRow, ...rows] = records;
  if (!headerRow) {
    throw new AppError('invalid_input', 'the CSV is empty; expected a header line', {
      issues: [{ record: 1, reason: 'empty input' }],
    });
  }
  const header = headerRow.cells.map((name) => name.trim());
  for (const row of rows) {
    if (row.cells.length !== header.length) {
      throw new AppError(
        'invalid_input',
        `line ${row.line}: ${row.cells.length} cells, the header has ${header.length}`,
        {
          issues: [
            { record: row.line, reason: `expected ${header.length} cells, found ${row.cells.length}` },
          ],
        },
      );
    }
  }
  return { header, rows };
}
