/**
 * Retrains the EBS relevance classifier deterministically and rewrites the committed files:
 *   node --import tsx modules/surveillance/src/ebs/train.ts
 * It recomputes the fixed split (data/ebs-news.split.json), fits on the training part and prints the
 * held-out precision, recall and F1 (logistic regression and the naive Bayes baseline) as Markdown.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ebsDataDirectory, parseLabelledNews } from './dataset/labelled-news.js';
import { splitTestIds, TEST_FRACTION } from './dataset/split.js';
import { relevanceModelFile } from './classifier/relevance-model.js';
import { trainRelevanceModel, type LanguageMetrics } from './classifier/training.js';
import type { BinaryMetrics } from './evaluation/metrics.js';

const dataFile = new URL('ebs-news.jsonl', ebsDataDirectory);
const splitFile = new URL('ebs-news.split.json', ebsDataDirectory);

function row(name: string, m: BinaryMetrics): string {
  const items = m.truePositives + m.falsePositives + m.falseNegatives + m.trueNegatives;
  const f = (x: number): string => x.toFixed(3);
  return `| ${name} | ${items} | ${f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} | ${f(m.accuracy)} | ${m.truePositives}/${m.falsePositives}/${m.falseNegatives}/${m.trueNegatives} |`;
}

function table(title: string, metrics: LanguageMetrics): string {
  return [
    `**${title}**`,
    '',
    '| part | items | precision | recall | F1 | accuracy | TP/FP/FN/TN |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    row('all', metrics.overall),
    row('zh', metrics.zh),
    row('en', metrics.en),
    '',
  ].join('\n');
}

const started = performance.now();
const dataText = readFileSync(dataFile, 'utf8');
const items = parseLabelledNews(dataText);
const testIds = splitTestIds(items);
writeFileSync(
  splitFile,
  `${JSON.stringify(
    {
      rule: `event-grouped, stratified by language and label; test fraction ${TEST_FRACTION}; groups in FNV-1a order (dataset/split.ts)`,
      test: testIds,
    },
    null,
    1,
  )}\n`,
);
const run = trainRelevanceModel(items, new Set(testIds), dataText);
writeFileSync(relevanceModelFile, `${JSON.stringify(run.model, null, 1)}\n`);
const seconds = ((performance.now() - started) / 1000).toFixed(1);

console.log(
  [
    '### EBS relevance classifier (held-out test part)',
    '',
    `Command: \`node --import tsx modules/surveillance/src/ebs/train.ts\` (${seconds} s). Data: ${items.length} items, ` +
      `${run.model.training.trainItems} train / ${run.model.training.testItems} test.`,
    '',
    `Cross-validation on the training part (mean F1 by λ): ${run.crossValidation.map((c) => `λ=${c.l2}: ${c.meanF1.toFixed(3)}`).join(', ')}; chosen λ=${run.model.training.l2}.`,
    '',
    table('Logistic regression (the committed model)', run.logisticHeldOut),
    table('Multinomial naive Bayes (baseline, same features)', run.naiveBayesHeldOut),
  ].join('\n'),
);
