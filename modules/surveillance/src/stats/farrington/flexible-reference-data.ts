// The data farringtonFlexible's GLM sees for one week: the reference years' windows and the blocks
// between them (Noufaily et al. 2013, §3.2), minus the most recent weeks and missing counts.
import { invalidControl } from '../control-errors.js';
import type { CountSeries } from '../series.js';
import { seasonalBlocks } from './blocks.js';
import type { FarringtonFlexibleControl } from './farrington-flexible-control.js';
import type { ReferenceData } from './farrington-model.js';
import { flexibleReferenceIndices } from './reference-points.js';

const ALGORITHM = 'farringtonFlexible';

/** The GLM data of time point k: the blocks that are neither excluded nor missing. */
export function flexibleReferenceData(
  series: CountSeries,
  control: FarringtonFlexibleControl,
  k: number,
  epochDays: readonly number[] | undefined,
): { data: ReferenceData; predictionLevel: number; predictionTime: number; predictionOffset: number } {
  const n = series.observed.length;
  const references = flexibleReferenceIndices(k, {
    b: control.b,
    frequency: series.frequency,
    ...(epochDays ? { epochDays } : {}),
  });
  // R assigns window positions with `[`, which silently ignores index 0 but fails on negative ones.
  if (references.some((t) => t < 1 || t - control.w < 0)) {
    throw invalidControl(
      ALGORITHM,
      'range',
      `time point ${k}: some reference time points did not exist; decrease 'b' or postpone 'range'`,
    );
  }
  const p = control.noPeriods;
  const levels = seasonalBlocks(references, n, control.w, p);
  for (let t = k - control.pastWeeksNotIncluded; t <= k; t++) if (t >= 1) levels[t] = Number.NaN;
  const rows = new Int32Array(n);
  let count = 0;
  const present = new Uint8Array(p + 1);
  for (let t = 1; t <= n; t++) {
    const value = levels[t] as number;
    const observed = series.observed[t - 1];
    if (Number.isNaN(value) || observed === undefined || Number.isNaN(observed)) continue;
    rows[count++] = t;
    if (value >= 1 && value <= p) present[value] = 1;
  }
  // as.factor(levels): the levels that occur, in increasing order; "1" (or the smallest) is the baseline.
  const factorsUsed = p !== 1;
  const levelIndex = new Int32Array(p + 1).fill(-1);
  let levelCount = 0;
  if (factorsUsed) {
    for (let value = 1; value <= p; value++) if (present[value] === 1) levelIndex[value] = levelCount++;
  } else levelCount = 1;
  const response = new Float64Array(count);
  const time = new Float64Array(count);
  const level = new Int32Array(count);
  const offset = control.populationOffset ? new Float64Array(count) : null;
  // With dates, R measures time in epochs since the first baseline date.
  const firstDay = epochDays ? (epochDays[(rows[0] as number) - 1] as number) : 0;
  const epochLength = epochDays ? (epochDays[1] as number) - (epochDays[0] as number) : 1;
  const timeOf = (t: number): number =>
    epochDays ? ((epochDays[t - 1] as number) - firstDay) / epochLength : t;
  const logPopulation = (t: number): number => Math.log(series.population?.[t - 1] ?? 1);
  for (let r = 0; r < count; r++) {
    const t = rows[r] as number;
    response[r] = series.observed[t - 1] as number;
    time[r] = timeOf(t);
    level[r] = factorsUsed ? (levelIndex[levels[t] as number] as number) : 0;
    if (offset !== null) offset[r] = logPopulation(t);
  }
  const predictionLevel = factorsUsed ? (levelIndex[p] as number) : 0;
  if (predictionLevel < 0) throw invalidControl(ALGORITHM, 'noPeriods', `level ${p} has no data`);
  return {
    data: { response, time, level, levelCount, offset },
    predictionLevel,
    predictionTime: timeOf(k),
    predictionOffset: control.populationOffset ? logPopulation(k) : 0,
  };
}

/** The largest response. */
export function maximum(values: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > max) max = values[i] as number;
  return max;
}
