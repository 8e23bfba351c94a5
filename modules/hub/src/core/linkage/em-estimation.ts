/**
 * Estimating the match model from the data: u from random record pairs (nearly all of which are
 * different people), m and u by expectation–maximisation over the comparison patterns of candidate
 * pairs under conditional independence of fields (Winkler 1988; Jaro 1989, "Advances in record-linkage
 * methodology", JASA 84:414–420, §3).
 */
import {
  comparisonPattern,
  fieldLevels,
  linkageFields,
  patternCount,
  unpackPattern,
} from './field-comparisons.js';
import type { LinkageTable } from './linkage-record.js';
import type { FieldParameters, MatchModel } from './match-model.js';
import { seededRandom } from './seeded-random.js';

export interface EmOptions {
  /** Starting point; also the source of u when `fixU` is set. */
  initial: MatchModel;
  /** Keep u as given (e.g. from random pairs) and estimate m and the match proportion only. */
  fixU?: boolean;
  initialMatchProportion?: number;
  maxIterations?: number;
  /** Stop when no probability moves by more than this. */
  tolerance?: number;
}

export interface EmResult {
  model: MatchModel;
  /** Estimated share of candidate pairs that are the same person. */
  matchProportion: number;
  iterations: number;
  converged: boolean;
}

/** Pseudo-count added to every level so that a level absent from the sample keeps a small probability. */
const smoothing = 0.5;

/** EM over pattern counts (`counts[pattern]` = number of candidate pairs with that comparison pattern). */
export function estimateMatchModel(counts: Float64Array, options: EmOptions): EmResult {
  const observed: { levels: number[]; count: number }[] = [];
  for (let pattern = 0; pattern < patternCount; pattern++) {
    if (counts[pattern]! > 0) observed.push({ levels: unpackPattern(pattern), count: counts[pattern]! });
  }
  const m = linkageFields.map((f) => [...options.initial[f].m]);
  const u = linkageFields.map((f) => [...options.initial[f].u]);
  let p = options.initialMatchProportion ?? 0.1;
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const mSums = linkageFields.map((f) => new Array<number>(fieldLevels[f].length).fill(smoothing));
    const uSums = linkageFields.map((f) => new Array<number>(fieldLevels[f].length).fill(smoothing));
    let matchTotal = 0;
    let total = 0;
    for (const { levels, count } of observed) {
      let pm = p;
      let pu = 1 - p;
      levels.forEach((level, k) => {
        if (level === 0) return;
        pm *= m[k]![level]!;
        pu *= u[k]![level]!;
      });
      const g = pm / (pm + pu);
      matchTotal += count * g;
      total += count;
      levels.forEach((level, k) => {
        mSums[k]![level]! += count * g;
        uSums[k]![level]! += count * (1 - g);
      });
    }
    let change = Math.abs(matchTotal / total - p);
    p = matchTotal / total;
    linkageFields.forEach((_, k) => {
      change = Math.max(change, normaliseInto(m[k]!, mSums[k]!));
      if (!options.fixU) change = Math.max(change, normaliseInto(u[k]!, uSums[k]!));
    });
    converged = change < tolerance;
  }
  const model = {} as Record<string, FieldParameters>;
  linkageFields.forEach((field, k) => (model[field] = { m: m[k]!, u: u[k]! }));
  return { model: model as MatchModel, matchProportion: p, iterations, converged };
}

/** Writes sums normalised over levels 1.. into target; returns the largest change. */
function normaliseInto(target: number[], sums: number[]): number {
  let total = 0;
  for (let level = 1; level < sums.length; level++) total += sums[level]!;
  let change = 0;
  for (let level = 1; level < sums.length; level++) {
    const value = sums[level]! / total;
    change = Math.max(change, Math.abs(value - target[level]!));
    target[level] = value;
  }
  return change;
}

/**
 * u estimated directly: the level frequencies among random record pairs. With n records and a few records
 * per person, fewer than one random pair in n/4 is a true match, so the estimate is all but unbiased.
 * A level seen fewer than `minimumHits` times (a shared phone, a near-identical ID number) cannot be
 * estimated from the sample and keeps the model's u; the most frequent level takes up the remainder.
 */
export function estimateUFromRandomPairs(
  table: LinkageTable,
  model: MatchModel,
  options: { pairs: number; seed: number; minimumHits?: number },
): MatchModel {
  const n = table.size;
  if (n < 2) return model;
  const random = seededRandom(options.seed);
  const minimumHits = options.minimumHits ?? 20;
  const counts = linkageFields.map((f) => new Array<number>(fieldLevels[f].length).fill(0));
  for (let s = 0; s < options.pairs; s++) {
    const i = Math.floor(random() * n);
    let j = Math.floor(random() * (n - 1));
    if (j >= i) j++;
    unpackPattern(comparisonPattern(table, i, j)).forEach((level, k) => counts[k]![level]!++);
  }
  const result = {} as Record<string, FieldParameters>;
  linkageFields.forEach((field, k) => {
    const levelCounts = counts[k]!;
    const compared = levelCounts.reduce((a, b) => a + b, 0) - levelCounts[0]!;
    const u = [...model[field].u];
    if (compared > 0) {
      let largest = 1;
      for (let level = 1; level < u.length; level++) {
        if (levelCounts[level]! >= minimumHits) u[level] = levelCounts[level]! / compared;
        if (levelCounts[level]! > levelCounts[largest]!) largest = level;
      }
      const others = u.reduce(
        (sum, value, level) => (level === 0 || level === largest ? sum : sum + value),
        0,
      );
      u[largest] = Math.max(1 - others, probabilityFloor);
    }
    result[field] = { m: model[field].m, u };
  });
  return result as MatchModel;
}

const probabilityFloor = 1e-12;
