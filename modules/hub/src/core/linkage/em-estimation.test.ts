import { describe, expect, it } from 'vitest';
import { estimateMatchModel, estimateUFromRandomPairs } from './em-estimation.js';
import { fieldLevels, linkageFields, patternCount } from './field-comparisons.js';
import { generateDirtyRecords } from './dirty-records.js';
import { LinkageTable } from './linkage-record.js';
import { defaultMatchModel, type MatchModel } from './match-model.js';
import { seededRandom } from './seeded-random.js';

/** A model unlike the defaults, to see EM move towards it. */
const truth: MatchModel = {
  name: { m: [0, 0.7, 0.15, 0.1, 0.05], u: [0, 0.02, 0.03, 0.05, 0.9] },
  birthDate: { m: [0, 0.9, 0.06, 0.04], u: [0, 0.01, 0.04, 0.95] },
  sex: { m: [0, 0.97, 0.03], u: [0, 0.5, 0.5] },
  phone: { m: [0, 0.6, 0.1, 0.3], u: [0, 0.05, 0.05, 0.9] },
  area: { m: [0, 0.3, 0.5, 0.15, 0.05], u: [0, 0.01, 0.2, 0.6, 0.19] },
  document: { m: [0, 0.8, 0.15, 0.05], u: [0, 0.001, 0.01, 0.989] },
};

function simulatePatternCounts(
  model: MatchModel,
  matchShare: number,
  pairs: number,
  seed: number,
): Float64Array {
  const random = seededRandom(seed);
  const counts = new Float64Array(patternCount);
  const draw = (probabilities: readonly number[]) => {
    let u = random();
    for (let level = 1; level < probabilities.length; level++) {
      u -= probabilities[level]!;
      if (u < 0) return level;
    }
    return probabilities.length - 1;
  };
  for (let k = 0; k < pairs; k++) {
    const match = random() < matchShare;
    let pattern = 0;
    let radix = 1;
    for (const field of linkageFields) {
      pattern += radix * draw(match ? model[field].m : model[field].u);
      radix *= fieldLevels[field].length;
    }
    counts[pattern]!++;
  }
  return counts;
}

describe('EM estimation of m and u (Jaro 1989)', () => {
  it('recovers the parameters and match share that generated the comparison patterns', () => {
    const counts = simulatePatternCounts(truth, 0.3, 200_000, 5);
    const estimate = estimateMatchModel(counts, { initial: defaultMatchModel });
    expect(estimate.converged).toBe(true);
    expect(estimate.matchProportion).toBeCloseTo(0.3, 1);
    for (const field of linkageFields) {
      truth[field].m.forEach(
        (m, level) => level > 0 && expect(estimate.model[field].m[level]).toBeCloseTo(m, 1),
      );
      truth[field].u.forEach(
        (u, level) => level > 0 && expect(estimate.model[field].u[level]).toBeCloseTo(u, 1),
      );
    }
  });

  it('keeps u when asked to and still estimates m', () => {
    const counts = simulatePatternCounts(truth, 0.3, 100_000, 6);
    const estimate = estimateMatchModel(counts, {
      initial: { ...defaultMatchModel, ...mapU(truth) },
      fixU: true,
    });
    expect(estimate.model.phone.u).toEqual(truth.phone.u);
    expect(estimate.model.phone.m[1]).toBeCloseTo(0.6, 1);
  });
});

describe('u from random pairs', () => {
  it('finds sex agreement near one half and birth-date agreement rare', () => {
    const table = new LinkageTable();
    for (const record of generateDirtyRecords({ records: 4000, seed: 2 }).records) table.add(record);
    const model = estimateUFromRandomPairs(table, defaultMatchModel, { pairs: 50_000, seed: 9 });
    expect(model.sex.u[1]).toBeGreaterThan(0.45);
    expect(model.sex.u[1]).toBeLessThan(0.55);
    expect(model.birthDate.u[3]).toBeGreaterThan(0.99);
    for (const field of linkageFields)
      expect(model[field].u.slice(1).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(model.name.m).toBe(defaultMatchModel.name.m);
  });
});

function mapU(model: MatchModel): MatchModel {
  const result = {} as Record<string, { m: readonly number[]; u: readonly number[] }>;
  for (const field of linkageFields) result[field] = { m: defaultMatchModel[field].m, u: model[field].u };
  return result as MatchModel;
}
