/**
 * An RFC 4180 CSV reader that takes text in chunks (a stream, an upload) and yields each record with the
 * physical line it starts on: quoted fields with escaped quotes (`""`), commas and line breaks inside
 * quotes, CRLF or LF or CR line ends, a leading byte-order mark, blank lines skipped.
 */
import { coded, type CodedReason, type ReasonCode, type ReasonParams } from '../reasons.js';

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvSyntaxError {
  line: number;
  error: string;
  /** The error's stable code and parameters (reasons.ts). */
  code: ReasonCode;
  params?: ReasonParams;
}

export type CsvItem = CsvRecord | CsvSyntaxError;

export function isCsvSyntaxError(item: CsvItem): item is CsvSyntaxError {
  return 'error' in item;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Reads CSV text pushed in pieces of any size; records are returned as soon as they are complete. */
export class CsvReader {
  private pending = '';
  private line = 1;
  private started = false;
  private readonly delimiter: number;

  constructor(options: { delimiter?: string } = {}) {
    this.delimiter = (options.delimiter ?? ',').charCodeAt(0);
  }

  /** Adds text; returns the records it completed. */
  push(chunk: string): CsvItem[] {
    return this.parse(chunk, false);
  }

  /** Ends the input; returns the last record, or a syntax error for an unclosed quote. */
  end(): CsvItem[] {
    return this.parse('', true);
  }

  private parse(chunk: string, final: boolean): CsvItem[] {
    let text = this.pending + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const items: CsvItem[] = [];
    const result = parseRecords(text, { startLine: this.line, delimiter: this.delimiter, final }, items);
    this.pending = text.slice(result.consumed);
    this.line = result.line;
    return items;
  }
}

/** Parses a whole CSV text. */
export function parseCsv(text: string, options: { delimiter?: string } = {}): CsvItem[] {
  const reader = new CsvReader(options);
  return [...reader.push(text), ...reader.end()];
}

/**
 * Parses complete records from `text`, appending them to `items`. Returns how much text was consumed
 * (the rest starts an incomplete record) and the line number after it.
 */
function parseRecords(
  text: string,
  state: { startLine: number; delimiter: number; final: boolean },
  items: CsvItem[],
) {
  const { startLine, delimiter, final } = state;
  const n = text.length;
  let i = 0;
  let line = startLine;
  let consumed = 0;
  let consumedLine = line;
  let fields: string[] = [];
  let recordLine = line;

  const endRecord = (at: number): number => {
    // `at` is a line break; returns the index after it (CRLF counts as one break).
    items.push({ line: recordLine, fields });
    fields = [];
    const next = text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
    line++;
    consumed = next;
    consumedLine = line;
    recordLine = line;
    return next;
  };
  const fail = (reason: CodedReason, from: number): number => {
    // Skip to the end of the physical line and report the record as broken.
    let j = from;
    while (j < n && text.charCodeAt(j) !== LF && text.charCodeAt(j) !== CR) j++;
    if (j >= n && !final) return -1;
    items.push({ line: recordLine, ...syntaxError(reason) });
    fields = [];
    const next = j >= n ? n : text.charCodeAt(j) === CR && text.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
    line += j >= n ? 0 : 1;
    consumed = next;
    consumedLine = line;
    recordLine = line;
    return next;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === CR || c === LF) {
      if (c === CR && i + 1 >= n && !final) break; // a CRLF may be split across chunks
      if (fields.length > 0) {
        fields.push(''); // a delimiter right before the line end leaves an empty last field
        i = endRecord(i);
      } else {
        i = c === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1; // blank line
        line++;
        consumed = i;
        consumedLine = line;
        recordLine = line;
      }
      continue;
    }
    if (c === QUOTE) {
      let value = '';
      let from = i + 1;
      let closed = -1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) break;
        if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        if (q + 1 >= n && !final) break; // the next chunk may start with the second quote of ""
        value += text.slice(from, q);
        closed = q;
        break;
      }
      if (closed < 0) {
        if (!final) break;
        items.push({ line: recordLine, ...syntaxError(coded('csv-unclosed-quote')) });
        line += lineBreaks(text, i, n);
        consumed = n;
        consumedLine = line;
        fields = [];
        i = n;
        break;
      }
      line += lineBreaks(text, i, closed);
      fields.push(value);
      const after = closed + 1;
      if (after >= n) {
        if (!final) break;
        items.push({ line: recordLine, fields });
        fields = [];
        consumed = n;
        consumedLine = line;
        i = n;
        break;
      }
      const next = text.charCodeAt(after);
      if (next === delimiter) {
        i = after + 1;
        if (i >= n && final) fields.push('');
      } else if (next === CR || next === LF) {
        if (next === CR && after + 1 >= n && !final) break;
        i = endRecord(after);
      } else {
        const skipped = fail(coded('csv-after-quote', { column: fields.length }), after);
        if (skipped < 0) break;
        i = skipped;
      }
      continue;
    }
    let j = i;
    let ch = c;
    while (j < n && ch !== delimiter && ch !== CR && ch !== LF && ch !== QUOTE) ch = text.charCodeAt(++j);
    if (j < n && ch === QUOTE) {
      const skipped = fail(coded('csv-stray-quote', { column: fields.length + 1 }), j);
      if (skipped < 0) break;
      i = skipped;
      continue;
    }
    if (j >= n) {
      if (!final) break;
      fields.push(text.slice(i, n));
      items.push({ line: recordLine, fields });
      fields = [];
      consumed = n;
      consumedLine = line;
      i = n;
      break;
    }
    fields.push(text.slice(i, j));
    if (ch === delimiter) {
      i = j + 1;
      if (i >= n && final) {
        fields.push('');
        items.push({ line: recordLine, fields });
        fields = [];
        consumed = n;
        consumedLine = line;
      }
    } else {
      if (ch === CR && j + 1 >= n && !final) break;
      i = endRecord(j);
    }
  }
  if (final && fields.length > 0 && consumed < n) {
    items.push({ line: recordLine, fields });
    consumed = n;
    consumedLine = line;
  }
  return { consumed, line: consumedLine };
}

/** Line breaks in text[from, to): CRLF, LF and CR each count once. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(k + 1) !== LF) count++;
  }
  return count;
}

function syntaxError(reason: CodedReason): Omit<CsvSyntaxError, 'line'> {
  return reason.params === undefined
    ? { error: reason.reason, code: reason.code }
    : { error: reason.reason, code: reason.code, params: reason.params };
}
