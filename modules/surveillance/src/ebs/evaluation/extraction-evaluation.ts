/**
 * Measures extraction against the labelled set, the way PADI-web reports it (Valentin et al. 2020):
 * disease accuracy (the first disease found is the labelled one), place precision and recall (place
 * names found vs. names labelled, compared without administrative suffixes: 株洲市 = 株洲, Tianyuan
 * District = Tianyuan), and the share of items whose largest stated case and death counts are read
 * exactly.
 */
import { asNewsItem, type LabelledNewsItem } from '../dataset/labelled-news.js';
import { extractEpiFacts, type ExtractionOptions } from '../extraction/extract-facts.js';
import { stripChineseSuffix } from '../extraction/gazetteer/chinese-place-names.js';

export interface ExtractionScores {
  disease: { correct: number; total: number; accuracy: number };
  places: {
    truePositives: number;
    falsePositives: number;
    falseNegatives: number;
    precision: number;
    recall: number;
    f1: number;
  };
  cases: { correct: number; total: number; accuracy: number };
  deaths: { correct: number; total: number; accuracy: number };
}

/** A place name without its administrative suffix, for comparing labels with what was found. */
export function comparablePlaceName(name: string): string {
  const trimmed = name
    .normalize('NFKC')
    .trim()
    .replace(
      /\s+(province|city|district|county|subdistrict|town|township|state|region|prefecture|league|new area)$/i,
      '',
    );
  return stripChineseSuffix(trimmed)
    .replace(/(街道|镇|乡|州|大区)$/, '')
    .toLowerCase();
}

const share = (correct: number, total: number): number => (total === 0 ? 1 : correct / total);

export function evaluateExtraction(
  items: readonly LabelledNewsItem[],
  options: ExtractionOptions = {},
): ExtractionScores {
  let diseaseCorrect = 0;
  let diseaseTotal = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let casesCorrect = 0;
  let casesTotal = 0;
  let deathsCorrect = 0;
  let deathsTotal = 0;
  for (const item of items) {
    const facts = extractEpiFacts(asNewsItem(item), options);
    if (item.relevant && item.disease !== undefined) {
      diseaseTotal += 1;
      if (facts.diseases[0]?.id === item.disease) diseaseCorrect += 1;
    }
    if (item.places !== undefined) {
      const labelled = new Set(item.places.map(comparablePlaceName));
      const found = new Set(facts.placeMentions.map((m) => comparablePlaceName(m.text)));
      for (const name of found)
        if (labelled.has(name)) tp += 1;
        else fp += 1;
      for (const name of labelled) if (!found.has(name)) fn += 1;
    }
    if (item.relevant && item.cases !== undefined) {
      casesTotal += 1;
      if (facts.cases === item.cases) casesCorrect += 1;
    }
    if (item.relevant && item.deaths !== undefined && item.deaths > 0) {
      deathsTotal += 1;
      if (facts.deaths === item.deaths) deathsCorrect += 1;
    }
  }
  const precision = share(tp, tp + fp);
  const recall = share(tp, tp + fn);
  return {
    disease: { correct: diseaseCorrect, total: diseaseTotal, accuracy: share(diseaseCorrect, diseaseTotal) },
    places: {
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    },
    cases: { correct: casesCorrect, total: casesTotal, accuracy: share(casesCorrect, casesTotal) },
    deaths: { correct: deathsCorrect, total: deathsTotal, accuracy: share(deathsCorrect, deathsTotal) },
  };
}
