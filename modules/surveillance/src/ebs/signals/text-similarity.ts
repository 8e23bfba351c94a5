/**
 * Text similarity for grouping news items into signals: term vectors of Chinese character bigrams and
 * stemmed English content words, compared by cosine. Two reports of one event share their specific
 * words (the school, the street, the pathogen's subtype); the same-language restriction is inherent,
 * so cross-language items are joined by disease, place and date alone.
 */
import { isHan } from '../text/normalize.js';
import { stemEnglish } from '../text/stem.js';

export type TermVector = Record<string, number>;

const stopWords = new Set(
  'a an the and or of in on at to for from by with as is are was were be been has have had it its this that these those said says will would than then there their they he she his her we our not no but which who also after before into over about more most up out new health officials city province district county people cases'.split(
    ' ',
  ),
);

/** Chinese bigrams that appear in nearly every outbreak report and so say nothing about which one. */
const commonChineseBigrams = new Set([
  '病例',
  '疫情',
  '报告',
  '卫健',
  '健委',
  '疾控',
  '控中',
  '中心',
  '通报',
  '累计',
  '新增',
  '部门',
  '目前',
  '已经',
  '患者',
  '检测',
]);

export function termVector(text: string): TermVector {
  const vector: TermVector = {};
  const add = (term: string): void => {
    vector[term] = (vector[term] ?? 0) + 1;
  };
  for (const run of text.match(/[\u3400-\u4dbf\u4e00-\u9fff]+/g) ?? []) {
    const chars = [...run].filter(isHan);
    for (let i = 0; i + 1 < chars.length; i += 1) {
      const bigram = `${chars[i]}${chars[i + 1]}`;
      if (!commonChineseBigrams.has(bigram)) add(bigram);
    }
  }
  for (const word of text.match(/[A-Za-z][A-Za-z'-]+/g) ?? []) {
    const lower = word.toLowerCase().replace(/'s$/, '');
    // Prefixed, so that no term is named like an Object.prototype member (constructor, toString).
    if (!stopWords.has(lower)) add(`w:${stemEnglish(lower)}`);
  }
  return vector;
}

/** Adds `vector` into `into` (a signal's running sum). */
export function addTermVector(into: TermVector, vector: TermVector): TermVector {
  const sum: TermVector = { ...into };
  for (const [term, count] of Object.entries(vector)) sum[term] = (sum[term] ?? 0) + count;
  return sum;
}

export function cosineSimilarity(a: TermVector, b: TermVector): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [term, count] of Object.entries(a)) {
    normA += count * count;
    const other = b[term];
    if (other !== undefined) dot += count * other;
  }
  for (const count of Object.values(b)) normB += count * count;
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
