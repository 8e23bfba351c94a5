// Down-weighting of past outbreaks (Farrington et al. 1996, §3.3): standardised Anscombe residuals of
// the first fit, and weights ω_i = γ s_i⁻² for residuals above the threshold, γ otherwise, with γ
// chosen so that Σω = n.

/**
 * Standardised Anscombe residuals s_i = 3/2 (y_i^{2/3} μ_i^{−1/6} − μ_i^{1/2}) / √(φ (1 − h_i))
 * (Farrington et al. 1996, eq. 4; R surveillance anscombe.residuals).
 */
export function anscombeResiduals(
  y: ArrayLike<number>,
  mu: ArrayLike<number>,
  hat: ArrayLike<number>,
  phi: number,
): Float64Array {
  const residuals = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const m = mu[i] ?? 0;
    const a = 1.5 * (Math.pow(y[i] ?? 0, 2 / 3) * Math.pow(m, -1 / 6) - Math.pow(m, 1 / 2));
    residuals[i] = a / Math.sqrt(phi * (1 - (hat[i] ?? 0)));
  }
  return residuals;
}

/** ω_i = γ s_i⁻² if s_i > threshold else γ, γ = n / Σ(s_i⁻² or 1) (R algo.farrington.assign.weights). */
export function outbreakWeights(residuals: ArrayLike<number>, threshold: number): Float64Array {
  let denominator = 0;
  for (let i = 0; i < residuals.length; i++) {
    const s = residuals[i] ?? 0;
    denominator += s > threshold ? 1 / (s * s) : 1;
  }
  const gamma = residuals.length / denominator;
  const weights = new Float64Array(residuals.length);
  for (let i = 0; i < residuals.length; i++) {
    const s = residuals[i] ?? 0;
    weights[i] = s > threshold ? gamma / (s * s) : gamma;
  }
  return weights;
}
