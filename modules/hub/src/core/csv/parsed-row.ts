/**
 * A CSV row after each column passed its type check: typed values by column name, so that template
 * converters read `row.text('venue_id')` or `row.number('count')` without parsing again; and the warnings
 * a converter notes on it (a value kept though doubtful), which do not refuse the row.
 */
import type { CodedReason } from '../reasons.js';

export type ColumnValue = string | number | boolean | string[];

/** A problem with one field that the row is imported despite, by column. */
export interface RowWarning extends CodedReason {
  column: string;
}

export class ParsedRow {
  private readonly noted: RowWarning[] = [];

  constructor(
    readonly line: number,
    private readonly values: ReadonlyMap<string, ColumnValue>,
  ) {}

  /** Notes a doubt about a field the row keeps (the import report lists it beside the refused rows). */
  warn(column: string, reason: CodedReason): void {
    this.noted.push({ column, ...reason });
  }

  get warnings(): readonly RowWarning[] {
    return this.noted;
  }

  has(column: string): boolean {
    return this.values.has(column);
  }

  /** A text value (also dates, instants, codes); undefined when the field was empty or absent. */
  text(column: string): string | undefined {
    const value = this.values.get(column);
    return typeof value === 'string' ? value : undefined;
  }

  /** A value the column requires: present by construction, since empty required fields are rejected. */
  requiredText(column: string): string {
    const value = this.text(column);
    if (value === undefined) throw new Error(`column ${column} has no text value on line ${this.line}`);
    return value;
  }

  requiredNumber(column: string): number {
    const value = this.number(column);
    if (value === undefined) throw new Error(`column ${column} has no number on line ${this.line}`);
    return value;
  }

  number(column: string): number | undefined {
    const value = this.values.get(column);
    return typeof value === 'number' ? value : undefined;
  }

  boolean(column: string): boolean | undefined {
    const value = this.values.get(column);
    return typeof value === 'boolean' ? value : undefined;
  }

  list(column: string): string[] {
    const value = this.values.get(column);
    return Array.isArray(value) ? value : [];
  }
}
