/**
 * Items as sparse feature vectors over a fixed vocabulary: binary presence, scaled to unit length so
 * that a long report and a one-line headline weigh the same in training.
 */

export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/** Feature name → column, built from training items: features seen in at least `minDocuments` of them, sorted. */
export function buildVocabulary(
  documents: readonly Map<string, number>[],
  minDocuments: number,
): Map<string, number> {
  const documentFrequency = new Map<string, number>();
  for (const features of documents) {
    for (const feature of features.keys())
      documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
  }
  const kept = [...documentFrequency]
    .filter(([, count]) => count >= minDocuments)
    .map(([feature]) => feature)
    .sort();
  return new Map(kept.map((feature, index) => [feature, index]));
}

/** The unit-length binary vector of `features` over `vocabulary` (features outside it are dropped). */
export function vectorize(
  features: Map<string, number>,
  vocabulary: ReadonlyMap<string, number>,
): SparseVector {
  const columns = [...features.keys()]
    .map((feature) => vocabulary.get(feature))
    .filter((column): column is number => column !== undefined)
    .sort((a, b) => a - b);
  const value = columns.length === 0 ? 0 : 1 / Math.sqrt(columns.length);
  return { indices: Int32Array.from(columns), values: new Float64Array(columns.length).fill(value) };
}

export function dot(vector: SparseVector, weights: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < vector.indices.length; i += 1)
    sum += (vector.values[i] ?? 0) * (weights[vector.indices[i] ?? 0] ?? 0);
  return sum;
}
