/**
 * Throughput of the EBS pipeline, printed as a Markdown section for docs/benchmarks.md:
 *   node --import tsx modules/surveillance/src/ebs/throughput.ts [--quick]
 * Measures, on the labelled items repeated to a fixed count, items per second for feature extraction
 * alone (the baseline: the least any classifier must do), relevance scoring, full processing
 * (scoring + extraction) and signal clustering, each as a ratio to the baseline; and the one-off
 * cost of building the gazetteer. The lead may move it under bench/ (bench/ebs.ts).
 */
import os from 'node:os';
import { itemFeatures } from './classifier/features.js';
import { committedRelevanceModel, scoreRelevance } from './classifier/relevance-model.js';
import { asNewsItem, loadLabelledNews } from './dataset/labelled-news.js';
import { Gazetteer } from './extraction/gazetteer/gazetteer.js';
import { processNewsItem, toSignalItem } from './process-news-item.js';
import { addItem, createSignalState } from './signals/signal-clustering.js';
import type { NewsItem } from './types.js';

const quick = process.argv.includes('--quick');
const itemCount = quick ? 200 : 5000;

function timed<T>(run: () => T): { seconds: number; result: T } {
  const started = performance.now();
  const result = run();
  return { seconds: (performance.now() - started) / 1000, result };
}

const labelled = loadLabelledNews();
const items: NewsItem[] = Array.from({ length: itemCount }, (_, i) =>
  asNewsItem(labelled[i % labelled.length]!),
);
const now = '2025-01-01T00:00:00Z';

const gazetteerBuild = timed(() => new Gazetteer());
const gazetteer = gazetteerBuild.result;
const englishIndex = timed(() => gazetteer.findPlaceMentions('Zhuzhou', 'en'));
committedRelevanceModel();
// Warm up the code paths once so that the first measurement does not pay for compilation.
for (const item of items.slice(0, 50)) processNewsItem(item, { now, gazetteer });

const features = timed(() => items.forEach((item) => itemFeatures(item)));
const scoring = timed(() => items.forEach((item) => scoreRelevance(item)));
const processing = timed(() => items.map((item) => processNewsItem(item, { now, gazetteer })));
const clustering = timed(() => {
  let state = createSignalState();
  processing.result.forEach((processed, i) => {
    if (processed.relevant)
      state = addItem(state, toSignalItem(`item-${i}`, items[i]!, processed, now)).state;
  });
  return state;
});
const relevantCount = processing.result.filter((p) => p.relevant).length;

const rate = (count: number, seconds: number): number => count / seconds;
const baseline = rate(itemCount, features.seconds);
const row = (name: string, count: number, seconds: number): string => {
  const perSecond = rate(count, seconds);
  return `| ${name} | ${count} | ${seconds.toFixed(3)} | ${Math.round(perSecond)} | ${(perSecond / baseline).toFixed(2)} |`;
};

console.log(
  [
    '### EBS pipeline throughput',
    '',
    `Command: \`node --import tsx modules/surveillance/src/ebs/throughput.ts${quick ? ' --quick' : ''}\`. Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, Node ${process.version}, ${os.platform()} ${os.arch()}.`,
    `Items: the ${labelled.length} labelled items repeated to ${itemCount}; one thread.`,
    '',
    '| step | items | seconds | items/s | × baseline |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('features only (baseline)', itemCount, features.seconds),
    row('relevance scoring', itemCount, scoring.seconds),
    row('processNewsItem (scoring + extraction)', itemCount, processing.seconds),
    row(
      `signal clustering (addItem, relevant items; ${clustering.result.signals.length} signals)`,
      relevantCount,
      clustering.seconds,
    ),
    '',
    `One-off: building the gazetteer (Chinese index, ~42 000 places) ${gazetteerBuild.seconds.toFixed(2)} s; the English index on first English item ${englishIndex.seconds.toFixed(2)} s.`,
    '',
  ].join('\n'),
);
