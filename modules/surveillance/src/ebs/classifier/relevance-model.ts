/**
 * The trained relevance classifier as committed JSON (data/ebs-relevance-model.json), and scoring with
 * it: the probability that an item reports a current outbreak-type event, and the decision at the
 * model's threshold. `train.ts` writes the file; nothing else changes it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '@shuzhi/core';
import type { NewsItem } from '../types.js';
import { ebsDataDirectory } from '../dataset/labelled-news.js';
import { itemFeatures } from './features.js';
import { sigmoid } from './logistic-regression.js';

export const RELEVANCE_MODEL_FORMAT = 'shuzhi-ebs-relevance/1';

const metricsSchema = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  accuracy: z.number(),
  items: z.number().int(),
});

export const relevanceModelSchema = z.object({
  format: z.literal(RELEVANCE_MODEL_FORMAT),
  algorithm: z.literal('logistic-regression'),
  description: z.string(),
  training: z.object({
    dataSha256: z.string(),
    trainItems: z.number().int(),
    testItems: z.number().int(),
    minDocuments: z.number().int(),
    l2: z.number(),
    epochs: z.number().int(),
    learningRate: z.number(),
    l2SelectedBy: z.string(),
  }),
  heldOut: z.object({ overall: metricsSchema, zh: metricsSchema, en: metricsSchema }),
  threshold: z.number(),
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
});

export type RelevanceModel = z.infer<typeof relevanceModelSchema>;

export const relevanceModelFile = new URL('ebs-relevance-model.json', ebsDataDirectory);

export function parseRelevanceModel(json: string): RelevanceModel {
  const parsed = relevanceModelSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    throw new AppError('internal', 'the EBS relevance model file is not valid', {
      issues: parsed.error.issues.map((issue) => ({
        record: 'ebs-relevance-model.json',
        field: issue.path.join('.'),
        reason: issue.message,
      })),
    });
  }
  return parsed.data;
}

let committed: RelevanceModel | null = null;

/** The committed model, read once. */
export function committedRelevanceModel(): RelevanceModel {
  committed ??= parseRelevanceModel(readFileSync(relevanceModelFile, 'utf8'));
  return committed;
}

export interface RelevanceScore {
  /** P(relevant), in [0, 1]. */
  score: number;
  relevant: boolean;
}

/** Scores `item` with `model`: unit-length binary features over the model's vocabulary, as in training. */
export function scoreRelevance(
  item: Pick<NewsItem, 'title' | 'text' | 'lang'>,
  model: RelevanceModel = committedRelevanceModel(),
): RelevanceScore {
  const features = itemFeatures(item);
  let present = 0;
  let sum = 0;
  for (const feature of features.keys()) {
    const weight = model.weights[feature];
    if (weight === undefined) continue;
    present += 1;
    sum += weight;
  }
  const score = sigmoid(model.bias + (present === 0 ? 0 : sum / Math.sqrt(present)));
  return { score, relevant: score >= model.threshold };
}
