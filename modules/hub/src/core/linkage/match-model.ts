/**
 * The Fellegi–Sunter match model: for each field and agreement level, m = P(level | same person) and
 * u = P(level | different people); a level's weight is log2(m/u) and a pair's score is the sum of its
 * fields' weights (Fellegi & Sunter 1969, eq. 2; Winkler 1988 for partial-agreement levels).
 */
import {
  fieldLevels,
  linkageFields,
  patternCount,
  unpackPattern,
  type LinkageField,
} from './field-comparisons.js';

/** m and u per level, indexed like `fieldLevels[field]`; index 0 (missing) is ignored. */
export interface FieldParameters {
  m: readonly number[];
  u: readonly number[];
}

export type MatchModel = Record<LinkageField, FieldParameters>;

/**
 * Documented defaults, used until parameters are estimated from data (`estimateMatchModel`).
 * m: how often each level occurs between two records of one person, from typical registration-error
 * rates (a few percent homophone or typing slips in names, about 1–2% slips in dates, 10–15% of people
 * changing phone numbers between registrations). u: how often it occurs between two different people
 * in a city: name agreement about 1e-4 (the sum of squared name frequencies of common Chinese names),
 * birth date about 1/29 000 (80 birth years), sex 1/2, a mobile number well under 1e-5 (shared family
 * phones), and one county out of about ten.
 */
export const defaultMatchModel: MatchModel = {
  name: { m: [0, 0.88, 0.07, 0.04, 0.01], u: [0, 1e-4, 1e-4, 3e-3, 0.9968] },
  birthDate: { m: [0, 0.95, 0.035, 0.015], u: [0, 3.5e-5, 7e-4, 0.99927] },
  sex: { m: [0, 0.99, 0.01], u: [0, 0.5, 0.5] },
  phone: { m: [0, 0.85, 0.02, 0.13], u: [0, 5e-6, 5e-5, 0.99995] },
  area: { m: [0, 0.3, 0.6, 0.07, 0.03], u: [0, 1e-5, 0.12, 0.83, 0.05] },
  document: { m: [0, 0.97, 0.02, 0.01], u: [0, 1e-9, 1e-7, 1] },
};

/** log2(m/u) per level, 0 for missing. */
export type LevelWeights = Record<LinkageField, number[]>;

/** Smallest probability used in a weight, so that a level never seen in data has a finite weight. */
const probabilityFloor = 1e-12;

const weightsOfModel = new WeakMap<MatchModel, LevelWeights>();

/** log2(m/u) per field and level (cached per model object; models are not mutated). */
export function levelWeights(model: MatchModel): LevelWeights {
  const cached = weightsOfModel.get(model);
  if (cached) return cached;
  const weights = {} as LevelWeights;
  for (const field of linkageFields) {
    const { m, u } = model[field];
    weights[field] = fieldLevels[field].map((_, level) =>
      level === 0
        ? 0
        : Math.log2(Math.max(m[level] ?? 0, probabilityFloor) / Math.max(u[level] ?? 0, probabilityFloor)),
    );
  }
  weightsOfModel.set(model, weights);
  return weights;
}

/**
 * Fields are not independent where households are concerned: family members share a phone and an address.
 * Given an agreeing phone, agreeing areas are expected of matches and non-matches alike (P(area | phone)
 * ≈ 1 under both), so by the chain rule the area adds no evidence then (its weight counts as 0).
 */
export function areaImpliedByPhone(phoneLevel: number, areaLevel: number): boolean {
  return (phoneLevel === 1 || phoneLevel === 2) && areaLevel >= 1 && areaLevel <= 3;
}

/**
 * Whether a pattern may be linked without review: names that disagree outright (not a homophone, typo
 * or other order) are never linked on the other fields alone — twins and family members share birth
 * dates, phones and addresses — unless an identity document agrees.
 */
export function allowsAutomaticLink(levels: readonly number[]): boolean {
  return levels[0] !== 4 || levels[5] === 1 || levels[5] === 2;
}

/** The summed weight of every packed comparison pattern, for table lookup while scoring. */
export function patternWeights(model: MatchModel): Float64Array {
  const weights = levelWeights(model);
  const table = new Float64Array(patternCount);
  for (let pattern = 0; pattern < patternCount; pattern++) {
    const levels = unpackPattern(pattern);
    let sum = 0;
    linkageFields.forEach((field, k) => {
      if (field === 'area' && areaImpliedByPhone(levels[3]!, levels[4]!)) return;
      sum += weights[field][levels[k]!]!;
    });
    table[pattern] = sum;
  }
  return table;
}

/** For each packed pattern, whether it may be linked without review (see `allowsAutomaticLink`). */
export function automaticLinkPatterns(): Uint8Array {
  const allowed = new Uint8Array(patternCount);
  for (let pattern = 0; pattern < patternCount; pattern++)
    allowed[pattern] = allowsAutomaticLink(unpackPattern(pattern)) ? 1 : 0;
  return allowed;
}
