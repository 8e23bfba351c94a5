/**
 * Measures signal clustering against the labelled set's event keys: the relevant items are extracted,
 * fed to `addItem` in publication order, and the resulting signals are compared with the events by
 * pairwise precision and recall.
 */
import { asNewsItem, type LabelledNewsItem } from '../dataset/labelled-news.js';
import { extractEpiFacts, type ExtractionOptions } from '../extraction/extract-facts.js';
import {
  addItem,
  createSignalState,
  type SignalItem,
  type SignalOptions,
  type SignalState,
} from '../signals/signal-clustering.js';
import { pairwiseClusterMetrics, type PairwiseMetrics } from './metrics.js';

/** Labelled relevant items as clustering input, in the order a live feed would deliver them. */
export function signalItemsOf(
  items: readonly LabelledNewsItem[],
  options: ExtractionOptions = {},
): SignalItem[] {
  return items
    .filter((item) => item.relevant)
    .sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : a.id < b.id ? -1 : 1))
    .map((item) => {
      const facts = extractEpiFacts(asNewsItem(item), options);
      return {
        id: item.id,
        lang: item.lang,
        title: item.title,
        text: item.text,
        date: facts.eventDate ?? item.published,
        facts,
      };
    });
}

export function clusterItems(
  items: readonly SignalItem[],
  options: Partial<SignalOptions> = {},
): SignalState {
  let state = createSignalState(options);
  for (const item of items) state = addItem(state, item).state;
  return state;
}

/** Pairwise precision/recall of clustering `items` against their event keys. */
export function evaluateClustering(
  labelled: readonly LabelledNewsItem[],
  items: readonly SignalItem[],
  options: Partial<SignalOptions> = {},
): PairwiseMetrics & { signals: number; events: number } {
  const state = clusterItems(items, options);
  const clusterOf = new Map<string, string>();
  for (const signal of state.signals) for (const id of signal.itemIds) clusterOf.set(id, signal.id);
  const groupOf = new Map<string, string>();
  for (const item of labelled) if (item.relevant) groupOf.set(item.id, item.event_key ?? item.id);
  const inScope = new Map([...groupOf].filter(([id]) => clusterOf.has(id)));
  return {
    ...pairwiseClusterMetrics(clusterOf, inScope),
    signals: state.signals.length,
    events: new Set(inScope.values()).size,
  };
}
