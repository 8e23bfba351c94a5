/**
 * What a CSV import template is: its columns in order (name, whether a value is required, type, bilingual
 * description, example value), a bilingual description of the file, and a converter from a parsed row to
 * normalised hub records.
 */
import type { IdentifierSystems } from '../identifiers/identifier-systems.js';
import type { ReasonCode, ReasonParams } from '../reasons.js';
import type { HubRecord } from '../records.js';
import type { ParsedRow } from './parsed-row.js';

export interface Bilingual {
  'zh-CN': string;
  en: string;
}

/** How a column's text is checked and what value it becomes. */
export type ColumnType =
  | { kind: 'text'; maxLength?: number; pattern?: RegExp; patternHint?: string }
  /** ISO 8601 date-time with offset → UTC ISO 8601. */
  | { kind: 'instant' }
  /** YYYY-MM-DD. */
  | { kind: 'date' }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'decimal'; min?: number; max?: number }
  | { kind: 'choice'; values: readonly string[] }
  /** true/false, yes/no, 1/0, 是/否. */
  | { kind: 'boolean' }
  /** male/female/other/unknown (also M/F, 男/女). */
  | { kind: 'sex' }
  /** GB 11643 resident ID; kept even when the check digit fails (the record is not refused for a typo). */
  | { kind: 'resident-id' }
  /** COUNTRY:NUMBER → normalised. */
  | { kind: 'passport' }
  /** Mainland mobile → E.164; other numbers kept as written. */
  | { kind: 'phone' }
  /** GB/T 2260 code: 2 (province), 4 (city), 6 (county), 9 (street), 12 (community) or 15 digits (grid). */
  | { kind: 'area-code' }
  /** ISO 3166-1 alpha-2 or alpha-3 → alpha-3. */
  | { kind: 'country' }
  /** Values separated by `;`. */
  | { kind: 'list' };

/**
 * A column spec in one line:
 * `column('venue_id', true, { kind: 'text' }, ['场所编号', 'Venue id', 'V-0042'])` — name, whether a value is
 * required, type, and [Chinese description, English description, example value].
 */
export function column(
  name: string,
  required: boolean,
  type: ColumnType,
  text: readonly [string, string, string],
): ColumnSpec {
  const [zh, en, example] = text;
  return { name, required, type, description: { 'zh-CN': zh, en }, example };
}

export interface ColumnSpec {
  name: string;
  /** A value must be present (an empty field is an error). */
  required: boolean;
  type: ColumnType;
  description: Bilingual;
  /** A value for the example file. */
  example: string;
}

/** One problem with one row: its physical line, the column (when it is about one) and why. */
export interface CsvRowError {
  line: number;
  column?: string;
  reason: string;
  /** The reason's stable code and parameters (see reasons.ts), for a translated error report. */
  code?: ReasonCode;
  params?: ReasonParams;
}

export interface CsvImportContext {
  /** The data source submitting the file (names per-source identifier systems). */
  sourceId: string;
  systems?: IdentifierSystems;
  /** Check-ins without a check-out last this long (default 60 minutes, DESIGN.md check-in CSV). */
  defaultDwellMinutes?: number;
}

export interface CsvTemplate<R extends HubRecord = HubRecord> {
  /** The template's id, also the `shuzhi import KIND` name. */
  id: string;
  title: Bilingual;
  description: Bilingual;
  columns: readonly ColumnSpec[];
  /** How many of the last columns may be left out of the header altogether (e.g. check-ins' `zone`). */
  optionalTrailingColumns: number;
  /** Rows for the example file beyond the one made of the columns' example values. */
  moreExamples?: readonly (readonly string[])[];
  /** Converts a row whose every column passed its type check; returns records or row-level errors. */
  toRecords(row: ParsedRow, context: CsvImportContext): R[] | { errors: Omit<CsvRowError, 'line'>[] };
}
