// Digamma ψ(x) and trigamma ψ'(x) for x > 0, needed by the negative binomial θ estimate (MASS::theta.ml).

const SHIFT_TO = 10;

/** ψ(x): recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the asymptotic series (A&S 6.3.18). */
export function digamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return Number.NaN;
  let shift = 0;
  while (x < SHIFT_TO) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  const series =
    inv2 *
    (1 / 12 -
      inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/** ψ'(x): recurrence ψ'(x) = ψ'(x+1) + 1/x² up to x ≥ 10, then the asymptotic series (A&S 6.4.12). */
export function trigamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return Number.NaN;
  let shift = 0;
  while (x < SHIFT_TO) {
    shift += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv2 *
    inv *
    (1 / 6 -
      inv2 *
        (1 / 30 -
          inv2 * (1 / 42 - inv2 * (1 / 30 - inv2 * (5 / 66 - inv2 * (691 / 2730 - inv2 * (7 / 6)))))));
  return shift + inv + 0.5 * inv2 + series;
}
