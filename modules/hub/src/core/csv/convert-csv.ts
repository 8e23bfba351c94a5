/**
 * Converts a CSV file to normalised hub records with a template: checks the header (one clear error naming
 * the expected header), each field's type, then the template's row rules; collects every error with its
 * line and column, and the warnings of the rows it converts (a value kept though doubtful). Works on chunks, so large files stream through with bounded memory.
 */
import type { HubRecord } from '../records.js';
import { CsvReader, isCsvSyntaxError, type CsvItem } from './csv-reader.js';
import type { CsvImportContext, CsvRowError, CsvTemplate } from './csv-template.js';
import { coded, type CodedReason } from '../reasons.js';
import { parseField } from './column-parsers.js';
import { ParsedRow, type ColumnValue } from './parsed-row.js';

export interface ConvertedRow<R extends HubRecord = HubRecord> {
  line: number;
  records: R[];
}

export interface CsvConversion<R extends HubRecord = HubRecord> {
  rows: ConvertedRow<R>[];
  errors: CsvRowError[];
  /** Problems of converted rows that did not refuse them (a refused row's warnings are left out). */
  warnings: CsvRowError[];
}

/** The header line a template expects, e.g. `person_id,venue_id,check_in,check_out[,zone]`. */
export function expectedHeader(template: CsvTemplate): string {
  const names = template.columns.map((c) => c.name);
  const required = names.slice(0, names.length - template.optionalTrailingColumns).join(',');
  const optional = names.slice(names.length - template.optionalTrailingColumns);
  return optional.length === 0 ? required : `${required}[,${optional.join(',')}]`;
}

/** Streams a CSV file through a template: push chunks, then end. */
export class CsvTemplateConverter<R extends HubRecord = HubRecord> {
  private readonly reader = new CsvReader();
  private headerColumns: number | null = null;
  private headerFailed = false;
  /** Where each template column is in the file's rows (-1: an optional column the file leaves out). */
  private positions: number[] = [];

  constructor(
    private readonly template: CsvTemplate<R>,
    private readonly context: CsvImportContext,
  ) {}

  push(chunk: string): CsvConversion<R> {
    return this.convert(this.reader.push(chunk));
  }

  end(): CsvConversion<R> {
    const result = this.convert(this.reader.end());
    if (this.headerColumns === null && !this.headerFailed) {
      result.errors.push({ line: 1, ...coded('csv-empty', { expected: expectedHeader(this.template) }) });
    }
    return result;
  }

  private convert(items: CsvItem[]): CsvConversion<R> {
    const result: CsvConversion<R> = { rows: [], errors: [], warnings: [] };
    for (const item of items) {
      if (this.headerFailed) break;
      if (isCsvSyntaxError(item)) {
        const { error, ...code } = item;
        result.errors.push({ ...code, reason: error });
        continue;
      }
      if (this.headerColumns === null) {
        const problem = this.checkHeader(item.fields);
        if (problem) {
          this.headerFailed = true;
          result.errors.push({ line: item.line, ...problem });
          break;
        }
        this.headerColumns = item.fields.length;
        this.positions = this.positionsIn(item.fields);
        continue;
      }
      const converted = this.convertRow(item.line, item.fields);
      if ('errors' in converted) result.errors.push(...converted.errors);
      else {
        result.rows.push(converted.row);
        result.warnings.push(...converted.warnings);
      }
    }
    return result;
  }

  /**
   * The header names the template's columns, in any order (an institution's export may order them its own
   * way) and in any letter case; each once, the optional trailing ones may be left out. A refusal names the
   * columns missing, unknown or repeated.
   */
  private checkHeader(fields: string[]): CodedReason | null {
    const names = this.template.columns.map((c) => c.name);
    const optional = new Set(names.slice(names.length - this.template.optionalTrailingColumns));
    const given = fields.map(headerName);
    const known = new Set(names);
    const problems: string[] = [];
    const missing = names.filter((n) => !optional.has(n) && !given.includes(n));
    const unknown = given.filter((n) => !known.has(n));
    const repeated = [...new Set(given.filter((n, k) => given.indexOf(n) !== k))];
    if (missing.length > 0) problems.push(`missing ${missing.join(', ')}`);
    if (unknown.length > 0) problems.push(`unknown ${unknown.map((n) => n || '(empty)').join(', ')}`);
    if (repeated.length > 0) problems.push(`repeated ${repeated.join(', ')}`);
    return problems.length === 0
      ? null
      : coded('csv-header', { expected: expectedHeader(this.template), problems: problems.join('; ') });
  }

  private positionsIn(fields: string[]): number[] {
    const given = fields.map(headerName);
    return this.template.columns.map((c) => given.indexOf(c.name));
  }

  private convertRow(
    line: number,
    fields: string[],
  ): { row: ConvertedRow<R>; warnings: CsvRowError[] } | { errors: CsvRowError[] } {
    if (fields.length !== this.headerColumns) {
      return {
        errors: [
          { line, ...coded('csv-field-count', { expected: this.headerColumns ?? 0, found: fields.length }) },
        ],
      };
    }
    const errors: CsvRowError[] = [];
    const values = new Map<string, ColumnValue>();
    this.template.columns.forEach((column, k) => {
      const at = this.positions[k] ?? -1;
      const text = at >= 0 && at < fields.length ? fields[at]!.trim() : '';
      if (text === '') {
        if (column.required) errors.push({ line, column: column.name, ...coded('required') });
        return;
      }
      const parsed = parseField(text, column.type);
      if ('reason' in parsed) errors.push({ line, column: column.name, ...parsed });
      else values.set(column.name, parsed.value);
    });
    if (errors.length > 0) return { errors };
    const row = new ParsedRow(line, values);
    const records = this.template.toRecords(row, this.context);
    if (!Array.isArray(records)) return { errors: records.errors.map((e) => ({ line, ...e })) };
    return { row: { line, records }, warnings: row.warnings.map((w) => ({ line, ...w })) };
  }
}

function headerName(field: string): string {
  return field.trim().toLowerCase();
}

/** Converts a whole CSV text (see `CsvTemplateConverter` for streams). */
export function convertCsv<R extends HubRecord>(
  template: CsvTemplate<R>,
  text: string,
  context: CsvImportContext,
): CsvConversion<R> {
  const converter = new CsvTemplateConverter(template, context);
  const first = converter.push(text);
  const last = converter.end();
  return {
    rows: [...first.rows, ...last.rows],
    errors: [...first.errors, ...last.errors],
    warnings: [...first.warnings, ...last.warnings],
  };
}
