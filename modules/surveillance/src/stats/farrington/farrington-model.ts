// The quasi-Poisson model behind both Farrington variants: fit, estimate the dispersion, down-weight
// past outbreaks and refit (Farrington et al. 1996, §3.2–3.3), with R's handling of non-convergence.
import type { GroupedTrendDesign } from '../glm/grouped-trend-glm.js';
import { anscombeResiduals, outbreakWeights } from './reweighting.js';
import { fitTrendModel, trendModelDispersion } from './trend-model.js';
import type { TrendModelFit, TrendModelSolver } from './trend-model.js';

/** The reference data of one time point: responses, their times, seasonal levels and offsets. */
export interface ReferenceData {
  response: Float64Array;
  time: Float64Array;
  level: Int32Array;
  levelCount: number;
  offset: Float64Array | null;
}

export interface FarringtonModel {
  fit: TrendModelFit;
  /** φ = max(1, Pearson dispersion) of the final fit. */
  phi: number;
  /** The prior weights of the final fit (ω after reweighting, otherwise null = all ones). */
  priorWeights: Float64Array | null;
}

export interface FarringtonModelOptions {
  timeTrend: boolean;
  reweight: boolean;
  weightsThreshold: number;
  /**
   * What to do when IRLS does not converge even without the trend: 'fail' returns null
   * (farringtonFlexible), 'continue' keeps the unconverged fit (algo.farrington.fitGLM.fast).
   */
  onNonConvergence: 'fail' | 'continue';
  solver?: TrendModelSolver;
}

function designFor(data: ReferenceData, timeTrend: boolean): GroupedTrendDesign {
  return {
    response: data.response,
    level: data.level,
    levelCount: data.levelCount,
    time: timeTrend ? data.time : null,
    offset: data.offset,
  };
}

/** Fits, reweights and refits as R's fitGLM functions do; null when R would return NULL. */
export function fitFarringtonModel(
  data: ReferenceData,
  options: FarringtonModelOptions,
): FarringtonModel | null {
  const solver = options.solver ?? 'grouped';
  let design = designFor(data, options.timeTrend);
  let fit = fitTrendModel(design, null, solver);
  if (!fit.converged) {
    if (options.timeTrend) {
      design = designFor(data, false);
      fit = fitTrendModel(design, null, solver);
    }
    if (!fit.converged && options.onNonConvergence === 'fail') return null;
  }
  let phi = Math.max(trendModelDispersion(fit, data.response, fit.workingWeights), 1);
  if (!options.reweight) return { fit, phi, priorWeights: null };
  const residuals = anscombeResiduals(data.response, fit.mu, fit.hatValues(), phi);
  const omega = outbreakWeights(residuals, options.weightsThreshold);
  fit = fitTrendModel(design, omega, solver);
  phi = Math.max(trendModelDispersion(fit, data.response, fit.workingWeights), 1);
  return { fit, phi, priorWeights: omega };
}
