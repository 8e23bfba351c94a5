// The original Farrington algorithm (Farrington, Andrews, Beale & Catchpole 1996, JRSS A 159:547–563)
// as R surveillance::algo.farrington computes it: a quasi-Poisson log-linear model on the b·(2w+1)
// reference weeks around the same week in past years, outbreak down-weighting, a trend kept only when
// significant, and a two-sided 2/3-power-transformed prediction bound.
import { pt } from '../distributions/student-t.js';
import { logLinkInverse } from '../glm/family.js';
import { trendModelDispersion } from './trend-model.js';
import type { TrendModelSolver } from './trend-model.js';
import {
  checkRange,
  invalidControl,
  requireCount,
  requirePositive,
  requireProbability,
} from '../control-errors.js';
import type { CountSeries, DetectionPoint, DetectionResult, MonitoredRange } from '../series.js';
import { rangeIndices } from '../series.js';
import { dayNumber } from './calendar.js';
import { fitFarringtonModel } from './farrington-model.js';
import type { FarringtonModel, ReferenceData } from './farrington-model.js';
import { farringtonReferenceIndices } from './reference-points.js';
import { powerTransformThreshold } from './thresholds.js';
import type { PowerTransformation } from './thresholds.js';

export type FarringtonFitFunction =
  'algo.farrington.fitGLM.fast' | 'algo.farrington.fitGLM' | 'algo.farrington.fitGLM.populationOffset';

/** R's algo.farrington control (same names and defaults). */
export interface FarringtonControl {
  /** Default (freq·b − w):n; reference weeks before t = 1 are dropped, as in R. */
  range: MonitoredRange;
  b: number;
  w: number;
  reweight: boolean;
  /** Two-sided: the bound uses z_{1−α/2}. */
  alpha: number;
  trend: boolean;
  /** [cases, weeks]: no alarm unless the last `weeks` weeks hold at least `cases` cases. */
  limit54: readonly [number, number];
  powertrans: PowerTransformation;
  fitFun: FarringtonFitFunction;
}

export interface FarringtonPoint extends DetectionPoint {
  /** Whether the time trend was kept. */
  trend: boolean;
  /** R's control$pd[,1]: Φ((y^e − μ₀^e)/se). */
  pdQuantile: number;
  /** R's control$pd[,2]: the back-transformed median. */
  pdMedian: number;
}

/** How the numbers are computed, not what (R's control is in the control argument). */
export interface FarringtonEngineOptions {
  /** 'grouped' (default, O(n) per IRLS step) or 'dense-qr' (R's glm.fit algorithm), same results. */
  solver?: TrendModelSolver;
}

const ALGORITHM = 'farrington';

/** Fills R's defaults and validates an algo.farrington control. */
export function resolveFarringtonControl(
  series: CountSeries,
  control: Partial<FarringtonControl> = {},
): FarringtonControl {
  const b = control.b ?? 5;
  const w = control.w ?? 3;
  requireCount(ALGORITHM, 'b', b);
  requireCount(ALGORITHM, 'w', w);
  if (b < 1) throw invalidControl(ALGORITHM, 'b', 'must be at least 1');
  const alpha = control.alpha ?? 0.05;
  requireProbability(ALGORITHM, 'alpha', alpha);
  const limit54 = control.limit54 ?? [5, 4];
  if (!(limit54[0] >= 0 && limit54[1] > 0)) {
    throw invalidControl(
      ALGORITHM,
      'limit54',
      'The limit54 arguments are out of bounds: cases >= 0 and period > 0.',
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
  const fitFun = control.fitFun ?? 'algo.farrington.fitGLM.fast';
  const fitFunctions: FarringtonFitFunction[] = [
    'algo.farrington.fitGLM.fast',
    'algo.farrington.fitGLM',
    'algo.farrington.fitGLM.populationOffset',
  ];
  if (!fitFunctions.includes(fitFun)) {
    throw invalidControl(
      ALGORITHM,
      'fitFun',
      `must be one of ${fitFunctions.join(', ')}, got ${String(fitFun)}`,
    );
  }
  requirePositive(ALGORITHM, 'frequency', series.frequency);
  const n = series.observed.length;
  const range = control.range ?? [Math.max(1, series.frequency * b - w), n];
  checkRange(ALGORITHM, range, n, 0);
  if (limit54[1] > range[0])
    throw invalidControl(ALGORITHM, 'range', `must start at ${limit54[1]} or later (limit54)`);
  return {
    range,
    b,
    w,
    reweight: control.reweight ?? true,
    alpha,
    trend: control.trend ?? true,
    limit54,
    powertrans,
    fitFun,
  };
}

/** Sum of y over the `weeks` weeks ending at 1-based k. */
export function recentCases(y: readonly number[], k: number, weeks: number): number {
  let sum = 0;
  for (let t = k - weeks + 1; t <= k; t++) sum += y[t - 1] ?? 0;
  return sum;
}

/** Runs algo.farrington over the monitored range. */
export function farrington(
  series: CountSeries,
  control: Partial<FarringtonControl> = {},
  engine: FarringtonEngineOptions = {},
): DetectionResult<FarringtonControl, FarringtonPoint> {
  const resolved = resolveFarringtonControl(series, control);
  const { b, w, alpha, limit54, powertrans } = resolved;
  const y = series.observed;
  const epochDays = series.dates?.map(dayNumber);
  const population = series.population;
  const useOffset = resolved.fitFun === 'algo.farrington.fitGLM.populationOffset';
  const logPopulation = (t: number): number => (useOffset ? Math.log(population?.[t - 1] ?? 1) : 0);

  const points = rangeIndices(resolved.range).map((k): FarringtonPoint => {
    const reference = farringtonReferenceIndices(k, {
      b,
      w,
      frequency: series.frequency,
      ...(epochDays ? { epochDays } : {}),
    });
    if (reference.length < 3) {
      throw invalidControl(
        ALGORITHM,
        'range',
        `time point ${k} has only ${reference.length} reference values`,
      );
    }
    const data: ReferenceData = {
      response: Float64Array.from(reference, (t) => y[t - 1] ?? 0),
      time: Float64Array.from(reference),
      level: new Int32Array(reference.length),
      levelCount: 1,
      offset: useOffset ? Float64Array.from(reference, logPopulation) : null,
    };
    const options = {
      reweight: resolved.reweight,
      weightsThreshold: 1,
      onNonConvergence: 'continue',
      solver: engine.solver ?? 'grouped',
    } as const;
    let model = fitFarringtonModel(data, { ...options, timeTrend: resolved.trend }) as FarringtonModel;
    let doTrend = resolved.trend;
    if (model.fit.hasTrend) {
      // summary.glm's t test uses the (unfloored) Pearson dispersion of the final fit.
      const dispersion = trendModelDispersion(model.fit, data.response, model.fit.workingWeights);
      const statistic = model.fit.slope / Math.sqrt(dispersion * model.fit.slopeUnscaledVariance);
      const significant = 2 * pt(-Math.abs(statistic), model.fit.dfResidual) < 0.05;
      const muHat = logLinkInverse(model.fit.predict(0, k, logPopulation(k)).eta);
      const noExtrapolation = muHat <= Math.max(...data.response);
      if (!(b >= 3 && significant && noExtrapolation)) {
        doTrend = false;
        model = fitFarringtonModel(data, { ...options, timeTrend: false }) as FarringtonModel;
      }
    } else doTrend = false;
    const prediction = model.fit.predict(0, k, logPopulation(k));
    const mu0 = logLinkInverse(prediction.eta);
    // predict.glm(type = "response", dispersion = φ): se = √φ · √(x₀ᵀVx₀) · dμ/dη.
    const seMu0 = Math.sqrt(model.phi) * prediction.unscaledStandardError * mu0;
    const observed = y[k - 1] ?? 0;
    const threshold = powerTransformThreshold({
      mu0,
      seMu0,
      phi: model.phi,
      quantileLevel: 1 - alpha / 2,
      powertrans,
      y: observed,
    });
    const enoughCases = recentCases(y, k, limit54[1]) >= limit54[0];
    const exceedance = enoughCases ? (observed - mu0) / (threshold.upper - mu0) : 0;
    return {
      t: k,
      observed,
      expected: null,
      upperbound: enoughCases ? threshold.upper : 0,
      alarm: exceedance > 1,
      trend: doTrend,
      pdQuantile: threshold.lowerTailProbability,
      pdMedian: threshold.median,
    };
  });
  return { control: resolved, points };
}
