// GLM families with the log link, as R defines them (stats::poisson, stats::quasipoisson,
// MASS::negative.binomial(theta)): variance, deviance residuals, starting values, valid means.

/** R's log link clamps μ = e^η and dμ/dη at machine epsilon (stats::make.link("log")). */
export const LOG_LINK_FLOOR = Number.EPSILON;

export function logLinkInverse(eta: number): number {
  return Math.max(Math.exp(eta), LOG_LINK_FLOOR);
}

export interface GlmFamily {
  readonly name: 'poisson' | 'quasipoisson' | 'negative.binomial';
  /** Var(Y) / φ as a function of μ. */
  variance(mu: number): number;
  /** One term of the deviance, 2·wt·(…) (R's family$dev.resids). */
  devianceResidual(y: number, mu: number, weight: number): number;
  /** R's family$initialize: the starting μ for one response. */
  startingMean(y: number): number;
  /** R's family$validmu for one fitted mean. */
  validMean(mu: number): boolean;
  /** θ of the negative binomial family (size), undefined otherwise. */
  readonly theta?: number;
  /** Whether the dispersion is estimated (quasi) or fixed at 1 (summary.glm). */
  readonly estimatesDispersion: boolean;
}

function poissonDevianceResidual(y: number, mu: number, weight: number): number {
  return y > 0 ? 2 * weight * (y * Math.log(y / mu) - (y - mu)) : 2 * weight * mu;
}

const poissonLike = {
  variance: (mu: number) => mu,
  devianceResidual: poissonDevianceResidual,
  startingMean: (y: number) => y + 0.1,
  validMean: (mu: number) => Number.isFinite(mu) && mu > 0,
};

export const poissonFamily: GlmFamily = { name: 'poisson', estimatesDispersion: false, ...poissonLike };
export const quasiPoissonFamily: GlmFamily = {
  name: 'quasipoisson',
  estimatesDispersion: true,
  ...poissonLike,
};

/** MASS::negative.binomial(theta): Var = μ + μ²/θ, starting μ = y + (y = 0)/6. */
export function negativeBinomialFamily(theta: number): GlmFamily {
  return {
    name: 'negative.binomial',
    theta,
    estimatesDispersion: false,
    variance: (mu) => mu + (mu * mu) / theta,
    devianceResidual: (y, mu, weight) =>
      2 * weight * (y * Math.log(Math.max(1, y) / mu) - (y + theta) * Math.log((y + theta) / (mu + theta))),
    startingMean: (y) => y + (y === 0 ? 1 / 6 : 0),
    validMean: (mu) => mu > 0,
  };
}
