/**
 * L2-regularised logistic regression fitted by full-batch gradient descent (no ML library). The loss
 * is the mean log-loss plus (λ/2)‖w‖² (bias not penalised); with binary unit-length features it is
 * smooth and convex, so a fixed step size converges, and the fit is deterministic: the same items in
 * the same order give the same weights bit for bit.
 */
import { dot, type SparseVector } from './sparse-vectors.js';

export interface LogisticRegressionOptions {
  /** L2 penalty λ. */
  l2: number;
  epochs: number;
  learningRate: number;
}

export const defaultLogisticRegressionOptions: LogisticRegressionOptions = {
  l2: 1e-3,
  epochs: 1000,
  learningRate: 2,
};

export interface LogisticRegressionFit {
  bias: number;
  weights: Float64Array;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Fits weights over `dimension` columns to `labels` (1 relevant, 0 not). */
export function fitLogisticRegression(
  vectors: readonly SparseVector[],
  labels: readonly number[],
  dimension: number,
  options: LogisticRegressionOptions = defaultLogisticRegressionOptions,
): LogisticRegressionFit {
  const weights = new Float64Array(dimension);
  const gradient = new Float64Array(dimension);
  let bias = 0;
  const n = vectors.length;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let i = 0; i < n; i += 1) {
      const vector = vectors[i];
      if (!vector) continue;
      const error = sigmoid(bias + dot(vector, weights)) - (labels[i] ?? 0);
      biasGradient += error;
      for (let k = 0; k < vector.indices.length; k += 1) {
        const column = vector.indices[k] ?? 0;
        gradient[column] = (gradient[column] ?? 0) + error * (vector.values[k] ?? 0);
      }
    }
    for (let column = 0; column < dimension; column += 1) {
      const step = (gradient[column] ?? 0) / n + options.l2 * (weights[column] ?? 0);
      weights[column] = (weights[column] ?? 0) - options.learningRate * step;
    }
    bias -= (options.learningRate * biasGradient) / n;
  }
  return { bias, weights };
}
