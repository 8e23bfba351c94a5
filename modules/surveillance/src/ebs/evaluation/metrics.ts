/**
 * Accuracy measures for EBS: precision, recall and F1 of a binary classifier, and pairwise precision
 * and recall of a clustering against reference groups (every pair of items either shares a group or
 * not; a pair put together that belongs together is a true positive) — the usual pair-counting
 * measures of clustering evaluation (Manning, Raghavan & Schütze 2008, §16.3).
 */

export interface BinaryMetrics {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Metrics of `predicted` against `actual` (true = relevant), item by item. */
export function binaryMetrics(predicted: readonly boolean[], actual: readonly boolean[]): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  predicted.forEach((p, i) => {
    const a = actual[i] ?? false;
    if (p && a) tp += 1;
    else if (p && !a) fp += 1;
    else if (!p && a) fn += 1;
    else tn += 1;
  });
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision,
    recall,
    f1: f1Of(precision, recall),
    accuracy: ratio(tp + tn, predicted.length),
  };
}

export interface PairwiseMetrics {
  /** Pairs put in one cluster that share a reference group. */
  truePairs: number;
  /** Pairs put in one cluster. */
  predictedPairs: number;
  /** Pairs that share a reference group. */
  referencePairs: number;
  precision: number;
  recall: number;
  f1: number;
}

function pairsWithin(groups: Iterable<number>): number {
  let pairs = 0;
  for (const size of groups) pairs += (size * (size - 1)) / 2;
  return pairs;
}

/**
 * Pairwise precision and recall of `clusterOf` (item → cluster) against `groupOf` (item → reference
 * group), over the items both know.
 */
export function pairwiseClusterMetrics(
  clusterOf: ReadonlyMap<string, string>,
  groupOf: ReadonlyMap<string, string>,
): PairwiseMetrics {
  const clusterSizes = new Map<string, number>();
  const groupSizes = new Map<string, number>();
  const jointSizes = new Map<string, number>();
  for (const [item, cluster] of clusterOf) {
    const group = groupOf.get(item);
    if (group === undefined) continue;
    clusterSizes.set(cluster, (clusterSizes.get(cluster) ?? 0) + 1);
    groupSizes.set(group, (groupSizes.get(group) ?? 0) + 1);
    const joint = JSON.stringify([cluster, group]);
    jointSizes.set(joint, (jointSizes.get(joint) ?? 0) + 1);
  }
  const truePairs = pairsWithin(jointSizes.values());
  const predictedPairs = pairsWithin(clusterSizes.values());
  const referencePairs = pairsWithin(groupSizes.values());
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = referencePairs === 0 ? 1 : truePairs / referencePairs;
  return { truePairs, predictedPairs, referencePairs, precision, recall, f1: f1Of(precision, recall) };
}
