/**
 * Event-based surveillance (EBS, the PADI-web idea): parse news feeds, keep the relevant items with a
 * trained classifier, extract disease, place, date and counts, and cluster items into signals.
 */
export type {
  NewsItem,
  NewsLanguage,
  EpiFacts,
  PlaceRef,
  PlaceLevel,
  PlaceCodeScheme,
  PlaceMention,
  DiseaseMention,
  ExtractedDisease,
  DateMention,
  CountMention,
  CountMeasure,
  CountScope,
} from './types.js';
export {
  processNewsItem,
  toSignalItem,
  type ProcessNewsOptions,
  type ProcessedNewsItem,
} from './process-news-item.js';
export { parseFeed, type ParsedFeed, type FeedFormat, type ParseFeedOptions } from './feeds/parse-feed.js';
export { parseFeedDate } from './feeds/feed-dates.js';
export { detectLanguage } from './text/language.js';
export {
  addItem,
  createSignalState,
  mergeSignals,
  retireSignals,
  summarizeSignal,
  defaultSignalOptions,
  type Signal,
  type SignalItem,
  type SignalOptions,
  type SignalState,
  type SignalSummary,
  type AddItemResult,
} from './signals/signal-clustering.js';
export { extractEpiFacts, type ExtractionOptions } from './extraction/extract-facts.js';
export { Gazetteer, defaultGazetteer, type PlaceLookupOptions } from './extraction/gazetteer/gazetteer.js';
export { diseaseDictionary, type DiseaseEntry } from './extraction/diseases.js';
export { parseChineseNumber } from './numbers/chinese-numerals.js';
export { parseEnglishNumber } from './numbers/english-numbers.js';
export {
  committedRelevanceModel,
  scoreRelevance,
  type RelevanceModel,
  type RelevanceScore,
} from './classifier/relevance-model.js';
