// Count data regression charts (Höhle & Paul 2008, CSDA 52:4357–4368; R surveillance::algo.glrnb):
// the GLR detector for an increase (or decrease) of the intercept of Poisson (α = 0) or negative
// binomial counts around a seasonal in-control mean, restarting after each alarm.
import { checkRange, invalidControl, requirePositive } from '../control-errors.js';
import type { CountSeries, DetectionPoint, DetectionResult, MonitoredRange } from '../series.js';
import { rangeIndices } from '../series.js';
import { likelihoodRatioCusum, negativeBinomialGlrChart, poissonGlrChart } from './glr-statistics.js';
import type { ChartRun, Direction } from './glr-statistics.js';
import { fitInControlModel } from './in-control-model.js';
import type { InControlModelSpec } from './in-control-model.js';

/** R's algo.glrnb control (same names and defaults). */
export interface GlrnbControl {
  /** Required in R; here defaults to the last year of the series. */
  range: MonitoredRange;
  'c.ARL': number;
  /** In-control means for the range, or the spec of the seasonal model fitted before the range. */
  mu0: readonly number[] | InControlModelSpec;
  /** NB overdispersion; 0 = Poisson; null = estimated with MASS::glm.nb (R's behaviour when unset). */
  alpha: number | null;
  Mtilde: number;
  /** Window: −1 = unlimited, otherwise change points at most M back. */
  M: number;
  change: 'intercept';
  /** Known change κ on the log scale (LR-CUSUM); null = estimated (GLR). */
  theta: number | null;
  dir: 'inc' | 'dec';
  /** "value": the statistic as upper bound; "cases": the count that would raise an alarm. */
  ret: 'value' | 'cases';
  /** Largest count tried by the negative binomial "cases" search. */
  xMax: number;
}

export interface GlrnbPoint extends DetectionPoint {
  /** The in-control mean μ₀,t. */
  mu0: number;
}

const ALGORITHM = 'glrnb';

function isModelSpec(mu0: GlrnbControl['mu0']): mu0 is InControlModelSpec {
  return !Array.isArray(mu0);
}

/** Fills R's defaults and validates an algo.glrnb control. */
export function resolveGlrnbControl(series: CountSeries, control: Partial<GlrnbControl> = {}): GlrnbControl {
  const n = series.observed.length;
  const range = control.range ?? [Math.max(2, n - series.frequency + 1), n];
  checkRange(ALGORITHM, range, n, 1);
  const cARL = control['c.ARL'] ?? 5;
  requirePositive(ALGORITHM, 'c.ARL', cARL);
  const given = control.mu0;
  let mu0: GlrnbControl['mu0'];
  if (given === undefined || given === null) mu0 = { S: 1, trend: false, refit: false };
  else if (Array.isArray(given)) {
    if (given.length !== range[1] - range[0] + 1)
      throw invalidControl(ALGORITHM, 'mu0', 'needs one value per monitored point');
    mu0 = given;
  } else {
    const spec = given as Partial<InControlModelSpec>;
    mu0 = { S: spec.S ?? 1, trend: spec.trend ?? false, refit: spec.refit ?? false };
    if (!Number.isInteger(mu0.S) || mu0.S < 0)
      throw invalidControl(ALGORITHM, 'mu0.S', 'must be a non-negative integer');
  }
  const alpha = control.alpha === undefined ? null : control.alpha;
  if (alpha === null && !isModelSpec(mu0))
    throw invalidControl(ALGORITHM, 'alpha', 'is required when mu0 is given');
  if (alpha !== null && !(alpha >= 0)) throw invalidControl(ALGORITHM, 'alpha', 'must be ≥ 0');
  const theta = control.theta ?? null;
  if (theta === 1) throw invalidControl(ALGORITHM, 'theta', 'theta has to be larger than 1!');
  const change = control.change ?? 'intercept';
  if (change !== 'intercept') throw invalidControl(ALGORITHM, 'change', 'only "intercept" is supported');
  const dir = control.dir ?? 'inc';
  if (dir !== 'inc' && dir !== 'dec') throw invalidControl(ALGORITHM, 'dir', 'must be "inc" or "dec"');
  const ret = control.ret ?? 'value';
  if (ret !== 'value' && ret !== 'cases')
    throw invalidControl(ALGORITHM, 'ret', 'must be "value" or "cases"');
  const Mtilde = control.Mtilde ?? 1;
  const M = control.M ?? -1;
  if (!Number.isInteger(Mtilde) || Mtilde < 1)
    throw invalidControl(ALGORITHM, 'Mtilde', 'must be a positive integer');
  if (!Number.isInteger(M) || (M !== -1 && M < Mtilde))
    throw invalidControl(ALGORITHM, 'M', 'must be −1 or an integer ≥ Mtilde');
  return { range, 'c.ARL': cARL, mu0, alpha, Mtilde, M, change, theta, dir, ret, xMax: control.xMax ?? 1e4 };
}

/** One pass of the chart over the remaining counts. */
function runChart(x: Float64Array, mu0: Float64Array, control: GlrnbControl, alpha: number): ChartRun {
  const dir: Direction = control.dir === 'inc' ? 1 : -1;
  const cARL = control['c.ARL'];
  if (control.theta !== null) {
    return likelihoodRatioCusum(x, mu0, {
      kappa: control.theta,
      alpha,
      cARL,
      returnCases: control.ret === 'cases',
    });
  }
  if (alpha === 0) {
    return poissonGlrChart(x, mu0, {
      cARL,
      M: control.M,
      Mtilde: control.Mtilde,
      dir,
      returnCases: control.ret === 'cases',
    });
  }
  const options = { alpha, cARL, M: control.M, Mtilde: control.Mtilde, dir };
  const run = negativeBinomialGlrChart(x, mu0, options);
  if (control.ret === 'cases')
    run.cases = negativeBinomialCases(x, mu0, { run, options, xMax: control.xMax });
  return run;
}

/**
 * R's brute-force "cases" for the NB GLR: at each point up to the alarm, step the count up (or down at
 * the alarm) until the alarm status changes; 1e99 when no count up to xMax alarms (a zero count is
 * never stepped, as in R), NA (→ 0) when the alarm cannot be removed.
 */
function negativeBinomialCases(
  x: Float64Array,
  mu0: Float64Array,
  search: { run: ChartRun; options: Parameters<typeof negativeBinomialGlrChart>[2]; xMax: number },
): Float64Array {
  const { run, options, xMax } = search;
  const cases = new Float64Array(x.length);
  const alarmPosition = run.alarmAt + 1; // R's 1-based res$N
  for (let pos = 1; pos <= Math.min(x.length, alarmPosition); pos++) {
    const trial = Float64Array.from(x);
    const gotAlarm = alarmPosition <= pos;
    const step = gotAlarm ? -1 : 1;
    let found = false;
    while (!found && (trial[pos - 1] ?? 0) <= xMax && (trial[pos - 1] ?? 0) >= 1) {
      trial[pos - 1] = (trial[pos - 1] ?? 0) + step;
      const trialAlarm = negativeBinomialGlrChart(trial, mu0, options).alarmAt + 1;
      if (!gotAlarm && trialAlarm <= pos) {
        found = true;
        cases[pos - 1] = trial[pos - 1] ?? 0;
      }
      if (gotAlarm && trialAlarm > pos) {
        found = true;
        cases[pos - 1] = (trial[pos - 1] ?? 0) + 1;
      }
    }
    if (!found) cases[pos - 1] = gotAlarm ? Number.NaN : 1e99;
  }
  return cases;
}

/** Runs algo.glrnb over the monitored range, restarting the chart after every alarm. */
export function glrnb(
  series: CountSeries,
  control: Partial<GlrnbControl> = {},
): DetectionResult<GlrnbControl, GlrnbPoint> {
  const resolved = resolveGlrnbControl(series, control);
  const monitored = rangeIndices(resolved.range);
  const total = monitored.length;
  let alpha = resolved.alpha;
  let mu0: Float64Array;
  const spec = isModelSpec(resolved.mu0) ? resolved.mu0 : null;
  if (spec) {
    const fit = fitInControlModel({
      observed: series.observed,
      frequency: series.frequency,
      spec,
      alpha,
      trainingEnd: resolved.range[0] - 1,
      predictAt: monitored,
    });
    mu0 = fit.mu0;
    if (alpha === null) alpha = 1 / (fit.theta ?? Number.NaN);
  } else mu0 = Float64Array.from(resolved.mu0 as readonly number[]);
  const knownAlpha = alpha ?? 0;
  const mu0Used = new Float64Array(total);
  const upper = new Float64Array(total);
  const alarm = new Array<boolean>(total).fill(false);
  // R passes as.integer(x): counts are truncated towards zero.
  let x = Float64Array.from(monitored, (t) => Math.trunc(series.observed[t - 1] ?? 0));
  let done = 0;
  while (done < total) {
    mu0Used.set(mu0.subarray(0, x.length), done);
    const run = runChart(x, mu0, resolved, knownAlpha);
    const output = resolved.ret === 'value' ? run.values : run.cases;
    if (run.alarmAt < x.length) {
      const length = run.alarmAt + 1;
      upper.set(output.subarray(0, length), done);
      alarm[done + run.alarmAt] = true;
      x = x.subarray(length);
      if (spec?.refit) {
        const remaining = monitored.slice(done + length);
        mu0 = fitInControlModel({
          observed: series.observed,
          frequency: series.frequency,
          spec,
          alpha: knownAlpha,
          trainingEnd: (remaining[0] ?? 1) - 1,
          predictAt: remaining,
        }).mu0;
      } else mu0 = mu0.subarray(length);
      done += length;
    } else {
      upper.set(output.subarray(0, x.length), done);
      done += x.length;
    }
  }
  const points = monitored.map((t, i): GlrnbPoint => {
    const value = upper[i] ?? 0;
    return {
      t,
      observed: series.observed[t - 1] ?? 0,
      expected: mu0Used[i] ?? null,
      upperbound: Number.isNaN(value) || value < 0 ? 0 : value,
      alarm: alarm[i] ?? false,
      mu0: mu0Used[i] ?? Number.NaN,
    };
  });
  return { control: { ...resolved, alpha }, points };
}
