// The quasi-Poisson model behind both Farrington variants: fit, estimate the dispersion, down-weight
// past outbreaks and refit (Farrington et al. 1996, §3.2–3.3), with R's handling of non-convergence.
import {
  fitGroupedTrendGlm,
  groupedTrendDispersion,
  groupedTrendHatValues,
} from '../glm/grouped-trend-glm.js';
import type { GroupedTrendDesign, GroupedTrendFit } from '../glm/grouped-trend-glm.js';
import { anscombeResiduals, outbreakWeights } from './reweighting.js';

/** The reference data of one time point: responses, their times, seasonal levels and offsets. */
export interface ReferenceData {
  response: Float64Array;
  time: Float64Array;
  level: Int32Array;
  levelCount: number;
  offset: Float64Array | null;
}

export interface FarringtonModel {
  fit: GroupedTrendFit;
  design: GroupedTrendDesign;
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
  let design = designFor(data, options.timeTrend);
  let fit = fitGroupedTrendGlm(design);
  if (!fit.converged) {
    if (options.timeTrend) {
      design = designFor(data, false);
      fit = fitGroupedTrendGlm(design);
    }
    if (!fit.converged && options.onNonConvergence === 'fail') return null;
  }
  let phi = Math.max(groupedTrendDispersion(fit, data.response, fit.workingWeights), 1);
  if (!options.reweight) return { fit, design, phi, priorWeights: null };
  const residuals = anscombeResiduals(data.response, fit.mu, groupedTrendHatValues(fit, design), phi);
  const omega = outbreakWeights(residuals, options.weightsThreshold);
  fit = fitGroupedTrendGlm(design, omega);
  phi = Math.max(groupedTrendDispersion(fit, data.response, fit.workingWeights), 1);
  return { fit, design, phi, priorWeights: omega };
}
