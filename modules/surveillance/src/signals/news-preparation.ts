/**
 * The pure half of ingestion: each news item keyed for de-duplication, then classified and extracted
 * (`processNewsItem`) with its highlights, ready to be stored. No I/O, so a file import can do it before
 * its transaction and a feed poll before taking the clustering lock; items already stored are only keyed.
 */
import { AppError, type FieldIssue } from '@shuzhi/core';
import {
  processNewsItem,
  toSignalItem,
  type NewsItem,
  type ProcessedNewsItem,
  type SignalItem,
} from '../ebs/index.js';
import { highlightsOf } from './highlights.js';
import { newsContentKey, normaliseNewsUrl } from './news-item-keys.js';
import type { Highlight } from './signals.schema.js';

/** An item with its de-duplication keys. */
export interface KeyedNewsItem {
  item: NewsItem;
  /** Normalised URL, when the item has one. */
  url: string | null;
  contentKey: string;
}

export interface PreparedNewsItem extends KeyedNewsItem {
  processed: ProcessedNewsItem;
  highlights: Highlight[];
  /** The item as clustering takes it (its id is filled in once stored). */
  signalItem: SignalItem;
}

export interface PreparationOptions {
  now: Date;
  /** GB/T 2260 codes of the platform's own area: ambiguous local place names resolve inside it. */
  homeArea?: readonly string[];
}

export interface PreparedBatch {
  /** In input order; an item already stored (see `prepareNewsItems`' `isStored`) is only keyed. */
  prepared: KeyedNewsItem[];
  /** Items that could not be read, by their index in the batch. */
  issues: FieldIssue[];
}

export function keyNewsItem(item: NewsItem): KeyedNewsItem {
  return { item, url: item.url ? normaliseNewsUrl(item.url) : null, contentKey: newsContentKey(item) };
}

export function isPrepared(entry: KeyedNewsItem): entry is PreparedNewsItem {
  return 'processed' in entry;
}

/** Prepares one item; throws `invalid_input` naming the field when it is not a news item. */
export function prepareNewsItem(item: NewsItem, options: PreparationOptions): PreparedNewsItem {
  const processed = processNewsItem(item, {
    now: options.now,
    ...(options.homeArea ? { homeArea: options.homeArea } : {}),
  });
  return {
    ...keyNewsItem(item),
    processed,
    highlights: highlightsOf(item, processed.extraction),
    signalItem: toSignalItem('', item, processed, options.now),
  };
}

/**
 * Prepares a batch, collecting the items that are not news items as issues instead of failing. Items
 * `isStored` says are stored already are only keyed: a feed polled again costs a lookup, not a reading.
 */
export function prepareNewsItems(
  items: readonly NewsItem[],
  options: PreparationOptions,
  isStored: (keyed: KeyedNewsItem) => boolean = () => false,
): PreparedBatch {
  const prepared: KeyedNewsItem[] = [];
  const issues: FieldIssue[] = [];
  items.forEach((item, index) => {
    try {
      const keyed = keyNewsItem(item);
      prepared.push(isStored(keyed) ? keyed : prepareNewsItem(item, options));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const first = error.issues[0];
      issues.push({ record: index, field: first?.field ?? 'item', reason: first?.reason ?? error.message });
    }
  });
  return { prepared, issues };
}
