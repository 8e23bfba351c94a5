// farringtonFlexible's control: R's names and defaults (surveillance 1.20.3), validated with reasons.
import { checkRange, invalidControl, requireCount, requireProbability } from '../control-errors.js';
import type { CountSeries, MonitoredRange } from '../series.js';
import type { PowerTransformation } from './thresholds.js';

export type ThresholdMethod = 'delta' | 'nbPlugin' | 'muan';

/** R's farringtonFlexible control (same names and defaults). */
export interface FarringtonFlexibleControl {
  /** Default (freq·b + w + 1):n. */
  range: MonitoredRange;
  b: number;
  w: number;
  reweight: boolean;
  weightsThreshold: number;
  /** One-sided level. */
  alpha: number;
  trend: boolean;
  pThresholdTrend: number;
  limit54: readonly [number, number];
  powertrans: PowerTransformation;
  fitFun: 'algo.farrington.fitGLM.flexible';
  populationOffset: boolean;
  noPeriods: number;
  /** Default w. */
  pastWeeksNotIncluded: number;
  thresholdMethod: ThresholdMethod;
  /** Accepted for compatibility with R control lists; has no effect on results. */
  glmWarnings: boolean;
  /** Accepted for compatibility with R control lists; has no effect on results. */
  verbose: boolean;
  /**
   * true (default): as R 1.20.3–1.26.0, the trend p-value and se(μ̂₀) use the dispersion
   * Σω r²/df left by `model$weights <- omega` (research/earlywarning.md §2.3, quirk Q);
   * false: they use φ, as the method intends.
   */
  reproduceRQuirks: boolean;
}

const ALGORITHM = 'farringtonFlexible';

/** Fills R's defaults and validates a farringtonFlexible control. */
export function resolveFarringtonFlexibleControl(
  series: CountSeries,
  control: Partial<FarringtonFlexibleControl> = {},
): FarringtonFlexibleControl {
  const b = control.b ?? 5;
  const w = control.w ?? 3;
  requireCount(ALGORITHM, 'b', b);
  requireCount(ALGORITHM, 'w', w);
  if (b < 1) throw invalidControl(ALGORITHM, 'b', 'must be at least 1');
  const alpha = control.alpha ?? 0.05;
  requireProbability(ALGORITHM, 'alpha', alpha);
  const noPeriods = control.noPeriods ?? 1;
  if (!Number.isInteger(noPeriods) || noPeriods < 1)
    throw invalidControl(ALGORITHM, 'noPeriods', 'must be a positive integer');
  const pastWeeksNotIncluded = control.pastWeeksNotIncluded ?? w;
  requireCount(ALGORITHM, 'pastWeeksNotIncluded', pastWeeksNotIncluded);
  const limit54 = control.limit54 ?? [5, 4];
  if (!(limit54[0] >= 0 && limit54[1] > 0)) {
    throw invalidControl(
      ALGORITHM,
      'limit54',
      'The limit54 arguments are out of bounds: cases >= 0 and period > 0.',
    );
  }
  const thresholdMethod = control.thresholdMethod ?? 'delta';
  if (!['delta', 'nbPlugin', 'muan'].includes(thresholdMethod)) {
    throw invalidControl(
      ALGORITHM,
      'thresholdMethod',
      `must be one of delta, nbPlugin, muan, got ${String(thresholdMethod)}`,
    );
  }
  const powertrans = control.powertrans ?? '2/3';
  if (!['2/3', '1/2', 'none'].includes(powertrans)) {
    throw invalidControl(
      ALGORITHM,
      'powertrans',
      `must be one of "2/3", "1/2", "none", got ${String(powertrans)}`,
    );
  }
  const fitFun = control.fitFun ?? 'algo.farrington.fitGLM.flexible';
  if (fitFun !== 'algo.farrington.fitGLM.flexible') {
    throw invalidControl(ALGORITHM, 'fitFun', 'must be algo.farrington.fitGLM.flexible');
  }
  const weightsThreshold = control.weightsThreshold ?? 2.58;
  const pThresholdTrend = control.pThresholdTrend ?? 0.05;
  const n = series.observed.length;
  const range = control.range ?? [series.frequency * b + w + 1, n];
  const history = series.dates ? 0 : series.frequency * b + w;
  checkRange(ALGORITHM, range, n, history);
  if (pastWeeksNotIncluded > range[0] - 1) {
    throw invalidControl(
      ALGORITHM,
      'pastWeeksNotIncluded',
      `must be below the first monitored index ${range[0]}`,
    );
  }
  return {
    range,
    b,
    w,
    reweight: control.reweight ?? true,
    weightsThreshold,
    alpha,
    trend: control.trend ?? true,
    pThresholdTrend,
    limit54,
    powertrans,
    fitFun,
    populationOffset: control.populationOffset ?? false,
    noPeriods,
    pastWeeksNotIncluded,
    thresholdMethod,
    glmWarnings: control.glmWarnings ?? true,
    verbose: control.verbose ?? false,
    reproduceRQuirks: control.reproduceRQuirks ?? true,
  };
}
