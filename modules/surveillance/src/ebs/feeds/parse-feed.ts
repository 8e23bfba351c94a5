/**
 * One entry point for everything EBS ingests: RSS 2.0 and RSS 1.0 (RDF) feeds, Atom 1.0 feeds (RFC
 * 4287), JSON (an array of items, JSON Feed 1.1's `items`, or a single object) and pasted plain text
 * (title = first line; several items separated by a line of `---`). Each becomes the common item shape
 * with its language detected from its script. Fetching is the caller's business; this is pure.
 */
import { invalidField, type FieldIssue } from '@shuzhi/core';
import type { NewsItem, NewsLanguage } from '../types.js';
import { detectLanguage } from '../text/language.js';
import { parseFeedDate } from './feed-dates.js';
import { htmlToText } from './html-text.js';
import {
  childElements,
  descendants,
  firstChild,
  localName,
  parseXml,
  textContent,
  type XmlElement,
} from './xml.js';

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json' | 'text';

export interface ParsedFeed {
  format: FeedFormat;
  /** The feed's own title, when it has one. */
  title?: string;
  items: NewsItem[];
  /** Items left out and fields not understood, each naming the item (0-based index) and field. */
  issues: FieldIssue[];
}

export interface ParseFeedOptions {
  /** UTC offset for dates written without a zone (default +08:00, China Standard Time). */
  defaultUtcOffset?: string;
  /** Largest input accepted, in UTF-16 code units (default 20 million). */
  maxLength?: number;
}

const DEFAULT_MAX_LENGTH = 20_000_000;
/** A title made from the text when an item has none: its first line, cut to this length. */
const DERIVED_TITLE_LENGTH = 120;

interface RawItem {
  title?: string;
  text?: string;
  url?: string;
  published?: string;
  source?: string;
  lang?: string;
}

function languageOf(declared: string | undefined, title: string, text: string): NewsLanguage {
  const tag = declared?.trim().toLowerCase();
  if (tag?.startsWith('zh')) return 'zh';
  if (tag?.startsWith('en')) return 'en';
  return detectLanguage(`${title}\n${text}`);
}

/** Turns raw fields into items, recording why any are left out. */
function toItems(raw: readonly RawItem[], options: ParseFeedOptions, issues: FieldIssue[]): NewsItem[] {
  const items: NewsItem[] = [];
  raw.forEach((entry, index) => {
    const text = (entry.text ?? '').trim();
    let title = (entry.title ?? '').trim();
    if (title === '' && text === '') {
      issues.push({ record: index, field: 'title', reason: 'item has neither a title nor text; left out' });
      return;
    }
    if (title === '') title = (text.split('\n')[0] ?? '').slice(0, DERIVED_TITLE_LENGTH);
    const item: NewsItem = {
      title,
      text: text === '' ? title : text,
      lang: languageOf(entry.lang, title, text),
    };
    if (entry.url?.trim()) item.url = entry.url.trim();
    if (entry.source?.trim()) item.source = entry.source.trim();
    if (entry.published?.trim()) {
      const published = parseFeedDate(entry.published, options.defaultUtcOffset);
      if (published) item.published = published;
      else
        issues.push({
          record: index,
          field: 'published',
          reason: `not a date this reader knows: ${entry.published.slice(0, 60)}`,
        });
    }
    items.push(item);
  });
  return items;
}

function elementText(element: XmlElement | undefined): string | undefined {
  return element === undefined ? undefined : htmlToText(textContent(element));
}

function rssItems(root: XmlElement): { title?: string; items: RawItem[] } {
  const channel = descendants(root, 'channel')[0];
  const feedTitle = channel ? elementText(firstChild(channel, 'title')) : undefined;
  const items = descendants(root, 'item').map((item): RawItem => {
    const link = firstChild(item, 'link');
    const guid = firstChild(item, 'guid');
    const permalink =
      guid && guid.attributes['isPermaLink'] !== 'false' ? textContent(guid).trim() : undefined;
    return {
      title: elementText(firstChild(item, 'title')),
      text: elementText(firstChild(item, 'encoded', 'description', 'summary')),
      url: (link ? textContent(link).trim() || link.attributes['href'] : undefined) ?? permalink,
      published: elementText(firstChild(item, 'pubdate', 'date', 'published', 'updated')),
      source: elementText(firstChild(item, 'source')) ?? feedTitle,
      lang: elementText(firstChild(item, 'language')),
    };
  });
  return { ...(feedTitle ? { title: feedTitle } : {}), items };
}

function atomLink(entry: XmlElement): string | undefined {
  const links = childElements(entry, 'link');
  const alternate = links.find((l) => (l.attributes['rel'] ?? 'alternate') === 'alternate') ?? links[0];
  return alternate?.attributes['href'];
}

/** Atom §4.2.11: an entry copied from another feed names that feed in <source><title>. */
function sourceTitle(entry: XmlElement): string | undefined {
  const source = firstChild(entry, 'source');
  return source ? elementText(firstChild(source, 'title')) : undefined;
}

function atomItems(feed: XmlElement): { title?: string; items: RawItem[] } {
  const feedTitle = elementText(firstChild(feed, 'title'));
  const feedLang = feed.attributes['xml:lang'];
  const items = childElements(feed, 'entry').map((entry): RawItem => ({
    title: elementText(firstChild(entry, 'title')),
    text: elementText(firstChild(entry, 'content', 'summary')),
    url: atomLink(entry),
    published: elementText(firstChild(entry, 'published', 'updated')),
    source: sourceTitle(entry) ?? feedTitle,
    lang: entry.attributes['xml:lang'] ?? feedLang,
  }));
  return { ...(feedTitle ? { title: feedTitle } : {}), items };
}

function parseXmlFeed(text: string, options: ParseFeedOptions): ParsedFeed {
  const document = parseXml(text);
  const root = document.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!root) throw invalidField(undefined, 'body', 'no XML element found');
  const issues: FieldIssue[] = [];
  const kind = localName(root.name);
  if (kind === 'feed') {
    const { title, items } = atomItems(root);
    return { format: 'atom', ...(title ? { title } : {}), items: toItems(items, options, issues), issues };
  }
  if (kind === 'rss' || kind === 'rdf' || kind === 'channel') {
    const { title, items } = rssItems(root);
    return {
      format: kind === 'rdf' ? 'rdf' : 'rss',
      ...(title ? { title } : {}),
      items: toItems(items, options, issues),
      issues,
    };
  }
  throw invalidField(undefined, 'body', `XML root <${root.name}> is neither an RSS nor an Atom feed`);
}

const jsonTitleFields = ['title', 'headline', 'name'];
const jsonTextFields = ['text', 'content_text', 'content', 'body', 'description', 'summary', 'content_html'];
const jsonUrlFields = ['url', 'link', 'external_url', 'href'];
const jsonDateFields = [
  'published',
  'date_published',
  'pubDate',
  'publishedAt',
  'date',
  'time',
  'date_modified',
];
const jsonSourceFields = ['source', 'site', 'feed', 'publisher'];

function pick(object: Record<string, unknown>, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const value = object[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number') return String(value);
    if (value && typeof value === 'object' && 'name' in value && typeof value.name === 'string')
      return value.name;
  }
  return undefined;
}

function parseJsonFeed(text: string, options: ParseFeedOptions): ParsedFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidField(undefined, 'body', `not valid JSON: ${(error as Error).message}`);
  }
  let list: unknown[];
  let title: string | undefined;
  if (Array.isArray(value)) list = value;
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const nested = ['items', 'articles', 'data', 'entries', 'results']
      .map((k) => object[k])
      .find(Array.isArray);
    list = nested ?? [object];
    if (nested && typeof object['title'] === 'string') title = object['title'];
  } else {
    throw invalidField(undefined, 'body', 'JSON must be an array of items or an object');
  }
  const issues: FieldIssue[] = [];
  const raw: RawItem[] = list.map((entry, index) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      issues.push({ record: index, field: '(item)', reason: 'not an object' });
      return {};
    }
    const object = entry as Record<string, unknown>;
    const body = pick(object, jsonTextFields);
    return {
      title: pick(object, jsonTitleFields),
      text: body === undefined ? undefined : /<[a-z][\s\S]*>/i.test(body) ? htmlToText(body) : body,
      url: pick(object, jsonUrlFields),
      published: pick(object, jsonDateFields),
      source: pick(object, jsonSourceFields),
      lang: pick(object, ['lang', 'language']),
    };
  });
  return { format: 'json', ...(title ? { title } : {}), items: toItems(raw, options, issues), issues };
}

function parsePlainText(text: string, options: ParseFeedOptions): ParsedFeed {
  const chunks = text.split(/^[ \t]*-{3,}[ \t]*$/m);
  const raw = chunks
    .map((chunk) => chunk.split(/\r?\n/).map((line) => line.trim()))
    .map((lines) => {
      const first = lines.findIndex((line) => line !== '');
      if (first < 0) return null;
      return {
        title: lines[first],
        text: lines
          .slice(first + 1)
          .join('\n')
          .trim(),
      } satisfies RawItem;
    })
    .filter((item): item is { title: string; text: string } => item !== null);
  const issues: FieldIssue[] = [];
  return { format: 'text', items: toItems(raw, options, issues), issues };
}

function formatFromHint(hint: string | undefined): 'xml' | 'json' | 'text' | 'html' | null {
  const type = hint?.split(';')[0]?.trim().toLowerCase();
  if (!type) return null;
  if (type.includes('json')) return 'json';
  if (type.includes('xml') || type.includes('rss') || type.includes('atom')) return 'xml';
  if (type === 'text/html') return 'html';
  if (type.startsWith('text/')) return 'text';
  return null;
}

/**
 * Parses a fetched or pasted body into news items. `contentTypeHint` is an HTTP Content-Type (or a
 * bare `rss`, `atom`, `json`, `text`); without one the body is sniffed. Throws `invalid_input` when the
 * body is too large or claims a format it does not have.
 */
export function parseFeed(
  text: string,
  contentTypeHint?: string,
  options: ParseFeedOptions = {},
): ParsedFeed {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) throw invalidField(undefined, 'body', `larger than ${maxLength} characters`);
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  const hinted =
    contentTypeHint === 'rss' || contentTypeHint === 'atom'
      ? 'xml'
      : contentTypeHint === 'json' || contentTypeHint === 'text'
        ? contentTypeHint
        : formatFromHint(contentTypeHint);
  const format = hinted ?? (trimmed.startsWith('<') ? 'xml' : /^[[{]/.test(trimmed) ? 'json' : 'text');
  switch (format) {
    case 'xml':
      return parseXmlFeed(body, options);
    case 'json':
      if (hinted === null) {
        // Sniffed, not declared: "[快讯] …" pasted as text starts with a bracket too.
        try {
          return parseJsonFeed(body, options);
        } catch {
          return parsePlainText(body, options);
        }
      }
      return parseJsonFeed(body, options);
    case 'html':
      return parsePlainText(htmlToText(body), options);
    case 'text':
      return parsePlainText(body, options);
  }
}
