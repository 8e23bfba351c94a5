// The discretised serial interval of EpiEstim (Cori et al. 2013, AJE 178:1505–1512, Web Appendix 11):
// a gamma distribution shifted by one day, integrated against a triangular kernel so that w_k is the
// probability of a serial interval of k days.
import { pgamma } from '../distributions/gamma.js';

/**
 * EpiEstim::discr_si: with a = ((μ−1)/σ)², b = σ²/(μ−1) and F_a the Gamma(a, scale b) CDF (0 below 0),
 * w_k = k F_a(k) + (k−2) F_a(k−2) − 2(k−1) F_a(k−1) + ab [2 F_{a+1}(k−1) − F_{a+1}(k−2) − F_{a+1}(k)],
 * clipped at 0. Requires μ > 1 and σ > 0.
 */
export function discretisedSerialInterval(days: readonly number[], mean: number, sd: number): number[] {
  const shape = ((mean - 1) / sd) ** 2;
  const scale = (sd * sd) / (mean - 1);
  const cdf = (q: number, a: number): number => (q <= 0 ? 0 : pgamma(q, a, scale));
  return days.map((k) => {
    const value =
      k * cdf(k, shape) +
      (k - 2) * cdf(k - 2, shape) -
      2 * (k - 1) * cdf(k - 1, shape) +
      shape * scale * (2 * cdf(k - 1, shape + 1) - cdf(k - 2, shape + 1) - cdf(k, shape + 1));
    return Math.max(0, value);
  });
}

/** Mean and standard deviation Σ k w_k and √(Σ k² w_k − mean²) of a discrete distribution on 0, 1, 2, … */
export function serialIntervalMoments(distribution: readonly number[]): { mean: number; sd: number } {
  let mean = 0;
  let second = 0;
  distribution.forEach((w, k) => {
    mean += w * k;
    second += w * k * k;
  });
  return { mean, sd: Math.sqrt(second - mean * mean) };
}
