import { describe, expect, it } from 'vitest';
import { binaryMetrics, pairwiseClusterMetrics } from './metrics.js';

describe('binary metrics', () => {
  it('counts the confusion matrix and derives precision, recall and F1', () => {
    const m = binaryMetrics([true, true, false, false, true], [true, false, true, false, true]);
    expect([m.truePositives, m.falsePositives, m.falseNegatives, m.trueNegatives]).toEqual([2, 1, 1, 1]);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
    expect(m.accuracy).toBeCloseTo(3 / 5);
  });
});

describe('pairwise clustering metrics', () => {
  it('counts pairs put together that belong together', () => {
    // Reference: {a,b,c} {d}; clustering: {a,b} {c,d}.
    const clusters = new Map([
      ['a', '1'],
      ['b', '1'],
      ['c', '2'],
      ['d', '2'],
    ]);
    const groups = new Map([
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'x'],
      ['d', 'y'],
    ]);
    const m = pairwiseClusterMetrics(clusters, groups);
    expect([m.truePairs, m.predictedPairs, m.referencePairs]).toEqual([1, 2, 3]);
    expect(m.precision).toBeCloseTo(0.5);
    expect(m.recall).toBeCloseTo(1 / 3);
  });

  it('is perfect when the clustering is the reference', () => {
    const same = new Map([
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'y'],
    ]);
    expect(pairwiseClusterMetrics(same, same)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });
});
