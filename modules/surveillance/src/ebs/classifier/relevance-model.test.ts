import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ebsDataDirectory, loadLabelledNews } from '../dataset/labelled-news.js';
import { committedRelevanceModel, scoreRelevance } from './relevance-model.js';
import { evaluateScorer, fitRelevanceWeights, sha256Of } from './training.js';

const dataText = readFileSync(new URL('ebs-news.jsonl', ebsDataDirectory), 'utf8');
const items = loadLabelledNews();
const testIds = new Set(
  (JSON.parse(readFileSync(new URL('ebs-news.split.json', ebsDataDirectory), 'utf8')) as { test: string[] })
    .test,
);
const model = committedRelevanceModel();
const score = (item: (typeof items)[number]): number => scoreRelevance(item, model).score;

/**
 * Floors for the held-out part. Measured: F1 0.948 overall (precision 0.936, recall 0.961), zh 0.944,
 * en 0.951; the floors leave room for retraining on a grown set, and fail on a real regression.
 */
const floors = { f1: 0.9, precision: 0.88, recall: 0.9, languageF1: 0.88 };

describe('the relevance classifier', () => {
  it('was trained on the committed data', () => {
    expect(model.training.dataSha256).toBe(sha256Of(dataText));
  });

  it('meets its precision, recall and F1 floors on the held-out part', () => {
    const metrics = evaluateScorer(
      items.filter((i) => testIds.has(i.id)),
      score,
      model.threshold,
    );
    expect(metrics.overall.f1).toBeGreaterThanOrEqual(floors.f1);
    expect(metrics.overall.precision).toBeGreaterThanOrEqual(floors.precision);
    expect(metrics.overall.recall).toBeGreaterThanOrEqual(floors.recall);
    expect(metrics.zh.f1).toBeGreaterThanOrEqual(floors.languageF1);
    expect(metrics.en.f1).toBeGreaterThanOrEqual(floors.languageF1);
    // The file's own record of these numbers is what the run measures.
    expect(model.heldOut.overall.f1).toBeCloseTo(metrics.overall.f1, 4);
  });

  it('meets the same floors on items written after the model was frozen', () => {
    const fresh = loadLabelledNews(new URL('ebs-news-fresh.jsonl', ebsDataDirectory));
    const metrics = evaluateScorer(fresh, score, model.threshold);
    expect(metrics.overall.f1).toBeGreaterThanOrEqual(floors.f1);
    expect(metrics.zh.f1).toBeGreaterThanOrEqual(floors.languageF1);
    expect(metrics.en.f1).toBeGreaterThanOrEqual(floors.languageF1);
  });

  it('is reproduced exactly by retraining on the training part', () => {
    const refit = fitRelevanceWeights(
      items.filter((i) => !testIds.has(i.id)),
      model.training.l2,
    );
    expect(refit.bias).toBe(model.bias);
    expect(refit.weights).toEqual(model.weights);
  });

  it('tells an outbreak report from business news about the same disease', () => {
    const outbreak = scoreRelevance({
      lang: 'zh',
      title: '某县一小学发生诺如病毒聚集性疫情',
      text: '县疾控中心通报，该校累计报告呕吐腹泻病例23例，已停课消毒。',
    });
    const business = scoreRelevance({
      lang: 'zh',
      title: '诺如病毒疫苗企业完成新一轮融资',
      text: '公司表示，融资将用于疫苗研发和生产线建设，股价上涨5%。',
    });
    expect(outbreak.relevant).toBe(true);
    expect(business.relevant).toBe(false);
    expect(outbreak.score).toBeGreaterThan(business.score);
  });
});
