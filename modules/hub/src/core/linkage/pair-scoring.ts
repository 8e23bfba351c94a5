/**
 * Scores a record pair as posterior log-odds that both records are one person: the prior odds of a
 * random pair plus the summed Fellegi–Sunter weights of its comparison pattern (Bayes' rule in log2 form),
 * with agreeing names weighted by their frequency. Shared by batch linkage and the incremental index.
 */
import { comparisonPattern, haveConflictingResidentIds } from './field-comparisons.js';
import type { LinkageTable } from './linkage-record.js';
import { patternWeights, type MatchModel } from './match-model.js';
import type { NameFrequency } from './name-frequency.js';

/**
 * Thresholds on the posterior log2 odds: at or above `link` a pair is linked automatically, at or above
 * `review` it waits for a person to decide, below it the records stay apart. 8 bits is odds of 256:1
 * (P ≈ 0.996), 0 bits is even odds.
 */
export interface LinkageThresholds {
  link: number;
  review: number;
}

export const defaultLinkageThresholds: LinkageThresholds = { link: 5, review: 0 };

/**
 * Log2 prior odds that a random pair among n records is one person: with a few records per person,
 * about one pair in n. Larger populations need more evidence: two records sharing a common name and a
 * county are likely one person in a village and unlikely in a city.
 */
export function priorLogOdds(records: number): number {
  return -Math.log2(Math.max(2, records));
}

export function matchProbability(logOdds: number): number {
  return 1 / (1 + Math.pow(2, -logOdds));
}

export class PairScorer {
  private readonly weights: Float64Array;

  constructor(
    private readonly table: LinkageTable,
    readonly model: MatchModel,
    private readonly frequency: NameFrequency | null,
    readonly prior: number,
  ) {
    this.weights = patternWeights(model);
  }

  /** Posterior log2 odds of the pair; -Infinity when the records hold different valid resident IDs. */
  score(i: number, j: number): number {
    if (haveConflictingResidentIds(this.table, i, j)) return Number.NEGATIVE_INFINITY;
    return this.scoreOfPattern(comparisonPattern(this.table, i, j), i);
  }

  /** Posterior log2 odds of a pair whose pattern is known (i is either record of the pair). */
  scoreOfPattern(pattern: number, i: number): number {
    return this.prior + this.evidenceOfPattern(pattern, i);
  }

  /** The pair's evidence in bits: the summed weights, frequency-adjusted for agreeing names. */
  evidenceOfPattern(pattern: number, i: number): number {
    const nameLevel = pattern % 5; // the name is the lowest digit of a packed pattern
    const base = this.weights[pattern]!;
    if ((nameLevel === 1 || nameLevel === 2) && this.frequency) {
      return base + this.frequency.adjustment(this.table.names[i]!.orderFreeKey);
    }
    return base;
  }
}
