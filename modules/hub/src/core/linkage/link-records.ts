/**
 * Batch record linkage for bulk imports: deterministic links on valid resident IDs and passports,
 * Fellegi–Sunter scoring of blocked candidate pairs, and clustering of links into persons that never
 * holds two different valid resident IDs. Returns persons, review pairs with explanations, and counts.
 */
import {
  defaultBlockingRules,
  forEachCandidatePair,
  type BlockingOptions,
  type OversizedBlock,
} from './blocking.js';
import { ConstrainedUnionFind } from './constrained-union-find.js';
import { estimateMatchModel, estimateUFromRandomPairs } from './em-estimation.js';
import { comparisonPattern, haveConflictingResidentIds, patternCount } from './field-comparisons.js';
import { LinkageTable, type LinkageRecord } from './linkage-record.js';
import { automaticLinkPatterns, defaultMatchModel, type MatchModel } from './match-model.js';
import { NameFrequency, type NameFrequencyOptions } from './name-frequency.js';
import { explainPair, type PairExplanation, type ScoringContext } from './pair-explanation.js';
import {
  defaultLinkageThresholds,
  PairScorer,
  priorLogOdds,
  type LinkageThresholds,
} from './pair-scoring.js';

export interface LinkageOptions {
  /** Starting (or fixed) m/u parameters; default `defaultMatchModel`. */
  model?: MatchModel;
  /**
   * How m and u are obtained: `fixed` uses `model` as it is; `random-u` (default from 1 000 records on)
   * keeps m and estimates u from random record pairs of this batch; `random-u+em` also estimates m by EM over the candidate pairs
   * with u held fixed; `em` estimates both by EM over the candidate pairs.
   */
  estimation?: 'fixed' | 'random-u' | 'random-u+em' | 'em';
  /** Random pairs sampled for u (default 300 000) and the sampling seed (default 1). */
  uSample?: { pairs: number; seed: number };
  thresholds?: LinkageThresholds;
  blocking?: BlockingOptions;
  /** Frequency-based name weights; `false` to weigh every name alike. */
  nameFrequency?: NameFrequencyOptions | false;
  /** Most review pairs returned (the best-scoring first); default 10 000. */
  maxReviewPairs?: number;
}

export interface LinkedPerson {
  /** The key of the person's first record (in input order): stable for the same input. */
  personKey: string;
  recordKeys: string[];
}

export interface ReviewPair {
  recordKeys: [string, string];
  personKeys: [string, string];
  score: number;
  explanation: PairExplanation;
}

export interface LinkageStats {
  records: number;
  persons: number;
  /** Records joined because they share a valid resident ID. */
  residentIdLinks: number;
  /** Records joined because they share a valid passport. */
  passportLinks: number;
  candidatePairs: number;
  pairsByRule: Record<string, number>;
  oversizedBlocks: OversizedBlock[];
  /** Pairs scoring at or above the link threshold that joined two persons. */
  probabilisticLinks: number;
  /** Links refused because they would have put two different valid resident IDs in one person. */
  refusedForResidentIdConflict: number;
  reviewPairs: number;
  /** EM's estimate of the share of candidate pairs that are matches (undefined without EM). */
  matchProportion?: number;
}

export interface LinkageResult {
  persons: LinkedPerson[];
  /** For each input record (same order), the index of its person in `persons`. */
  personOfRecord: Int32Array;
  reviewPairs: ReviewPair[];
  /** The model used for scoring (estimated when `estimation` is `em`). */
  model: MatchModel;
  stats: LinkageStats;
}

export function linkRecords(records: readonly LinkageRecord[], options: LinkageOptions = {}): LinkageResult {
  const thresholds = options.thresholds ?? defaultLinkageThresholds;
  const table = new LinkageTable();
  for (const record of records) table.add(record);
  const n = table.size;

  const frequency = options.nameFrequency === false ? null : new NameFrequency(options.nameFrequency || {});
  if (frequency) for (let row = 0; row < n; row++) frequency.addRow(table, row);

  const { identityOf, residentIdLinks, passportLinks, clusters } = linkDeterministically(table);

  const pairs = new PairList();
  const counts = new Float64Array(patternCount);
  const blocking = forEachCandidatePair(
    table,
    (i, j) => {
      const pattern = comparisonPattern(table, i, j);
      pairs.push(i, j, pattern);
      counts[pattern]!++;
    },
    {
      ...options.blocking,
      rules: options.blocking?.rules ?? defaultBlockingRules,
      skip: (i, j) => sameValidIdentity(identityOf, i, j) || haveConflictingResidentIds(table, i, j),
    },
  );

  let model = options.model ?? defaultMatchModel;
  let matchProportion: number | undefined;
  // Below a thousand records a random sample says little about u; the documented defaults are better.
  const estimation = options.estimation ?? (n >= 1000 ? 'random-u' : 'fixed');
  if (estimation === 'random-u' || estimation === 'random-u+em') {
    model = estimateUFromRandomPairs(table, model, {
      pairs: Math.min(options.uSample?.pairs ?? 300_000, (n * (n - 1)) / 2),
      seed: options.uSample?.seed ?? 1,
    });
  }
  if ((estimation === 'em' || estimation === 'random-u+em') && pairs.length > 0) {
    const estimate = estimateMatchModel(counts, { initial: model, fixU: estimation === 'random-u+em' });
    model = estimate.model;
    matchProportion = estimate.matchProportion;
  }
  const scorer = new PairScorer(table, model, frequency, priorLogOdds(n));

  const kept: number[] = [];
  const scores = new Float64Array(pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const score = scorer.scoreOfPattern(pairs.pattern[k]!, pairs.left[k]!);
    scores[k] = score;
    if (score >= thresholds.review) kept.push(k);
  }
  kept.sort((a, b) => scores[b]! - scores[a]! || a - b);

  let probabilisticLinks = 0;
  let refused = 0;
  const automatic = automaticLinkPatterns();
  for (const k of kept) {
    if (scores[k]! < thresholds.link) break;
    if (!automatic[pairs.pattern[k]!]) continue;
    const i = pairs.left[k]!;
    const j = pairs.right[k]!;
    if (clusters.find(i) === clusters.find(j)) continue;
    if (clusters.union(i, j)) probabilisticLinks++;
    else refused++;
  }

  const { persons, personOfRecord } = collectPersons(table, clusters);
  const reviewPairs = collectReviewPairs({
    clusters,
    kept,
    scores,
    pairs,
    thresholds,
    automatic,
    personOfRecord,
    persons,
    limit: options.maxReviewPairs ?? 10_000,
    scoring: { table, model, frequency, prior: scorer.prior },
  });

  return {
    persons,
    personOfRecord,
    reviewPairs,
    model,
    stats: {
      records: n,
      persons: persons.length,
      residentIdLinks,
      passportLinks,
      candidatePairs: blocking.candidatePairs,
      pairsByRule: blocking.pairsByRule,
      oversizedBlocks: blocking.oversizedBlocks,
      probabilisticLinks,
      refusedForResidentIdConflict: refused,
      reviewPairs: reviewPairs.length,
      ...(matchProportion === undefined ? {} : { matchProportion }),
    },
  };
}

/** Joins records sharing a valid resident ID, then records sharing a valid passport where IDs allow. */
function linkDeterministically(table: LinkageTable) {
  const n = table.size;
  const identityOf = new Int32Array(n).fill(-1);
  const idNumbers = new Map<string, number>();
  for (let row = 0; row < n; row++) {
    const id = table.validResidentId[row]!;
    if (id === '') continue;
    let number = idNumbers.get(id);
    if (number === undefined) idNumbers.set(id, (number = idNumbers.size));
    identityOf[row] = number;
  }
  const clusters = new ConstrainedUnionFind(identityOf);
  const firstWithId = new Int32Array(idNumbers.size).fill(-1);
  let residentIdLinks = 0;
  for (let row = 0; row < n; row++) {
    const number = identityOf[row]!;
    if (number < 0) continue;
    if (firstWithId[number]! < 0) firstWithId[number] = row;
    else if (clusters.union(firstWithId[number]!, row)) residentIdLinks++;
  }
  const firstWithPassport = new Map<string, number>();
  let passportLinks = 0;
  for (let row = 0; row < n; row++) {
    if (!table.passportValid[row]) continue;
    const passport = table.passport[row]!;
    const first = firstWithPassport.get(passport);
    if (first === undefined) firstWithPassport.set(passport, row);
    else if (clusters.find(first) !== clusters.find(row) && clusters.union(first, row)) passportLinks++;
  }
  return { identityOf, residentIdLinks, passportLinks, clusters };
}

function sameValidIdentity(identityOf: Int32Array, i: number, j: number): boolean {
  return identityOf[i]! >= 0 && identityOf[i] === identityOf[j];
}

function collectPersons(table: LinkageTable, clusters: ConstrainedUnionFind) {
  const n = table.size;
  const personOfRoot = new Map<number, number>();
  const personOfRecord = new Int32Array(n);
  const persons: LinkedPerson[] = [];
  for (let row = 0; row < n; row++) {
    const root = clusters.find(row);
    let person = personOfRoot.get(root);
    if (person === undefined) {
      person = persons.length;
      personOfRoot.set(root, person);
      persons.push({ personKey: table.records[row]!.recordKey, recordKeys: [] });
    }
    persons[person]!.recordKeys.push(table.records[row]!.recordKey);
    personOfRecord[row] = person;
  }
  return { persons, personOfRecord };
}

interface ReviewInputs {
  clusters: ConstrainedUnionFind;
  /** Indices of pairs scoring at least the review threshold, best first. */
  kept: number[];
  scores: Float64Array;
  pairs: PairList;
  thresholds: LinkageThresholds;
  automatic: Uint8Array;
  personOfRecord: Int32Array;
  persons: LinkedPerson[];
  limit: number;
  scoring: ScoringContext;
}

/** The best-scoring uncertain pair between each two persons that could still be one (no ID conflict). */
function collectReviewPairs(inputs: ReviewInputs): ReviewPair[] {
  const { clusters, pairs, personOfRecord, persons, scoring } = inputs;
  const seen = new Set<string>();
  const review: ReviewPair[] = [];
  for (const k of inputs.kept) {
    if (review.length >= inputs.limit) break;
    const score = inputs.scores[k]!;
    if (score >= inputs.thresholds.link && inputs.automatic[pairs.pattern[k]!]) continue;
    const i = pairs.left[k]!;
    const j = pairs.right[k]!;
    if (clusters.find(i) === clusters.find(j) || clusters.conflicts(i, j)) continue;
    const pa = personOfRecord[i]!;
    const pb = personOfRecord[j]!;
    const personPair = pa < pb ? `${pa}:${pb}` : `${pb}:${pa}`;
    if (seen.has(personPair)) continue;
    seen.add(personPair);
    review.push({
      recordKeys: [scoring.table.records[i]!.recordKey, scoring.table.records[j]!.recordKey],
      personKeys: [persons[pa]!.personKey, persons[pb]!.personKey],
      score: Math.round(score * 100) / 100,
      explanation: explainPair(scoring, i, j),
    });
  }
  return review;
}

/** Candidate pairs in growable typed arrays (millions of pairs; objects would cost ten times the memory). */
class PairList {
  left: Int32Array = new Int32Array(1024);
  right: Int32Array = new Int32Array(1024);
  pattern: Uint16Array = new Uint16Array(1024);
  length = 0;

  push(i: number, j: number, pattern: number): void {
    if (this.length === this.left.length) {
      this.left = grow(this.left);
      this.right = grow(this.right);
      const pattern2 = new Uint16Array(this.pattern.length * 2);
      pattern2.set(this.pattern);
      this.pattern = pattern2;
    }
    this.left[this.length] = i;
    this.right[this.length] = j;
    this.pattern[this.length] = pattern;
    this.length++;
  }
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
