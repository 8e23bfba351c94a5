/**
 * The two keys a news item is de-duplicated by: its URL (normalised, so the same article linked with a
 * tracking parameter or a fragment is one item) and a hash of its title and publication time (so the
 * same story reached through two feeds, or pasted twice, is one item).
 */
import { createHash } from 'node:crypto';
import type { NewsItem } from '../ebs/index.js';

/** Query parameters that only track where a click came from (Google Analytics' utm_*, and the like). */
const TRACKING_PARAMETER = /^(utm_[a-z]+|spm|from|fbclid|gclid|share_token)$/i;

/**
 * The URL in one canonical form: scheme and host lower-cased (WHATWG URL parsing does that), fragment
 * and tracking parameters dropped, the remaining parameters sorted. Not a URL: returned trimmed.
 */
export function normaliseNewsUrl(url: string): string {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return trimmed;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return trimmed;
  parsed.hash = '';
  const kept = [...parsed.searchParams.entries()]
    .filter(([name]) => !TRACKING_PARAMETER.test(name))
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  parsed.search = '';
  for (const [name, value] of kept) parsed.searchParams.append(name, value);
  return parsed.toString();
}

/** Title text compared loosely: NFKC (full-width → ASCII), case and runs of white space ignored. */
export function comparableTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A publication time compared as an instant (or a calendar date, when only that is known). */
function comparablePublished(published: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(published)) return published;
  const ms = Date.parse(published);
  return Number.isNaN(ms) ? published : new Date(ms).toISOString();
}

/**
 * SHA-256 of (title, published). An item without a publication date is keyed by its title and its
 * text instead, so two different undated items that share a headline stay two items.
 */
export function newsContentKey(item: Pick<NewsItem, 'title' | 'text' | 'published'>): string {
  const parts =
    item.published === undefined
      ? [comparableTitle(item.title), 'text', comparableTitle(item.text)]
      : [comparableTitle(item.title), 'published', comparablePublished(item.published)];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
