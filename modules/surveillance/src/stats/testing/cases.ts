// Test helper: the R fixture cases (fixtures/cases_<section>.csv) with their input series, and a
// comparison that reports every disagreement between our output and R's.
import type { CountSeries, DetectionPoint } from '../series.js';
import { booleanOrNull, numberOrNull, readFixtureCsv, relativelyClose } from './fixtures.js';
import type { FixtureRow } from './fixtures.js';

export interface FixtureCase {
  name: string;
  algorithm: string;
  dataset: string;
  units: string[];
  range: [number, number];
  /** R's control list (range removed), with `population: "synthetic"` turned into series data. */
  control: Record<string, unknown>;
  usesPopulation: boolean;
  rows: FixtureRow[];
}

/** All cases of one section of make-fixtures.R. */
export function loadCases(section: string): FixtureCase[] {
  return readFixtureCsv(`cases_${section}.csv`).map((row) => {
    const control = JSON.parse(row.control ?? '{}') as Record<string, unknown>;
    const usesPopulation = control.population === 'synthetic';
    delete control.population;
    return {
      name: row.case ?? '',
      algorithm: row.algorithm ?? '',
      dataset: row.dataset ?? '',
      units: (row.units ?? '').split(';'),
      range: [Number(row.range_from), Number(row.range_to)],
      control,
      usesPopulation,
      rows: readFixtureCsv(`outputs/${row.case}.csv`),
    };
  });
}

const datasetInfo = new Map(readFixtureCsv('inputs/datasets.csv').map((row) => [row.dataset ?? '', row]));
const inputCache = new Map<string, FixtureRow[]>();

/** One unit of a fixture data set as a CountSeries (dates when R's sts had epochAsDate). */
export function loadSeries(dataset: string, unit: string, withPopulation = false): CountSeries {
  const info = datasetInfo.get(dataset);
  if (!info) throw new Error(`unknown data set ${dataset}`);
  let rows = inputCache.get(dataset);
  if (!rows) {
    rows = readFixtureCsv(`inputs/${dataset}.csv`);
    inputCache.set(dataset, rows);
  }
  const observed = rows.map((row) => Number(row[unit]));
  const series: CountSeries = {
    observed,
    frequency: Number(info.frequency),
    start: [Number(info.start_year), Number(info.start_period)],
    ...(info.dates === 'TRUE' ? { dates: rows.map((row) => row.date ?? '') } : {}),
  };
  if (!withPopulation) return series;
  const population = readFixtureCsv(`inputs/${dataset}_population.csv`).map((row) => Number(row.population));
  return { ...series, population };
}

/** How one output column is compared: relative tolerance for numbers, exact for booleans. */
export interface ColumnCheck<P extends DetectionPoint> {
  column: string;
  kind: 'number' | 'boolean';
  tolerance?: number;
  /** Differences up to this absolute amount also pass (for values that are 0 up to rounding). */
  absolute?: number;
  /** Our value for this column of a point. */
  read: (point: P) => number | boolean | null;
}

/** Compares our points for one unit with R's rows; returns human-readable disagreements. */
export function comparePoints<P extends DetectionPoint>(
  reference: { caseName: string; unit: string; rows: readonly FixtureRow[] },
  points: readonly P[],
  checks: readonly ColumnCheck<P>[],
): string[] {
  const { caseName, unit, rows } = reference;
  const problems: string[] = [];
  const unitRows = rows.filter((row) => row.unit === unit);
  if (unitRows.length !== points.length) {
    return [`${caseName}/${unit}: ${points.length} points, R has ${unitRows.length}`];
  }
  unitRows.forEach((row, i) => {
    const point = points[i];
    if (!point) return;
    if (Number(row.t) !== point.t) problems.push(`${caseName}/${unit}: t ${point.t} vs R ${row.t}`);
    for (const check of checks) {
      const mine = check.read(point);
      if (check.kind === 'boolean') {
        const wanted = booleanOrNull(row[check.column]);
        if (mine !== wanted)
          problems.push(
            `${caseName}/${unit} t=${row.t} ${check.column}: ${String(mine)} vs R ${String(wanted)}`,
          );
      } else {
        const wanted = numberOrNull(row[check.column]);
        const value = typeof mine === 'number' ? mine : mine === null ? null : Number(mine);
        const absolutelyClose =
          check.absolute !== undefined &&
          value !== null &&
          wanted !== null &&
          Math.abs(value - wanted) <= check.absolute;
        if (!relativelyClose(value, wanted, check.tolerance ?? 0) && !absolutelyClose) {
          problems.push(
            `${caseName}/${unit} t=${row.t} ${check.column}: ${String(value)} vs R ${String(wanted)}`,
          );
        }
      }
    }
  });
  return problems;
}

/** The control of a fixture case with R's range added back as [from, to]. */
export function controlWithRange<T>(fixture: FixtureCase): Partial<T> {
  return { ...fixture.control, range: fixture.range } as unknown as Partial<T>;
}
