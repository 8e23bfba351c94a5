// The in-control mean μ₀,t of the GLR charts (R surveillance's estimateGLRNbHook): a log-linear model
// y ~ 1 [+ t] + Σ_{s=1..S} cos(2sπt/p) + sin(2sπt/p) fitted to the counts before the monitored range —
// Poisson when α = 0, negative binomial with θ = 1/α when α is given, MASS::glm.nb when α is unknown.
import { negativeBinomialFamily, poissonFamily } from '../glm/family.js';
import { fitGlm } from '../glm/glm-fit.js';
import { fitNegativeBinomialGlm } from '../glm/glm-nb.js';

export interface InControlModelSpec {
  /** Number of harmonics. */
  S: number;
  trend: boolean;
  /** Re-estimate μ₀ after each alarm from all data up to it. */
  refit: boolean;
}

export interface InControlFit {
  /** μ₀,t for each t of `predictAt`. */
  mu0: Float64Array;
  /** θ of glm.nb when α was estimated. */
  theta: number | null;
}

export interface InControlRequest {
  observed: readonly number[];
  frequency: number;
  spec: InControlModelSpec;
  /** 0 = Poisson, > 0 = NB with θ = 1/α, null = glm.nb. */
  alpha: number | null;
  /** The model is fitted on t = 1 … trainingEnd. */
  trainingEnd: number;
  /** 1-based times at which μ₀ is predicted. */
  predictAt: readonly number[];
}

/** Fits the in-control model on the counts before the range and predicts μ₀ at the monitored times. */
export function fitInControlModel(request: InControlRequest): InControlFit {
  const { observed, frequency, spec, alpha, trainingEnd, predictAt } = request;
  const row = (t: number): number[] => {
    const values = [1];
    if (spec.trend) values.push(t);
    // Written as in R's formula, cos(2*s*pi/p*t), so the floating-point evaluation order matches.
    for (let s = 1; s <= spec.S; s++)
      values.push(
        Math.cos(((2 * s * Math.PI) / frequency) * t),
        Math.sin(((2 * s * Math.PI) / frequency) * t),
      );
    return values;
  };
  const training = Array.from({ length: trainingEnd }, (_, i) => i + 1);
  const rows = training.map(row);
  const width = rows[0]?.length ?? 1;
  const design = Array.from({ length: width }, (_, j) => rows.map((r) => r[j] ?? 0));
  const y = observed.slice(0, trainingEnd);
  let coefficients: Float64Array;
  let theta: number | null = null;
  if (alpha === null) {
    const nb = fitNegativeBinomialGlm(design, y);
    coefficients = nb.fit.coefficients;
    theta = nb.theta;
  } else {
    const family = alpha === 0 ? poissonFamily : negativeBinomialFamily(1 / alpha);
    coefficients = fitGlm(design, y, { family }).coefficients;
  }
  const mu0 = Float64Array.from(predictAt, (t) => {
    const values = row(t);
    let eta = 0;
    values.forEach((value, j) => {
      const beta = coefficients[j] ?? 0;
      if (!Number.isNaN(beta)) eta += beta * value;
    });
    return Math.max(Math.exp(eta), Number.EPSILON);
  });
  return { mu0, theta };
}
