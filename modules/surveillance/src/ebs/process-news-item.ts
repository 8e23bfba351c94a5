/**
 * The lead's entry point for one news item: is it relevant (the classifier's probability and decision)
 * and what does it say (disease, places, dates, counts). `toSignalItem` then hands a relevant item to
 * signal clustering.
 */
import { invalidField } from '@shuzhi/core';
import type { EpiFacts, NewsItem } from './types.js';
import {
  committedRelevanceModel,
  scoreRelevance,
  type RelevanceModel,
} from './classifier/relevance-model.js';
import { calendarDateOf } from './extraction/calendar.js';
import { extractEpiFacts } from './extraction/extract-facts.js';
import type { Gazetteer } from './extraction/gazetteer/gazetteer.js';
import type { SignalItem } from './signals/signal-clustering.js';

export interface ProcessNewsOptions {
  /** Now, for items without a publication date (relative words such as 今天 resolve against it). */
  now: Date | string;
  /** GB/T 2260 codes of the platform's own area (e.g. ['4302'] for Zhuzhou): local names resolve inside it. */
  homeArea?: readonly string[];
  /** Defaults to the committed model. */
  model?: RelevanceModel;
  gazetteer?: Gazetteer;
}

export interface ProcessedNewsItem {
  relevant: boolean;
  /** P(relevant) from the classifier, in [0, 1]. */
  score: number;
  extraction: EpiFacts;
}

function checkItem(item: NewsItem): void {
  if (typeof item.title !== 'string' || typeof item.text !== 'string') {
    throw invalidField('item', 'title', 'title and text must be strings');
  }
  if (item.title.trim() === '' && item.text.trim() === '')
    throw invalidField('item', 'text', 'the item is empty');
  if (item.lang !== 'zh' && item.lang !== 'en') throw invalidField('item', 'lang', 'must be zh or en');
  if (item.published !== undefined && calendarDateOf(item.published) === null) {
    throw invalidField('item', 'published', 'must be an ISO 8601 date or instant');
  }
}

/** Classifies and extracts one item. */
export function processNewsItem(item: NewsItem, options: ProcessNewsOptions): ProcessedNewsItem {
  checkItem(item);
  const { score, relevant } = scoreRelevance(item, options.model ?? committedRelevanceModel());
  const extraction = extractEpiFacts(item, {
    now: options.now,
    ...(options.homeArea ? { homeArea: options.homeArea } : {}),
    ...(options.gazetteer ? { gazetteer: options.gazetteer } : {}),
  });
  return { relevant, score, extraction };
}

/** A processed item in the shape signal clustering takes; `id` is the lead's stored item id. */
export function toSignalItem(
  id: string,
  item: NewsItem,
  processed: ProcessedNewsItem,
  now: Date | string,
): SignalItem {
  const fallback =
    typeof now === 'string' ? (calendarDateOf(now) ?? now.slice(0, 10)) : now.toISOString().slice(0, 10);
  const date =
    processed.extraction.eventDate ?? (item.published ? calendarDateOf(item.published) : null) ?? fallback;
  return { id, lang: item.lang, title: item.title, text: item.text, date, facts: processed.extraction };
}
