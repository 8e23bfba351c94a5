// Negative binomial regression with unknown θ, as MASS::glm.nb estimates it: a Poisson start, then
// alternating θ = theta.ml(y, μ) (Newton on the profile score, Lawless 1987) and IRLS at fixed θ until
// the log-likelihood and θ settle (Venables & Ripley 2002, §7.4).
import { digamma, trigamma } from '../special/polygamma.js';
import { logGamma } from '../special/stirling.js';
import { negativeBinomialFamily, poissonFamily } from './family.js';
import { fitGlm } from './glm-fit.js';
import type { DesignColumns, GlmFit } from './glm-fit.js';

/** MASS::theta.ml: maximum-likelihood θ for fixed means, Newton steps until |Δθ| ≤ ε^¼ (at most `limit`). */
export function thetaMaximumLikelihood(
  y: ArrayLike<number>,
  mu: ArrayLike<number>,
  weights: ArrayLike<number>,
  limit = 25,
): number {
  const n = y.length;
  let totalWeight = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] ?? 0;
    totalWeight += w;
    const ratio = (y[i] ?? 0) / (mu[i] ?? 1) - 1;
    start += w * ratio * ratio;
  }
  let theta = totalWeight / start;
  const tolerance = Number.EPSILON ** 0.25;
  let step = 1;
  for (let iteration = 1; iteration < limit && Math.abs(step) > tolerance; iteration++) {
    theta = Math.abs(theta);
    let score = 0;
    let information = 0;
    const digammaTheta = digamma(theta);
    const trigammaTheta = trigamma(theta);
    for (let i = 0; i < n; i++) {
      const w = weights[i] ?? 0;
      const yi = y[i] ?? 0;
      const mi = mu[i] ?? 0;
      score +=
        w *
        (digamma(theta + yi) -
          digammaTheta +
          Math.log(theta) +
          1 -
          Math.log(theta + mi) -
          (yi + theta) / (mi + theta));
      information +=
        w *
        (-trigamma(theta + yi) +
          trigammaTheta -
          1 / theta +
          2 / (mi + theta) -
          (yi + theta) / (mi + theta) ** 2);
    }
    step = score / information;
    theta += step;
  }
  return theta < 0 ? 0 : theta;
}

function negativeBinomialLogLikelihood(
  theta: number,
  mu: ArrayLike<number>,
  y: ArrayLike<number>,
  weights: ArrayLike<number>,
): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] ?? 0;
    const mi = mu[i] ?? 0;
    sum +=
      (weights[i] ?? 0) *
      (logGamma(theta + yi) -
        logGamma(theta) -
        logGamma(yi + 1) +
        theta * Math.log(theta) +
        yi * Math.log(mi + (yi === 0 ? 1 : 0)) -
        (theta + yi) * Math.log(theta + mi));
  }
  return sum;
}

export interface NegativeBinomialFit {
  /** The last IRLS fit (at the θ of the previous alternation, as in MASS). */
  fit: GlmFit;
  theta: number;
  iterations: number;
}

/** Fits a negative binomial GLM with log link and estimated θ, mirroring MASS::glm.nb. */
export function fitNegativeBinomialGlm(
  design: DesignColumns,
  response: ArrayLike<number>,
  maxIterations = 25,
  epsilon = 1e-8,
): NegativeBinomialFit {
  const weights = new Float64Array(response.length).fill(1);
  let fit = fitGlm(design, response, { family: poissonFamily, maxIterations, epsilon });
  let mu = fit.mu;
  let theta = thetaMaximumLikelihood(response, mu, weights, maxIterations);
  const d1 = Math.sqrt(2 * Math.max(1, fit.dfResidual));
  const d2 = 1;
  let change = 1;
  let logLikelihood = negativeBinomialLogLikelihood(theta, mu, response, weights);
  let previousLogLikelihood = logLikelihood + 2 * d1;
  let iteration = 0;
  while (
    (iteration += 1) <= maxIterations &&
    Math.abs(previousLogLikelihood - logLikelihood) / d1 + Math.abs(change) / d2 > epsilon
  ) {
    const eta = mu.map(Math.log);
    fit = fitGlm(design, response, {
      family: negativeBinomialFamily(theta),
      startingEta: eta,
      maxIterations,
      epsilon,
    });
    const previousTheta = theta;
    // MASS re-estimates θ from the means *before* this fit, then updates the means.
    theta = thetaMaximumLikelihood(response, mu, weights, maxIterations);
    mu = fit.mu;
    change = previousTheta - theta;
    previousLogLikelihood = logLikelihood;
    logLikelihood = negativeBinomialLogLikelihood(theta, mu, response, weights);
  }
  return { fit, theta, iterations: iteration };
}
