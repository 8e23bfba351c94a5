/**
 * Multinomial naive Bayes with Laplace smoothing (McCallum & Nigam 1998), the baseline the logistic
 * regression is compared with: P(c | d) ∝ P(c) Π_f P(f | c)^{n_f}, P(f | c) = (n_{f,c} + α) / (n_c + α|V|).
 */

export interface NaiveBayesModel {
  logPrior: [number, number];
  /** log P(feature | class) for class 0 and 1, per vocabulary feature. */
  logLikelihood: Map<string, [number, number]>;
  /** log P(unseen feature | class). */
  logUnseen: [number, number];
}

export function fitNaiveBayes(
  documents: readonly Map<string, number>[],
  labels: readonly number[],
  vocabulary: ReadonlyMap<string, number>,
  alpha = 1,
): NaiveBayesModel {
  const classCounts: [number, number] = [0, 0];
  const featureTotals: [number, number] = [0, 0];
  const counts = new Map<string, [number, number]>();
  documents.forEach((features, i) => {
    const label = labels[i] === 1 ? 1 : 0;
    classCounts[label] += 1;
    for (const [feature, count] of features) {
      if (!vocabulary.has(feature)) continue;
      const current = counts.get(feature) ?? [0, 0];
      current[label] += count;
      featureTotals[label] += count;
      counts.set(feature, current);
    }
  });
  const size = vocabulary.size;
  const denominator: [number, number] = [featureTotals[0] + alpha * size, featureTotals[1] + alpha * size];
  const logLikelihood = new Map<string, [number, number]>();
  for (const feature of vocabulary.keys()) {
    const [c0, c1] = counts.get(feature) ?? [0, 0];
    logLikelihood.set(feature, [
      Math.log((c0 + alpha) / denominator[0]),
      Math.log((c1 + alpha) / denominator[1]),
    ]);
  }
  const total = classCounts[0] + classCounts[1];
  return {
    logPrior: [Math.log(classCounts[0] / total), Math.log(classCounts[1] / total)],
    logLikelihood,
    logUnseen: [Math.log(alpha / denominator[0]), Math.log(alpha / denominator[1])],
  };
}

/** P(relevant | features) under the model. */
export function naiveBayesProbability(model: NaiveBayesModel, features: Map<string, number>): number {
  let score0 = model.logPrior[0];
  let score1 = model.logPrior[1];
  for (const [feature, count] of features) {
    const likelihood = model.logLikelihood.get(feature);
    if (!likelihood) continue; // features outside the vocabulary say nothing
    score0 += count * likelihood[0];
    score1 += count * likelihood[1];
  }
  const max = Math.max(score0, score1);
  return Math.exp(score1 - max) / (Math.exp(score0 - max) + Math.exp(score1 - max));
}
