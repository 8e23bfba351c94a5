// farringtonFlexible (Salmon, Schumacher & Höhle 2016, JSS 70(10)) with the improvements of Noufaily
// et al. (2013, Stat Med 32:1206–1222): all baseline weeks with a noPeriods-level seasonal factor,
// exclusion of recent weeks, a trend test threshold, and negative binomial quantile thresholds —
// reproducing R surveillance 1.20.3 output, including its dispersion quirk (see `reproduceRQuirks`).
import { qnorm } from '../distributions/normal.js';
import { pt } from '../distributions/student-t.js';
import { logLinkInverse } from '../glm/family.js';
import type { CountSeries, DetectionPoint, DetectionResult } from '../series.js';
import { naToNull, rangeIndices } from '../series.js';
import { dayNumber } from './calendar.js';
import { recentCases } from './farrington.js';
import type { FarringtonEngineOptions } from './farrington.js';
import { resolveFarringtonFlexibleControl } from './farrington-flexible-control.js';
import type { FarringtonFlexibleControl } from './farrington-flexible-control.js';
import { fitFarringtonModel } from './farrington-model.js';
import type { FarringtonModel } from './farrington-model.js';
import { flexibleReferenceData, maximum } from './flexible-reference-data.js';
import { countQuantileThreshold, powerTransformThreshold } from './thresholds.js';
import { trendModelDispersion } from './trend-model.js';

export { resolveFarringtonFlexibleControl } from './farrington-flexible-control.js';
export type { FarringtonFlexibleControl, ThresholdMethod } from './farrington-flexible-control.js';

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
    const { data, predictionLevel, predictionTime, predictionOffset } = flexibleReferenceData(
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
