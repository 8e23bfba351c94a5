import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ebsDataDirectory, loadLabelledNews } from '../dataset/labelled-news.js';
import { comparablePlaceName, evaluateExtraction } from './extraction-evaluation.js';

const items = loadLabelledNews();
const testIds = new Set(
  (JSON.parse(readFileSync(new URL('ebs-news.split.json', ebsDataDirectory), 'utf8')) as { test: string[] })
    .test,
);

describe('extraction accuracy (PADI-web reports F ≈ 0.95 for diseases, 0.80 for places, 0.85 for counts)', () => {
  it('meets its floors on the test part of the labelled set', () => {
    // The rules were written while reading the whole labelled set, so these figures are optimistic;
    // the set written after the rules were frozen (next test) is the fairer one.
    const scores = evaluateExtraction(items.filter((i) => testIds.has(i.id)));
    expect(scores.disease.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(scores.places.precision).toBeGreaterThanOrEqual(0.95);
    expect(scores.places.recall).toBeGreaterThanOrEqual(0.95);
    expect(scores.cases.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(scores.deaths.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('meets its floors on items written after the rules were frozen', () => {
    const scores = evaluateExtraction(loadLabelledNews(new URL('ebs-news-fresh.jsonl', ebsDataDirectory)));
    expect(scores.disease.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(scores.places.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.places.recall).toBeGreaterThanOrEqual(0.9);
    expect(scores.cases.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(scores.deaths.accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('compares place names without their administrative suffixes', () => {
    expect(comparablePlaceName('株洲市')).toBe(comparablePlaceName('株洲'));
    expect(comparablePlaceName('Tianyuan District')).toBe('tianyuan');
    expect(comparablePlaceName('广西壮族自治区')).toBe('广西');
  });
});
