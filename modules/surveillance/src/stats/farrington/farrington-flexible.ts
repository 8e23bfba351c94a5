// farringtonFlexible (Salmon, Schumacher & Höhle 2016, JSS 70(10)) with the improvements of Noufaily
// et al. (2013, Stat Med 32:1206–1222): all baseline weeks with a noPeriods-level seasonal factor,
// exclusion of recent weeks, a trend test threshold, and negative binomial quantile thresholds —
// reproducing R surveillance 1.20.3 output, including its dispersion quirk (see `reproduceRQuirks`).
import { qnorm } from '../distributions/normal.js';
import { pt } from '../distributions/student-t.js';
import { logLinkInverse } from '../glm/family.js';
import { trendModelDispersion } from './trend-model.js';
import { checkRange, invalidControl, requireCount, requireProbability } from '../control-errors.js';
import type { CountSeries, DetectionPoint, DetectionResult, MonitoredRange } from '../series.js';
import { naToNull, rangeIndices } from '../series.js';
import { seasonalBlocks } from './blocks.js';
import { dayNumber } from './calendar.js';
import { recentCases } from './farrington.js';
import type { FarringtonEngineOptions } from './farrington.js';
import { fitFarringtonModel } from './farrington-model.js';
import type { FarringtonModel, ReferenceData } from './farrington-model.js';
import { flexibleReferenceIndices } from './reference-points.js';
import { countQuantileThreshold, powerTransformThreshold } from './thresholds.js';
import type { PowerTransformation } from './thresholds.js';

export type ThresholdMethod = 'delta' | 'nbPlugin' | 'muan';

/** R's farringtonFlexible control (same names and defaults). */
export interface FarringtonFlexibleControl {
  /** Default (freq·b + w + 1):n. */
  range: MonitoredRange;
  b: number;
  w: number;
  reweight: boolean;
  weightsThreshold: number;
  /** One-sided level. */
  alpha: number;
  trend: boolean;
  pThresholdTrend: number;
  limit54: readonly [number, number];
  powertrans: PowerTransformation;
  fitFun: 'algo.farrington.fitGLM.flexible';
  populationOffset: boolean;
  noPeriods: number;
  /** Default w. */
  pastWeeksNotIncluded: number;
  thresholdMethod: ThresholdMethod;
  /** Accepted for compatibility with R control lists; has no effect on results. */
  glmWarnings: boolean;
  /** Accepted for compatibility with R control lists; has no effect on results. */
  verbose: boolean;
  /**
   * true (default): as R 1.20.3–1.26.0, the trend p-value and se(μ̂₀) use the dispersion
   * Σω r²/df left by `model$weights <- omega` (research/earlywarning.md §2.3, quirk Q);
   * false: they use φ, as the method intends.
   */
  reproduceRQuirks: boolean;
}

/** The point output with R's control extras (score, pvalue, mu0Vector, phiVector, trend, trendVector). */
export interface FarringtonFlexiblePoint extends DetectionPoint {
  pvalue: number | null;
  score: number | null;
  mu0: number | null;
  phi: number | null;
  /** 1 if the trend was kept, 0 if not, null if no model could be fitted. */
  trend: number | null;
  trendCoef: number | null;
}

const ALGORITHM = 'farringtonFlexible';

/** Fills R's defaults and validates a farringtonFlexible control. */
export function resolveFarringtonFlexibleControl(
  series: CountSeries,
  control: Partial<FarringtonFlexibleControl> = {},
): FarringtonFlexibleControl {
  const b = control.b ?? 5;
  const w = control.w ?? 3;
  requireCount(ALGORITHM, 'b', b);
  requireCount(ALGORITHM, 'w', w);
  if (b < 1) throw invalidControl(ALGORITHM, 'b', 'must be at least 1');
  const alpha = control.alpha ?? 0.05;
  requireProbability(ALGORITHM, 'alpha', alpha);
  const noPeriods = control.noPeriods ?? 1;
  if (!Number.isInteger(noPeriods) || noPeriods < 1)
    throw invalidControl(ALGORITHM, 'noPeriods', 'must be a positive integer');
  const pastWeeksNotIncluded = control.pastWeeksNotIncluded ?? w;
  requireCount(ALGORITHM, 'pastWeeksNotIncluded', pastWeeksNotIncluded);
  const limit54 = control.limit54 ?? [5, 4];
  if (!(limit54[0] >= 0 && limit54[1] > 0)) {
    throw invalidControl(
      ALGORITHM,
      'limit54',
      'The limit54 arguments are out of bounds: cases >= 0 and period > 0.',
    );
  }
  const thresholdMethod = control.thresholdMethod ?? 'delta';
  if (!['delta', 'nbPlugin', 'muan'].includes(thresholdMethod)) {
    throw invalidControl(
      ALGORITHM,
      'thresholdMethod',
      `must be one of delta, nbPlugin, muan, got ${String(thresholdMethod)}`,
    );
  }
  const powertrans = control.powertrans ?? '2/3';
  if (!['2/3', '1/2', 'none'].includes(powertrans)) {
    throw invalidControl(
      ALGORITHM,
      'powertrans',
      `must be one of "2/3", "1/2", "none", got ${String(powertrans)}`,
    );
  }
  const fitFun = control.fitFun ?? 'algo.farrington.fitGLM.flexible';
  if (fitFun !== 'algo.farrington.fitGLM.flexible') {
    throw invalidControl(ALGORITHM, 'fitFun', 'must be algo.farrington.fitGLM.flexible');
  }
  const weightsThreshold = control.weightsThreshold ?? 2.58;
  const pThresholdTrend = control.pThresholdTrend ?? 0.05;
  const n = series.observed.length;
  const range = control.range ?? [series.frequency * b + w + 1, n];
  const history = series.dates ? 0 : series.frequency * b + w;
  checkRange(ALGORITHM, range, n, history);
  if (pastWeeksNotIncluded > range[0] - 1) {
    throw invalidControl(
      ALGORITHM,
      'pastWeeksNotIncluded',
      `must be below the first monitored index ${range[0]}`,
    );
  }
  return {
    range,
    b,
    w,
    reweight: control.reweight ?? true,
    weightsThreshold,
    alpha,
    trend: control.trend ?? true,
    pThresholdTrend,
    limit54,
    powertrans,
    fitFun,
    populationOffset: control.populationOffset ?? false,
    noPeriods,
    pastWeeksNotIncluded,
    thresholdMethod,
    glmWarnings: control.glmWarnings ?? true,
    verbose: control.verbose ?? false,
    reproduceRQuirks: control.reproduceRQuirks ?? true,
  };
}

/** The GLM data of time point k: the blocks that are neither excluded nor missing. */
function referenceData(
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
function maximum(values: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > max) max = values[i] as number;
  return max;
}

/** The dispersion that R's summary.glm/predict.glm see after farringtonFlexible's fit (see control doc). */
function standardErrorDispersion(
  model: FarringtonModel,
  response: Float64Array,
  reproduceRQuirks: boolean,
): number {
  if (!reproduceRQuirks) return model.phi;
  return trendModelDispersion(model.fit, response, model.priorWeights ?? model.fit.workingWeights);
}

function missingPoint(t: number, observed: number): FarringtonFlexiblePoint {
  return {
    t,
    observed,
    expected: null,
    upperbound: null,
    alarm: null,
    pvalue: null,
    score: null,
    mu0: null,
    phi: null,
    trend: null,
    trendCoef: null,
  };
}

/** Runs farringtonFlexible over the monitored range. */
export function farringtonFlexible(
  series: CountSeries,
  control: Partial<FarringtonFlexibleControl> = {},
  engine: FarringtonEngineOptions = {},
): DetectionResult<FarringtonFlexibleControl, FarringtonFlexiblePoint> {
  const resolved = resolveFarringtonFlexibleControl(series, control);
  const { alpha, limit54, thresholdMethod } = resolved;
  const y = series.observed;
  const epochDays = series.dates?.map(dayNumber);
  const modelOptions = {
    reweight: resolved.reweight,
    weightsThreshold: resolved.weightsThreshold,
    onNonConvergence: 'fail',
    solver: engine.solver ?? 'grouped',
  } as const;

  const points = rangeIndices(resolved.range).map((k): FarringtonFlexiblePoint => {
    const observed = y[k - 1] ?? 0;
    const { data, predictionLevel, predictionTime, predictionOffset } = referenceData(
      series,
      resolved,
      k,
      epochDays,
    );
    let model = fitFarringtonModel(data, { ...modelOptions, timeTrend: resolved.trend });
    if (model === null) return missingPoint(k, observed);
    let doTrend = false;
    if (model.fit.hasTrend) {
      const dispersion = standardErrorDispersion(model, data.response, resolved.reproduceRQuirks);
      const statistic = model.fit.slope / Math.sqrt(dispersion * model.fit.slopeUnscaledVariance);
      const significant = 2 * pt(-Math.abs(statistic), model.fit.dfResidual) < resolved.pThresholdTrend;
      const muHat = logLinkInverse(model.fit.predict(predictionLevel, predictionTime, predictionOffset).eta);
      doTrend = resolved.b >= 3 && significant && muHat <= maximum(data.response);
      if (!doTrend) {
        model = fitFarringtonModel(data, { ...modelOptions, timeTrend: false });
        if (model === null) return missingPoint(k, observed);
      }
    }
    const prediction = model.fit.predict(predictionLevel, predictionTime, predictionOffset);
    const seEta =
      Math.sqrt(standardErrorDispersion(model, data.response, resolved.reproduceRQuirks)) *
      prediction.unscaledStandardError;
    const responseScale = thresholdMethod === 'delta';
    const predFit = responseScale ? logLinkInverse(prediction.eta) : prediction.eta;
    const predSe = responseScale ? seEta * logLinkInverse(prediction.eta) : seEta;

    let upper: number | null;
    let pvalue: number | null;
    if (responseScale) {
      const threshold = powerTransformThreshold({
        mu0: predFit,
        seMu0: predSe,
        phi: model.phi,
        quantileLevel: 1 - alpha,
        powertrans: resolved.powertrans,
        y: observed,
      });
      upper = naToNull(threshold.upper);
      pvalue = naToNull(threshold.upperTailProbability);
    } else {
      const mean =
        thresholdMethod === 'nbPlugin' ? Math.exp(predFit) : Math.exp(qnorm(1 - alpha, predFit, predSe));
      const threshold = countQuantileThreshold(mean, model.phi, alpha, observed);
      upper = threshold.upper;
      pvalue = threshold.pValue;
    }
    const score = upper === null ? null : (observed - predFit) / (upper - predFit);
    const enoughCases = recentCases(y, k, limit54[1]) >= limit54[0];
    const exceedance = enoughCases ? score : null;
    const expected = upper !== null && enoughCases ? (responseScale ? predFit : Math.exp(predFit)) : null;
    const mu0 =
      thresholdMethod === 'nbPlugin' ? Math.exp(predFit) : Math.exp(qnorm(1 - alpha, predFit, predSe));
    return {
      t: k,
      observed,
      expected,
      upperbound: enoughCases ? upper : null,
      alarm: exceedance !== null && exceedance > 1 && observed !== 0,
      pvalue,
      score: naToNull(score ?? undefined),
      mu0: naToNull(mu0),
      phi: model.phi,
      trend: doTrend ? 1 : 0,
      trendCoef: doTrend ? model.fit.slope : null,
    };
  });
  return { control: resolved, points };
}
