// Test helper: reads the R reference fixtures under modules/surveillance/fixtures (made by make-fixtures.R).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixturesDirectory = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

/** One CSV row keyed by column name; values stay strings ("NA" for R's missing). */
export type FixtureRow = Record<string, string>;

/** Splits one CSV line with optional double quotes (R's write.csv output). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** Reads a fixture CSV (path relative to the fixtures folder) into rows. */
export function readFixtureCsv(relativePath: string): FixtureRow[] {
  const text = readFileSync(fixturesDirectory + relativePath, 'utf8');
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = splitCsvLine(lines[0] ?? '');
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    const row: FixtureRow = {};
    header.forEach((name, index) => {
      row[name] = cells[index] ?? '';
    });
    return row;
  });
}

/** Reads a fixture file as text. */
export function readFixtureText(relativePath: string): string {
  return readFileSync(fixturesDirectory + relativePath, 'utf8');
}

/** R's numeric cell: NA → null, Inf/-Inf/NaN kept as numbers. */
export function numberOrNull(cell: string | undefined): number | null {
  if (cell === undefined || cell === 'NA' || cell === '') return null;
  if (cell === 'Inf') return Infinity;
  if (cell === '-Inf') return -Infinity;
  if (cell === 'NaN') return Number.NaN;
  return Number(cell);
}

/** A numeric cell that must be present. */
export function numberCell(row: FixtureRow, column: string): number {
  const value = numberOrNull(row[column]);
  if (value === null) throw new Error(`fixture cell ${column} is NA`);
  return value;
}

/** R's logical cell: TRUE/FALSE/1/0, NA → null. */
export function booleanOrNull(cell: string | undefined): boolean | null {
  if (cell === undefined || cell === 'NA' || cell === '') return null;
  return cell === 'TRUE' || cell === '1';
}

/** |actual − expected| ≤ tolerance · max(1e-300, |expected|), with matching NA/NaN/∞. */
export function relativelyClose(actual: number | null, expected: number | null, tolerance: number): boolean {
  if (expected === null || Number.isNaN(expected)) return actual === null || Number.isNaN(actual);
  if (actual === null) return false;
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= tolerance * Math.max(1e-300, Math.abs(expected));
}
