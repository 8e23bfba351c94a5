/**
 * Turns the items of a list (JSON objects as a list route returns them) into a table and writes it as CSV
 * (RFC 4180). Pure: no I/O, so the list export and its tests share it.
 */

export type Cell = string | number;

export interface Table {
  columns: string[];
  rows: Cell[][];
}

/**
 * Flattens one item into column → cell: nested objects as `a.b`, arrays joined with `; ` (an array of
 * objects as their JSON), null and undefined as an empty cell, booleans as `true`/`false`.
 */
export function flattenItem(
  item: unknown,
  prefix = '',
  into: Map<string, Cell> = new Map(),
): Map<string, Cell> {
  if (item === null || item === undefined) {
    if (prefix) into.set(prefix, '');
    return into;
  }
  if (Array.isArray(item)) {
    into.set(prefix, item.map((element) => cellText(element)).join('; '));
    return into;
  }
  if (typeof item === 'object') {
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      flattenItem(value, prefix ? `${prefix}.${key}` : key, into);
    }
    return into;
  }
  into.set(prefix, typeof item === 'number' ? item : cellText(item));
  return into;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

/**
 * The columns of an export: those the list's item schema declares (so an empty list or a field no item has
 * still has its column), then any other field met in `sample`, in the order first met. Written before the
 * rows stream, so they are fixed from the schema and the first page: a route's response schema strips fields
 * it does not declare, and a declared field holding an object (an audit entry's `detail`) is one cell.
 */
export function columnsOf(declared: readonly string[], sample: readonly unknown[] = []): string[] {
  const columns: string[] = [...declared];
  const seen = new Set<string>(declared);
  // A null nested object flattens to its own name; its declared `a.b` columns already stand for it. A field
  // inside a declared leaf is in that leaf's cell.
  const covered = (key: string) =>
    declared.some((column) => column.startsWith(`${key}.`) || key.startsWith(`${column}.`));
  for (const item of sample) {
    for (const key of flattenItem(item).keys()) {
      if (!seen.has(key) && !covered(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return columns;
}

/** One item's cells under `columns` (paths `a.b` into nested objects); an object left at a leaf is its JSON. */
export function rowOf(item: unknown, columns: readonly string[]): Cell[] {
  return columns.map((column) => {
    let value: unknown = item;
    for (const segment of column.split('.')) {
      value =
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? (value as Record<string, unknown>)[segment]
          : undefined;
    }
    if (Array.isArray(value)) return value.map((element) => cellText(element)).join('; ');
    return typeof value === 'number' ? value : cellText(value);
  });
}

/** The whole table of a few items at once (the export itself streams `columnsOf` and `rowOf`). */
export function tableOf(items: readonly unknown[], declared: readonly string[] = []): Table {
  const columns = columnsOf(declared, items);
  return { columns, rows: items.map((item) => rowOf(item, columns)) };
}

/**
 * A text cell a spreadsheet would read as a formula (=, +, -, @, and tab or carriage return, which some
 * spreadsheets strip before looking) is prefixed with `'` (OWASP "CSV injection"). Numbers stay numbers.
 */
export function guardFormula(cell: Cell): string {
  if (typeof cell === 'number') return String(cell);
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const BOM = '\uFEFF';

function csvLine(cells: readonly Cell[]): string {
  return `${cells.map((cell) => csvField(guardFormula(cell))).join(',')}\r\n`;
}

/** The start of a CSV file (RFC 4180): UTF-8 with a BOM, so Excel reads Chinese correctly, and the header. */
export function csvHeader(columns: readonly string[]): Buffer {
  return Buffer.from(BOM + csvLine(columns), 'utf8');
}

/** Rows of a CSV file, CRLF-ended, quoted where needed, each cell guarded against formulas. */
export function csvRows(rows: readonly (readonly Cell[])[]): Buffer {
  return Buffer.from(rows.map(csvLine).join(''), 'utf8');
}

/** A whole CSV file of a table. */
export function toCsv(table: Table): Buffer {
  return Buffer.concat([csvHeader(table.columns), csvRows(table.rows)]);
}
