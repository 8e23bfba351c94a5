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
 * Builds the table: the columns the list's item schema declares (so an empty list or a field no item has still
 * has its column), then any other field met, in the order first met, so no item loses one.
 */
export function tableOf(items: readonly unknown[], declared: readonly string[] = []): Table {
  const flat = items.map((item) => flattenItem(item));
  const columns: string[] = [...declared];
  const seen = new Set<string>(declared);
  // A null nested object flattens to its own name; its declared `a.b` columns already stand for it.
  const standsFor = (key: string) => declared.some((column) => column.startsWith(`${key}.`));
  for (const row of flat) {
    for (const key of row.keys()) {
      if (!seen.has(key) && !standsFor(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return { columns, rows: flat.map((row) => columns.map((column) => row.get(column) ?? '')) };
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

/** CSV per RFC 4180 (CRLF line ends, quoted fields), UTF-8 with a BOM so Excel reads Chinese correctly. */
export function toCsv(table: Table): Buffer {
  const lines = [table.columns.map((c) => csvField(guardFormula(c))).join(',')];
  for (const row of table.rows) lines.push(row.map((cell) => csvField(guardFormula(cell))).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
