// Turns the CLI's CSV inputs into count series: `t,count` (a 1-based index), `date,count` (regular
// dates at the series frequency) or `area,indicator,date,count` (many series on one date grid).
import { AppError, invalidField, parseIsoDate } from '@shuzhi/core';
import type { CsvRow, CsvTable } from './csv.js';

export type SeriesInputShape = 't' | 'date' | 'panel';

export interface LabelledSeries {
  area: string | null;
  indicator: string | null;
  observed: number[];
}

export interface SeriesInput {
  shape: SeriesInputShape;
  /** Dates of the common grid (date and panel shapes). */
  dates: string[] | null;
  series: LabelledSeries[];
}

const SHAPES: Record<SeriesInputShape, string[]> = {
  t: ['t', 'count'],
  date: ['date', 'count'],
  panel: ['area', 'indicator', 'date', 'count'],
};

const DAY_MS = 86_400_000;

/** Which of the accepted headers this is (case-insensitive), or an error naming them. */
export function inputShape(table: CsvTable, allowed: readonly SeriesInputShape[]): SeriesInputShape {
  const header = table.header.map((name) => name.toLowerCase());
  for (const shape of allowed) {
    const wanted = SHAPES[shape];
    if (header.length === wanted.length && wanted.every((name, i) => header[i] === name)) return shape;
  }
  const accepted = allowed.map((shape) => SHAPES[shape].join(',')).join(' or ');
  throw invalidField(1, 'header', `expected ${accepted}, got ${table.header.join(',')}`);
}

function cell(row: CsvRow, index: number): string {
  return (row.cells[index] ?? '').trim();
}

/** A count: a non-negative integer. */
export function parseCount(row: CsvRow, index: number, column: string): number {
  const text = cell(row, index);
  if (!/^\d+$/.test(text))
    throw invalidField(row.line, column, `expected a non-negative integer count, got "${text}"`);
  return Number(text);
}

function parseDate(row: CsvRow, index: number): string {
  const text = cell(row, index);
  const date = parseIsoDate(text);
  if (date === null)
    throw invalidField(row.line, 'date', `expected a calendar date YYYY-MM-DD, got "${text}"`);
  return date;
}

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

/** The date one step after `date` at this frequency, or null when dates cannot express it. */
export function nextDate(date: string, frequency: number): string | null {
  const day = dayNumber(date);
  if (frequency === 365) return new Date((day + 1) * DAY_MS).toISOString().slice(0, 10);
  if (frequency === 52) return new Date((day + 7) * DAY_MS).toISOString().slice(0, 10);
  if (frequency === 12) {
    const d = new Date(day * DAY_MS);
    const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
    return next.getUTCDate() === d.getUTCDate() ? next.toISOString().slice(0, 10) : null;
  }
  return null;
}

/** Checks that sorted dates advance one epoch at a time (daily, weekly or monthly). */
function checkRegular(dates: readonly string[], lines: readonly number[], frequency: number): void {
  if (![365, 52, 12].includes(frequency)) {
    throw new AppError(
      'invalid_input',
      `dated input needs frequency 52 (weekly), 12 (monthly) or 365 (daily), got ${frequency}`,
      {
        issues: [{ field: 'frequency', reason: 'dates need a calendar frequency' }],
      },
    );
  }
  const step = frequency === 365 ? 'one day' : frequency === 52 ? 'seven days' : 'one month';
  for (let i = 1; i < dates.length; i++) {
    const previous = dates[i - 1] as string;
    const expected = nextDate(previous, frequency);
    if (expected !== dates[i]) {
      throw invalidField(
        lines[i],
        'date',
        `expected ${expected ?? 'a date ' + step + ' later'} after ${previous} (dates must be ${step} apart with no gaps)`,
      );
    }
  }
}

/** Reads `t,count`: t must run 1, 2, 3, … in order (R's time index). */
function readIndexed(table: CsvTable): SeriesInput {
  const observed = table.rows.map((row, i) => {
    const t = cell(row, 0);
    if (t !== String(i + 1))
      throw invalidField(row.line, 't', `expected t = ${i + 1} (a consecutive 1-based index), got "${t}"`);
    return parseCount(row, 1, 'count');
  });
  return { shape: 't', dates: null, series: [{ area: null, indicator: null, observed }] };
}

/** Reads `date,count`: dates in order, one epoch apart. */
function readDated(table: CsvTable, frequency: number): SeriesInput {
  const dates = table.rows.map((row) => parseDate(row, 0));
  checkRegular(
    dates,
    table.rows.map((row) => row.line),
    frequency,
  );
  const observed = table.rows.map((row) => parseCount(row, 1, 'count'));
  return { shape: 'date', dates, series: [{ area: null, indicator: null, observed }] };
}

/** What to do with an (area, indicator) that has no row for a date of the grid. */
export type MissingRows = 'error' | 'zero';

/** Reads `area,indicator,date,count`: one series per (area, indicator), all on the union date grid. */
function readPanel(table: CsvTable, frequency: number, missing: MissingRows): SeriesInput {
  const keyed = new Map<string, { area: string; indicator: string; counts: Map<string, number> }>();
  const dateLines = new Map<string, number>();
  for (const row of table.rows) {
    const area = cell(row, 0);
    const indicator = cell(row, 1);
    if (area === '') throw invalidField(row.line, 'area', 'must not be empty');
    if (indicator === '') throw invalidField(row.line, 'indicator', 'must not be empty');
    const date = parseDate(row, 2);
    const count = parseCount(row, 3, 'count');
    const key = JSON.stringify([area, indicator]);
    let entry = keyed.get(key);
    if (!entry) {
      entry = { area, indicator, counts: new Map() };
      keyed.set(key, entry);
    }
    if (entry.counts.has(date))
      throw invalidField(row.line, 'date', `a second row for ${area}/${indicator} on ${date}`);
    entry.counts.set(date, count);
    if (!dateLines.has(date)) dateLines.set(date, row.line);
  }
  const dates = [...dateLines.keys()].sort();
  checkRegular(
    dates,
    dates.map((date) => dateLines.get(date) ?? 0),
    frequency,
  );
  const series = [...keyed.values()].map(({ area, indicator, counts }) => ({
    area,
    indicator,
    observed: dates.map((date) => {
      const count = counts.get(date);
      if (count !== undefined) return count;
      if (missing === 'zero') return 0;
      throw new AppError('invalid_input', `series ${area}/${indicator} has no row for ${date}`, {
        issues: [
          {
            record: `${area}/${indicator}`,
            field: 'date',
            reason: `no count for ${date} (every series needs every date)`,
          },
        ],
      });
    }),
  }));
  return { shape: 'panel', dates, series };
}

/** Reads a series input of one of the allowed shapes. */
export function readSeriesInput(
  table: CsvTable,
  options: { frequency: number; allowed: readonly SeriesInputShape[]; missing?: MissingRows },
): SeriesInput {
  if (table.rows.length === 0) throw invalidField(2, 'count', 'the input has a header but no data rows');
  const shape = inputShape(table, options.allowed);
  if (shape === 't') return readIndexed(table);
  if (shape === 'date') return readDated(table, options.frequency);
  return readPanel(table, options.frequency, options.missing ?? 'error');
}
