/**
 * Why a pair scored what it did, field by field: the level reached, its weight in bits and both values,
 * so that a reviewer sees at a glance what agrees and what does not.
 */
import {
  fieldComparators,
  fieldLevels,
  haveConflictingResidentIds,
  linkageFields,
  type LinkageField,
} from './field-comparisons.js';
import type { LinkageTable } from './linkage-record.js';
import { areaImpliedByPhone, levelWeights, type MatchModel } from './match-model.js';
import type { NameFrequency } from './name-frequency.js';
import { matchProbability } from './pair-scoring.js';

export interface FieldExplanation {
  field: LinkageField;
  /** The agreement level name, e.g. `phonetic`, `typo`, `disagree`, `missing`. */
  level: string;
  /** Bits of evidence this field adds (negative: against a match). */
  weight: number;
  left: string | null;
  right: string | null;
  /** Why the weight is not the level's usual weight, if it is not. */
  note?: string;
}

/**
 * Why a pair waits for a person although an identifier would have linked it, or why a linked record was
 * taken off its person: shown on the review page.
 * - `birth-date-contradicts-id`, `sex-contradicts-id`: the record states another birth date or sex than its
 *   own resident ID encodes (GB 11643 §5), so either field may be the slip.
 * - `name-unlike-id-holder`: the record's name is wholly unlike every name of the person holding its ID
 *   (an ID typed from a relative, or a slip that still passes the check digit).
 * - `corrected-record`: the source corrected the record (new resident ID, name or birth date) and it no
 *   longer matches the person it was linked to.
 */
export const reviewReasons = [
  'birth-date-contradicts-id',
  'sex-contradicts-id',
  'name-unlike-id-holder',
  'corrected-record',
] as const;

export type ReviewReason = (typeof reviewReasons)[number];

export interface PairExplanation {
  /** Posterior log2 odds that the two records are one person: `priorLogOdds` plus the fields' evidence. */
  score: number;
  /** The same as a probability. */
  matchProbability: number;
  /** Log2 odds of a random pair in this population (see `priorLogOdds`). */
  priorLogOdds: number;
  fields: FieldExplanation[];
  /** Bits added or removed because the agreeing name is rare or common (0 when names disagree). */
  nameFrequencyAdjustment: number;
  /** Both records hold valid resident IDs and they differ: never the same person. */
  residentIdConflict: boolean;
  /** Why this pair is in the review queue beyond its score (absent: the score alone). */
  reasons?: ReviewReason[];
}

/** What scoring a pair needs: the records, the model, name frequencies and the prior of this population. */
export interface ScoringContext {
  table: LinkageTable;
  model: MatchModel;
  frequency: NameFrequency | null;
  prior: number;
}

export function explainPair(context: ScoringContext, i: number, j: number): PairExplanation {
  const { table, model, frequency, prior } = context;
  const weights = levelWeights(model);
  const levels = linkageFields.map((field) => fieldComparators[field](table, i, j));
  const implied = areaImpliedByPhone(levels[3]!, levels[4]!);
  const fields = linkageFields.map((field, k): FieldExplanation => {
    const level = levels[k]!;
    const explanation: FieldExplanation = {
      field,
      level: fieldLevels[field][level]!,
      weight: field === 'area' && implied ? 0 : round(weights[field][level]!),
      left: shownValue(table, field, i),
      right: shownValue(table, field, j),
    };
    if (field === 'area' && implied) explanation.note = 'implied by the shared phone (same household)';
    return explanation;
  });
  const nameLevel = fields[0]!.level;
  const adjustment =
    frequency && (nameLevel === 'exact' || nameLevel === 'phonetic')
      ? frequency.adjustment(table.names[i]!.orderFreeKey)
      : 0;
  const conflict = haveConflictingResidentIds(table, i, j);
  const score = conflict
    ? Number.NEGATIVE_INFINITY
    : round(prior + fields.reduce((sum, f) => sum + f.weight, 0) + adjustment);
  return {
    score,
    matchProbability: conflict ? 0 : Math.round(matchProbability(score) * 10_000) / 10_000,
    priorLogOdds: round(prior),
    fields,
    nameFrequencyAdjustment: round(adjustment),
    residentIdConflict: conflict,
  };
}

function shownValue(table: LinkageTable, field: LinkageField, row: number): string | null {
  const record = table.records[row]!;
  switch (field) {
    case 'name':
      return record.name ?? null;
    case 'birthDate': {
      const birth = table.birth[row]!;
      if (birth === 0) return null;
      const text = String(birth);
      return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
    }
    case 'sex':
      return table.sex[row] === 1 ? 'male' : table.sex[row] === 2 ? 'female' : null;
    case 'phone':
      return table.phone[row] || null;
    case 'area':
      return [record.areaCode, record.address].filter(Boolean).join(' ') || null;
    case 'document':
      return [record.residentId, record.passport].filter(Boolean).join(' ') || null;
  }
}

function round(bits: number): number {
  return Math.round(bits * 100) / 100;
}
