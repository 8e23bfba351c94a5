/**
 * What to highlight in an item for the epidemiologist reading it: the diseases, places, counts and dates
 * extraction found, as spans of the text extraction read (title, newline, text; normalised). Spans are
 * sorted and never overlap, so the page can cut the text at them directly.
 */
import type { EpiFacts, NewsItem } from '../ebs/index.js';
import { findDiseaseMentions } from '../ebs/extraction/disease-extraction.js';
import { extractionText } from '../ebs/extraction/extract-facts.js';
import type { Highlight } from './signals.schema.js';

/** On overlap the more telling span wins: a disease over a place, a place over a count, a count over a date. */
const priority: Record<Highlight['kind'], number> = { disease: 0, place: 1, count: 2, date: 3 };

/** The text highlights index into. */
export function readTextOf(item: Pick<NewsItem, 'title' | 'text'>): string {
  return extractionText(item);
}

/** Non-overlapping highlight spans, in text order. */
export function highlightsOf(item: Pick<NewsItem, 'title' | 'text' | 'lang'>, facts: EpiFacts): Highlight[] {
  const text = readTextOf(item);
  const candidates: Highlight[] = [
    ...findDiseaseMentions(text, item.lang).map((m) => ({
      start: m.start,
      end: m.end,
      kind: 'disease' as const,
    })),
    ...facts.placeMentions.map((m) => ({ start: m.start, end: m.end, kind: 'place' as const })),
    ...facts.counts.map((m) => ({ start: m.start, end: m.end, kind: 'count' as const })),
    ...facts.dates.map((m) => ({ start: m.start, end: m.end, kind: 'date' as const })),
  ];
  return nonOverlapping(candidates, text.length);
}

/**
 * Keeps the spans that fit in `[0, length)`, preferring by kind (see `priority`) and then the longer
 * span, and drops any span that overlaps one already kept.
 */
export function nonOverlapping(spans: readonly Highlight[], length: number): Highlight[] {
  const ranked = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end))
    .filter((s) => s.start >= 0 && s.end <= length && s.start < s.end)
    .sort(
      (a, b) =>
        priority[a.kind] - priority[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start,
    );
  const kept: Highlight[] = [];
  for (const span of ranked) {
    if (kept.some((k) => k.start < span.end && span.start < k.end)) continue;
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}
