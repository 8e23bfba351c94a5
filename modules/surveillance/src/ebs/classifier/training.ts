/**
 * Training and evaluation of the relevance classifier on the labelled set: features, vocabulary,
 * logistic regression with λ chosen by grouped cross-validation on the training part only, and
 * precision/recall/F1 on the held-out part, overall and per language. Pure: `train.ts` does the I/O.
 */
import { createHash } from 'node:crypto';
import type { LabelledNewsItem } from '../dataset/labelled-news.js';
import { groupKeyOf } from '../dataset/split.js';
import { binaryMetrics, type BinaryMetrics } from '../evaluation/metrics.js';
import { fnv1a32 } from '../text/hash.js';
import { itemFeatures } from './features.js';
import { defaultLogisticRegressionOptions, fitLogisticRegression } from './logistic-regression.js';
import { fitNaiveBayes, naiveBayesProbability } from './naive-bayes.js';
import { RELEVANCE_MODEL_FORMAT, scoreRelevance, type RelevanceModel } from './relevance-model.js';
import { buildVocabulary, vectorize } from './sparse-vectors.js';

/** A feature must occur in this many training items to enter the vocabulary (singletons only overfit). */
export const MIN_DOCUMENTS = 2;
export const DECISION_THRESHOLD = 0.5;
/** λ values tried by cross-validation, and the number of folds. */
export const L2_CANDIDATES = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2] as const;
export const CV_FOLDS = 5;

/** Six significant digits: the committed file stays small and diffs stay readable. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}

export interface FittedWeights {
  bias: number;
  weights: Record<string, number>;
}

/** Fits the logistic regression on `items` with penalty `l2`; weights keyed by feature, sorted. */
export function fitRelevanceWeights(items: readonly LabelledNewsItem[], l2: number): FittedWeights {
  const ordered = [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
  const documents = ordered.map(itemFeatures);
  const vocabulary = buildVocabulary(documents, MIN_DOCUMENTS);
  const vectors = documents.map((features) => vectorize(features, vocabulary));
  const labels = ordered.map((item) => (item.relevant ? 1 : 0));
  const fit = fitLogisticRegression(vectors, labels, vocabulary.size, {
    ...defaultLogisticRegressionOptions,
    l2,
  });
  const weights: Record<string, number> = {};
  for (const [feature, column] of vocabulary) weights[feature] = round(fit.weights[column] ?? 0);
  return { bias: round(fit.bias), weights };
}

export interface LanguageMetrics {
  overall: BinaryMetrics;
  zh: BinaryMetrics;
  en: BinaryMetrics;
}

/** Metrics of any scorer (item → P(relevant)) on `items`, overall and per language. */
export function evaluateScorer(
  items: readonly LabelledNewsItem[],
  score: (item: LabelledNewsItem) => number,
  threshold = DECISION_THRESHOLD,
): LanguageMetrics {
  const of = (subset: readonly LabelledNewsItem[]): BinaryMetrics =>
    binaryMetrics(
      subset.map((item) => score(item) >= threshold),
      subset.map((item) => item.relevant),
    );
  return {
    overall: of(items),
    zh: of(items.filter((item) => item.lang === 'zh')),
    en: of(items.filter((item) => item.lang === 'en')),
  };
}

/** A model as a scorer, without the held-out block (used before that block exists). */
function scorerOf(fitted: FittedWeights): (item: LabelledNewsItem) => number {
  const model = {
    bias: fitted.bias,
    weights: fitted.weights,
    threshold: DECISION_THRESHOLD,
  } as RelevanceModel;
  return (item) => scoreRelevance(item, model).score;
}

/** Mean F1 of each λ over grouped folds of `items` (an event never straddles folds). */
export function crossValidateL2(
  items: readonly LabelledNewsItem[],
  candidates: readonly number[] = L2_CANDIDATES,
  folds = CV_FOLDS,
): { l2: number; meanF1: number }[] {
  const foldOf = (item: LabelledNewsItem): number => fnv1a32(`fold:${groupKeyOf(item)}`) % folds;
  return candidates.map((l2) => {
    let total = 0;
    for (let fold = 0; fold < folds; fold += 1) {
      const training = items.filter((item) => foldOf(item) !== fold);
      const validation = items.filter((item) => foldOf(item) === fold);
      total += evaluateScorer(validation, scorerOf(fitRelevanceWeights(training, l2))).overall.f1;
    }
    return { l2, meanF1: total / folds };
  });
}

/** Held-out metrics in the compact form the model file records. */
function compact(metrics: BinaryMetrics): RelevanceModel['heldOut']['overall'] {
  const r = (x: number): number => Number(x.toFixed(4));
  return {
    precision: r(metrics.precision),
    recall: r(metrics.recall),
    f1: r(metrics.f1),
    accuracy: r(metrics.accuracy),
    items: metrics.truePositives + metrics.falsePositives + metrics.falseNegatives + metrics.trueNegatives,
  };
}

export function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface TrainingRun {
  model: RelevanceModel;
  crossValidation: { l2: number; meanF1: number }[];
  naiveBayesHeldOut: LanguageMetrics;
  logisticHeldOut: LanguageMetrics;
}

/**
 * The whole deterministic run: choose λ by cross-validation on the training part, fit on all of it,
 * measure on the test part; `l2` skips the cross-validation (the test that checks reproducibility).
 */
export function trainRelevanceModel(
  items: readonly LabelledNewsItem[],
  testIds: ReadonlySet<string>,
  dataText: string,
  options: { l2?: number } = {},
): TrainingRun {
  const train = items.filter((item) => !testIds.has(item.id));
  const test = items.filter((item) => testIds.has(item.id));
  const crossValidation = options.l2 === undefined ? crossValidateL2(train) : [];
  const best = crossValidation.reduce<{ l2: number; meanF1: number } | null>(
    (a, b) => (a === null || b.meanF1 > a.meanF1 ? b : a),
    null,
  );
  const l2 = options.l2 ?? best?.l2 ?? defaultLogisticRegressionOptions.l2;
  const fitted = fitRelevanceWeights(train, l2);
  const logisticHeldOut = evaluateScorer(test, scorerOf(fitted));

  const trainDocuments = [...train].sort((a, b) => (a.id < b.id ? -1 : 1)).map(itemFeatures);
  const vocabulary = buildVocabulary(trainDocuments, MIN_DOCUMENTS);
  const bayes = fitNaiveBayes(
    trainDocuments,
    [...train].sort((a, b) => (a.id < b.id ? -1 : 1)).map((item) => (item.relevant ? 1 : 0)),
    vocabulary,
  );
  const naiveBayesHeldOut = evaluateScorer(test, (item) => naiveBayesProbability(bayes, itemFeatures(item)));

  const model: RelevanceModel = {
    format: RELEVANCE_MODEL_FORMAT,
    algorithm: 'logistic-regression',
    description:
      'EBS relevance: L2 logistic regression over Chinese character 2-3-grams, stemmed English words and bigrams, ' +
      'and shared cue features; binary features scaled to unit length. Retrain: node --import tsx modules/surveillance/src/ebs/train.ts',
    training: {
      dataSha256: sha256Of(dataText),
      trainItems: train.length,
      testItems: test.length,
      minDocuments: MIN_DOCUMENTS,
      l2,
      epochs: defaultLogisticRegressionOptions.epochs,
      learningRate: defaultLogisticRegressionOptions.learningRate,
      l2SelectedBy:
        options.l2 === undefined
          ? `${CV_FOLDS}-fold grouped cross-validation on the training part (mean F1)`
          : 'given',
    },
    heldOut: {
      overall: compact(logisticHeldOut.overall),
      zh: compact(logisticHeldOut.zh),
      en: compact(logisticHeldOut.en),
    },
    threshold: DECISION_THRESHOLD,
    bias: fitted.bias,
    weights: fitted.weights,
  };
  return { model, crossValidation, naiveBayesHeldOut, logisticHeldOut };
}
