/**
 * A CSV row after each column passed its type check: typed values by column name, so that template
 * converters read `row.text('venue_id')` or `row.number('count')` without parsing again.
 */

export type ColumnValue = string | number | boolean | string[];

export class ParsedRow {
  constructor(
    readonly line: number,
    private readonly values: ReadonlyMap<string, ColumnValue>,
  ) {}

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
