/**
 * PADI-web's extraction step for one item: disease, places, dates and counts from the title and text
 * together (normalised, title first, then a newline, then the text; all offsets refer to that string).
 */
import type { EpiFacts, NewsItem, PlaceMention, PlaceRef } from '../types.js';
import { normalizeNewsText } from '../text/normalize.js';
import { calendarDateOf } from './calendar.js';
import { findCountMentions } from './count-extraction.js';
import { eventDateOf, findDateMentions } from './date-extraction.js';
import { findDiseaseMentions, summarizeDiseases } from './disease-extraction.js';
import { defaultGazetteer, type Gazetteer } from './gazetteer/gazetteer.js';

export interface ExtractionOptions {
  /** Reference date for relative words when the item has no publication date (ISO date or instant). */
  now?: Date | string;
  /** GB/T 2260 codes or place ids of the platform's own area; ambiguous local names resolve inside it. */
  homeArea?: readonly string[];
  gazetteer?: Gazetteer;
}

/** The text extraction reads: title and body, normalised, joined by a newline. */
export function extractionText(item: Pick<NewsItem, 'title' | 'text'>): string {
  return normalizeNewsText(`${item.title}\n${item.text}`);
}

function referenceDateOf(item: NewsItem, now: Date | string | undefined): string | null {
  const published = item.published === undefined ? null : calendarDateOf(item.published);
  if (published) return published;
  if (now === undefined) return null;
  return typeof now === 'string' ? calendarDateOf(now) : now.toISOString().slice(0, 10);
}

/** Places no other named place lies inside: 天元区 drops out when 嵩山路街道 is named. */
function mostSpecificPlaces(mentions: readonly PlaceMention[]): PlaceRef[] {
  const unique = new Map<string, PlaceRef>();
  for (const mention of mentions) unique.set(mention.place.id, mention.place);
  const containing = new Set<string>();
  for (const place of unique.values()) for (const ancestor of place.ancestors) containing.add(ancestor);
  return [...unique.values()].filter((place) => !containing.has(place.id));
}

function maxOf(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : Math.max(...values);
}

/** The epidemiological facts in `item`. */
export function extractEpiFacts(item: NewsItem, options: ExtractionOptions = {}): EpiFacts {
  const text = extractionText(item);
  const gazetteer = options.gazetteer ?? defaultGazetteer();
  const diseaseMentions = findDiseaseMentions(text, item.lang);
  const placeMentions = gazetteer
    .findPlaceMentions(text, item.lang, options.homeArea ? { homeArea: options.homeArea } : {})
    // A disease named after a place (Marburg, West Nile) is the disease there, not the place.
    .filter((place) => !diseaseMentions.some((d) => d.start < place.end && place.start < d.end));
  const reference = referenceDateOf(item, options.now);
  const dates = reference === null ? [] : findDateMentions(text, reference);
  const counts = findCountMentions(text, item.lang);
  const caseCounts = counts.filter((c) => c.measure === 'cases' || c.measure === 'hospitalised');
  const facts: EpiFacts = {
    diseases: summarizeDiseases(diseaseMentions),
    places: mostSpecificPlaces(placeMentions),
    placeMentions,
    dates,
    counts,
  };
  if (reference !== null) facts.eventDate = eventDateOf(dates, reference);
  const cases = maxOf(caseCounts.map((c) => c.value));
  if (cases !== undefined) facts.cases = cases;
  const newCases = maxOf(caseCounts.filter((c) => c.scope === 'new').map((c) => c.value));
  if (newCases !== undefined) facts.newCases = newCases;
  const cumulativeCases = maxOf(caseCounts.filter((c) => c.scope === 'cumulative').map((c) => c.value));
  if (cumulativeCases !== undefined) facts.cumulativeCases = cumulativeCases;
  const deaths = maxOf(counts.filter((c) => c.measure === 'deaths').map((c) => c.value));
  if (deaths !== undefined) facts.deaths = deaths;
  return facts;
}
