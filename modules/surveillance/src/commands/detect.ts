// `shuzhi detect` as a pure function: CSV text and options in, the DESIGN.md output object out, so the
// CLI (and the HTTP API) only read files and print JSON.
import { AppError } from '@shuzhi/core';
import { cusum } from '../stats/cusum.js';
import type { CusumControl } from '../stats/cusum.js';
import { earsC } from '../stats/ears.js';
import type { EarsControl } from '../stats/ears.js';
import { farrington } from '../stats/farrington/farrington.js';
import type { FarringtonControl } from '../stats/farrington/farrington.js';
import { farringtonFlexible } from '../stats/farrington/farrington-flexible.js';
import type { FarringtonFlexibleControl } from '../stats/farrington/farrington-flexible.js';
import { glrnb } from '../stats/glr/glrnb.js';
import type { GlrnbControl } from '../stats/glr/glrnb.js';
import type { CountSeries, DetectionPoint, MonitoredRange } from '../stats/series.js';
import { parseCsv } from './csv.js';
import { detectionAlgorithms, isDetectionAlgorithm, validateDetectionControl } from './detect-control.js';
import type { DetectionAlgorithm } from './detect-control.js';
import { readSeriesInput } from './series-input.js';
import type { MissingRows } from './series-input.js';

export interface DetectOptions {
  /** earsC1, earsC2, earsC3, farringtonFlexible, farrington, cusum or glrnb. */
  algorithm: string;
  /** Observations per year (R's freq); default 52. */
  frequency?: number;
  /** R's 1-based range as [from, to]; default: the algorithm's R default. */
  range?: MonitoredRange;
  /** R's control list with R's names (`--control` JSON). */
  control?: unknown;
  /** Panel input only: a missing (area, indicator, date) row is an error (default) or a zero count. */
  missing?: MissingRows;
}

/** One output point: `t` for indexed input, `date` for dated input. */
export type DetectOutputPoint = ({ t: number } | { date: string }) & {
  observed: number;
  expected: number | null;
  upperbound: number | null;
  alarm: boolean | null;
};

/** `{"algorithm", "points"}` for one series (DESIGN.md, Early warning). */
export interface SingleSeriesDetection {
  algorithm: string;
  points: DetectOutputPoint[];
}

/** `{"algorithm", "series": [{"area", "indicator", "points"}]}` for `area,indicator,date,count` input. */
export interface PanelDetection {
  algorithm: string;
  series: { area: string; indicator: string; points: DetectOutputPoint[] }[];
}

export type DetectOutput = SingleSeriesDetection | PanelDetection;

function runAlgorithm(
  algorithm: DetectionAlgorithm,
  series: CountSeries,
  control: Record<string, unknown>,
): DetectionPoint[] {
  switch (algorithm) {
    case 'earsC1':
    case 'earsC2':
    case 'earsC3':
      return earsC(series, control as Partial<EarsControl>).points;
    case 'farrington':
      return farrington(series, control as Partial<FarringtonControl>).points;
    case 'farringtonFlexible':
      return farringtonFlexible(series, control as Partial<FarringtonFlexibleControl>).points;
    case 'cusum':
      return cusum(series, control as Partial<CusumControl>).points;
    case 'glrnb':
      return glrnb(series, control as Partial<GlrnbControl>).points;
  }
}

function outputPoint(point: DetectionPoint, dates: readonly string[] | null): DetectOutputPoint {
  const where = dates === null ? { t: point.t } : { date: dates[point.t - 1] ?? '' };
  return {
    ...where,
    observed: point.observed,
    expected: point.expected,
    upperbound: point.upperbound,
    alarm: point.alarm,
  };
}

/**
 * Runs one aberration detector over CSV input. `t,count` counts by R's time index; `date,count` (and
 * the panel form) are regular dates at `frequency` and are passed to R's date-aware reference-week
 * logic (farrington, farringtonFlexible), while EARS, CUSUM and GLR work on positions as R does.
 */
export function detectFromCsv(csvText: string, options: DetectOptions): DetectOutput {
  const { algorithm } = options;
  if (!isDetectionAlgorithm(algorithm)) {
    throw new AppError(
      'invalid_input',
      `unknown algorithm ${algorithm}; known: ${detectionAlgorithms.join(', ')}`,
      {
        issues: [{ field: 'algorithm', reason: `must be one of ${detectionAlgorithms.join(', ')}` }],
      },
    );
  }
  const frequency = options.frequency ?? 52;
  if (!Number.isInteger(frequency) || frequency < 1) {
    throw new AppError('invalid_input', `frequency must be a positive integer, got ${frequency}`, {
      issues: [{ field: 'frequency', reason: 'must be a positive integer' }],
    });
  }
  const control = validateDetectionControl(algorithm, options.control);
  if (options.range) control.range = options.range;
  const input = readSeriesInput(parseCsv(csvText), {
    frequency,
    allowed: ['t', 'date', 'panel'],
    ...(options.missing ? { missing: options.missing } : {}),
  });
  const run = (observed: number[]): DetectOutputPoint[] => {
    const series: CountSeries = { observed, frequency, ...(input.dates ? { dates: input.dates } : {}) };
    return runAlgorithm(algorithm, series, control).map((point) => outputPoint(point, input.dates));
  };
  if (input.shape !== 'panel') return { algorithm, points: run(input.series[0]?.observed ?? []) };
  return {
    algorithm,
    series: input.series.map((s) => ({
      area: s.area ?? '',
      indicator: s.indicator ?? '',
      points: run(s.observed),
    })),
  };
}
