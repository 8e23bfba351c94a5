// Down-weighting of past outbreaks (Farrington et al. 1996, §3.3): standardised Anscombe residuals of
// the first fit, and weights ω_i = γ s_i⁻² for residuals above the threshold, γ otherwise, with γ
// chosen so that Σω = n.

/**
 * Standardised Anscombe residuals s_i = 3/2 (y_i^{2/3} μ_i^{−1/6} − μ_i^{1/2}) / √(φ (1 − h_i))
 * (Farrington et al. 1996, eq. 4; R surveillance anscombe.residuals).
 */
export function anscombeResiduals(
  y: Float64Array,
  mu: Float64Array,
  hat: Float64Array,
  phi: number,
): Float64Array {
  const residuals = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const m = mu[i] as number;
    const yi = y[i] as number;
    const a = 1.5 * ((yi === 0 ? 0 : Math.pow(yi, 2 / 3)) * Math.pow(m, -1 / 6) - Math.sqrt(m));
    residuals[i] = a / Math.sqrt(phi * (1 - (hat[i] as number)));
  }
  return residuals;
}

/** ω_i = γ s_i⁻² if s_i > threshold else γ, γ = n / Σ(s_i⁻² or 1) (R algo.farrington.assign.weights). */
export function outbreakWeights(residuals: Float64Array, threshold: number): Float64Array {
  let denominator = 0;
  for (let i = 0; i < residuals.length; i++) {
    const s = residuals[i] as number;
    denominator += s > threshold ? 1 / (s * s) : 1;
  }
  const gamma = residuals.length / denominator;
  const weights = new Float64Array(residuals.length);
  for (let i = 0; i < residuals.length; i++) {
    const s = residuals[i] as number;
    weights[i] = s > threshold ? gamma / (s * s) : gamma;
  }
  return weights;
}
