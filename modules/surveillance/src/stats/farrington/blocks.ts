// Seasonal levels for farringtonFlexible (Noufaily et al. 2013, §3.2; R surveillance `blocks()`):
// the current and past reference windows get level p = noPeriods, and each gap between consecutive
// reference windows is cut into p − 1 consecutive blocks with levels 1 … p − 1.

/** R's from:to, which counts down when from > to. */
function colon(from: number, to: number): number[] {
  const values: number[] = [];
  if (from <= to) for (let v = from; v <= to; v++) values.push(v);
  else for (let v = from; v >= to; v--) values.push(v);
  return values;
}

/**
 * Level of every time point (1-based positions; index 0 unused, NaN = no level) given the reference
 * points [k, ref₁, …, ref_b] (most recent first), the half-window w and p = noPeriods.
 * Throws when a gap is too short for p − 1 blocks (R: "Number of factors too big!").
 */
export function seasonalBlocks(
  referencePoints: readonly number[],
  length: number,
  w: number,
  p: number,
): Float64Array {
  const levels = new Float64Array(length + 1).fill(Number.NaN);
  const assign = (positions: number[], value: number): void => {
    for (const position of positions) if (position >= 1 && position <= length) levels[position] = value;
  };
  const now = referencePoints[0] ?? 0;
  assign(colon(now - w, now), p);
  for (let i = 1; i < referencePoints.length; i++) {
    const reference = referencePoints[i] ?? 0;
    assign(colon(reference - w, reference + w), p);
    if (p === 1) continue;
    const period = (referencePoints[i - 1] ?? 0) - 2 * w - 1 - reference;
    if (period < p - (2 * w + 1)) throw new Error('Number of factors too big!');
    const blockLength = Math.floor(period / (p - 1));
    const rest = period - blockLength * (p - 1);
    let start = reference + w + 1;
    for (let j = 1; j <= p - 1; j++) {
      const size = blockLength + (j <= rest ? 1 : 0);
      assign(colon(start, start + size - 1), j);
      start += size;
    }
  }
  return levels;
}
