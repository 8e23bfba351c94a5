// Validation of `--control` for `shuzhi detect`: R's own control names per algorithm, with types
// checked here and ranges checked by the algorithms; an unknown name is rejected with the known ones.
import { AppError } from '@shuzhi/core';

/** The algorithms of `shuzhi detect --algorithm`. */
export const detectionAlgorithms = [
  'earsC1',
  'earsC2',
  'earsC3',
  'farringtonFlexible',
  'farrington',
  'cusum',
  'glrnb',
] as const;

export type DetectionAlgorithm = (typeof detectionAlgorithms)[number];

/** Returns the reason a value is unacceptable, or null. */
type Check = (value: unknown) => string | null;

const isNumber: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'must be a number');
const isInteger: Check = (v) => (typeof v === 'number' && Number.isInteger(v) ? null : 'must be an integer');
const isBoolean: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v)
      ? null
      : `must be one of ${values.map((x) => `"${x}"`).join(', ')}`;
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v);
const numberPair: Check = (v) =>
  Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x))
    ? null
    : 'must be a pair of numbers such as [5, 4]';
const cusumMean: Check = (v) =>
  v === null || v === 'glm' || (typeof v === 'number' && v > 0)
    ? null
    : 'must be null, "glm" or a positive number';
const glrMean: Check = (v) => {
  if (v === null) return null;
  if (Array.isArray(v))
    return v.every((x) => typeof x === 'number' && x > 0) ? null : 'must hold positive numbers';
  if (typeof v === 'object') {
    for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
      if (key === 'S' && isInteger(value) === null) continue;
      if ((key === 'trend' || key === 'refit') && typeof value === 'boolean') continue;
      return `unknown or invalid entry ${key} (known: S, trend, refit)`;
    }
    return null;
  }
  return 'must be null, an array of in-control means, or {"S":…, "trend":…, "refit":…}';
};

/** Control entries R accepts that change nothing in the numbers (plots, messages). */
const WITHOUT_EFFECT: Record<DetectionAlgorithm, string[]> = {
  earsC1: [],
  earsC2: [],
  earsC3: [],
  farrington: ['verbose', 'plot'],
  farringtonFlexible: [],
  cusum: [],
  glrnb: [],
};

const ears: Record<string, Check> = {
  method: oneOf('C1', 'C2', 'C3'),
  baseline: isInteger,
  minSigma: isNumber,
  alpha: isNumber,
  reproduceRQuirks: isBoolean,
};

const CONTROLS: Record<DetectionAlgorithm, Record<string, Check>> = {
  earsC1: ears,
  earsC2: ears,
  earsC3: ears,
  farrington: {
    b: isInteger,
    w: isInteger,
    reweight: isBoolean,
    alpha: isNumber,
    trend: isBoolean,
    limit54: numberPair,
    powertrans: oneOf('2/3', '1/2', 'none'),
    fitFun: oneOf(
      'algo.farrington.fitGLM.fast',
      'algo.farrington.fitGLM',
      'algo.farrington.fitGLM.populationOffset',
    ),
    verbose: isBoolean,
    plot: isBoolean,
  },
  farringtonFlexible: {
    b: isInteger,
    w: isInteger,
    reweight: isBoolean,
    weightsThreshold: isNumber,
    alpha: isNumber,
    trend: isBoolean,
    pThresholdTrend: isNumber,
    limit54: numberPair,
    powertrans: oneOf('2/3', '1/2', 'none'),
    fitFun: oneOf('algo.farrington.fitGLM.flexible'),
    populationOffset: isBoolean,
    noPeriods: isInteger,
    pastWeeksNotIncluded: orNull(isInteger),
    thresholdMethod: oneOf('delta', 'nbPlugin', 'muan'),
    glmWarnings: isBoolean,
    verbose: isBoolean,
    reproduceRQuirks: isBoolean,
  },
  cusum: {
    k: isNumber,
    h: isNumber,
    m: cusumMean,
    trans: oneOf('standard', 'rossi', 'anscombe', 'anscombe2nd', 'pearsonNegBin', 'none'),
    alpha: orNull(isNumber),
    reset: isBoolean,
  },
  glrnb: {
    'c.ARL': isNumber,
    mu0: glrMean,
    alpha: orNull(isNumber),
    Mtilde: isInteger,
    M: isInteger,
    change: oneOf('intercept'),
    theta: orNull(isNumber),
    dir: oneOf('inc', 'dec'),
    ret: oneOf('value', 'cases'),
    xMax: isNumber,
  },
};

function controlError(field: string, reason: string): AppError {
  return new AppError('invalid_input', `control ${field}: ${reason}`, {
    issues: [{ record: 'control', field, reason }],
  });
}

/** Whether a string names a supported algorithm. */
export function isDetectionAlgorithm(name: string): name is DetectionAlgorithm {
  return (detectionAlgorithms as readonly string[]).includes(name);
}

/**
 * Checks a `--control` object for an algorithm and returns the entries to pass on (R's defaults fill
 * the rest). Entries that R accepts without numeric effect are dropped; `null` means "R's default".
 */
export function validateDetectionControl(
  algorithm: DetectionAlgorithm,
  control: unknown,
): Record<string, unknown> {
  const given = control ?? {};
  if (typeof given !== 'object' || Array.isArray(given))
    throw controlError('control', 'must be a JSON object');
  const checks = CONTROLS[algorithm];
  const known = Object.keys(checks);
  const accepted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given as Record<string, unknown>)) {
    if (name === 'range')
      throw controlError('range', 'give the range with --range FROM:TO (R’s 1-based indices)');
    const check = checks[name];
    if (!check) throw controlError(name, `unknown control for ${algorithm}; known: ${known.join(', ')}`);
    const problem = check(value);
    if (problem !== null) throw controlError(name, problem);
    if (WITHOUT_EFFECT[algorithm].includes(name)) continue;
    if (value === null && name !== 'alpha' && name !== 'm' && name !== 'theta') continue;
    accepted[name] = value;
  }
  if (algorithm.startsWith('earsC')) {
    const method = algorithm.slice('ears'.length);
    const requested = accepted.method as string | undefined;
    if (requested !== undefined && requested !== method) {
      throw controlError('method', `${algorithm} runs method ${method}, not ${requested}`);
    }
    accepted.method = method;
  }
  return accepted;
}
