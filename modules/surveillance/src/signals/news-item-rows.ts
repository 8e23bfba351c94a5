/** How news items are stored (every item, relevant or not: both are evidence) and shown through the API. */
import type { EpiFacts } from '../ebs/index.js';
import { placeSummaryOf } from './signal-rows.js';
import { displayTextOf } from './display-text.js';
import type { Highlight, NewsItemView, NewsOrigin } from './signals.schema.js';

export interface NewsItemRow {
  id: string;
  /** Normalised (see news-item-keys.ts). */
  url: string | null;
  content_key: string;
  title: string;
  text: string;
  source: string | null;
  /** ISO 8601 date or UTC instant, as the source gave it. */
  published: string | null;
  lang: 'zh' | 'en';
  relevant: boolean;
  score: number;
  /** The date clustering used (the event date extraction found, else the publication date). */
  event_date: string;
  disease_id: string | null;
  place_code: string | null;
  cases: number | null;
  deaths: number | null;
  extraction: EpiFacts;
  highlights: Highlight[];
  signal_id: string | null;
  origin: NewsOrigin;
  feed_id: string | null;
  ingested_by: string;
  ingested_at: string;
}

export function toNewsItemView(row: NewsItemRow): NewsItemView {
  const facts = row.extraction;
  const shown = displayTextOf(row, row.highlights);
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    url: row.url,
    source: row.source,
    published: row.published,
    lang: row.lang,
    relevant: row.relevant,
    score: Number(row.score),
    eventDate: row.event_date,
    origin: row.origin,
    feedId: row.feed_id,
    signalId: row.signal_id,
    ingestedAt: row.ingested_at,
    diseases: facts.diseases.map((d) => ({
      id: d.id,
      nameEn: d.nameEn,
      nameZh: d.nameZh,
      subtypes: d.subtypes,
    })),
    places: facts.places.map(placeSummaryOf),
    counts: facts.counts.map((c) => ({ measure: c.measure, value: c.value, scope: c.scope })),
    cases: row.cases === null ? null : Number(row.cases),
    deaths: row.deaths === null ? null : Number(row.deaths),
    readText: shown.text,
    highlights: shown.highlights,
  };
}
