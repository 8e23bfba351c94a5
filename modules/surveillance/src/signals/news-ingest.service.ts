/**
 * Ingestion of news items, whatever their way in (posted, pasted, imported, polled): parse, classify and
 * extract, drop duplicates (same URL, or same title and publication time), store every new item —
 * relevant or not — and cluster the relevant ones into signals, all in one transaction that also
 * publishes the signals' change-feed events.
 */
import { newId, type Clock, type FieldIssue, type ListParams, type Page } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { AccessContext } from '@shuzhi/identity';
import { detectLanguage, parseFeed, type NewsItem, type SignalItem } from '../ebs/index.js';
import type { NewsItemRow } from './news-item-rows.js';
import { toNewsItemView } from './news-item-rows.js';
import type { ExistingItem, NewsItemFilter, NewsItemsRepository } from './news-items.repository.js';
import {
  isPrepared,
  keyNewsItem,
  prepareNewsItem,
  prepareNewsItems,
  type KeyedNewsItem,
  type PreparedBatch,
  type PreparedNewsItem,
} from './news-preparation.js';
import type { ChangeFeedPort, Executor } from './ports.js';
import type { SignalClusterer } from './signal-clusterer.js';
import { validateInput } from './validate-input.js';
import {
  postedNewsItemSchema,
  type IngestOutcome,
  type IngestReport,
  type NewsBatch,
  type NewsItemView,
  type NewsOrigin,
  type PostedNewsItem,
} from './signals.schema.js';

export interface IngestSource {
  origin: NewsOrigin;
  feedId?: string | null;
}

export interface NewsIngestOptions {
  /** GB/T 2260 codes of the platform's own area (the demo city: `4302`). */
  homeArea?: readonly string[];
}

export interface NewsIngestDeps {
  database: Database;
  items: NewsItemsRepository;
  clusterer: SignalClusterer;
  feed: ChangeFeedPort;
  clock: Clock;
}

export class NewsIngestService {
  private readonly database: Database;
  private readonly items: NewsItemsRepository;
  private readonly clusterer: SignalClusterer;
  private readonly feed: ChangeFeedPort;
  private readonly clock: Clock;

  constructor(
    deps: NewsIngestDeps,
    private readonly options: NewsIngestOptions = {},
  ) {
    this.database = deps.database;
    this.items = deps.items;
    this.clusterer = deps.clusterer;
    this.feed = deps.feed;
    this.clock = deps.clock;
  }

  /**
   * Keys every item and classifies and extracts the ones not stored yet (CPU, plus one lookup of the
   * keys); call outside any transaction (on SQLite an open transaction holds the one connection this
   * lookup needs). The result goes to `storeWithin`, which checks again under the clustering lock.
   */
  async prepare(items: readonly NewsItem[]): Promise<PreparedBatch> {
    const keyed = items.map(keyNewsItem);
    const stored = await this.items.findExisting(
      this.database.db,
      keyed.flatMap((k) => (k.url ? [k.url] : [])),
      keyed.map((k) => k.contentKey),
    );
    const urls = new Set(stored.map((s) => s.url));
    const keys = new Set(stored.map((s) => s.content_key));
    return prepareNewsItems(
      items,
      this.preparationOptions(),
      (k) => (k.url !== null && urls.has(k.url)) || keys.has(k.contentKey),
    );
  }

  private preparationOptions() {
    return { now: this.clock.now(), ...(this.options.homeArea ? { homeArea: this.options.homeArea } : {}) };
  }

  /** Ingests items in one transaction and wakes change-feed subscribers after it committed. */
  async ingest(
    ctx: AccessContext,
    items: readonly NewsItem[],
    source: IngestSource,
    issues: readonly FieldIssue[] = [],
  ): Promise<IngestReport> {
    const batch = await this.prepare(items);
    const report = await this.database.db
      .transaction()
      .execute((trx) => this.storeWithin(trx, ctx, batch.prepared, source));
    this.feed.notify();
    return { ...report, received: items.length, issues: [...issues, ...batch.issues] };
  }

  /** One item posted as fields (the web form); its language is detected from its script unless given. */
  async ingestPosted(ctx: AccessContext, posted: PostedNewsItem): Promise<IngestReport> {
    const data = validateInput(postedNewsItemSchema, posted, 'news item');
    const title = data.title || (data.text.split('\n')[0] ?? '').slice(0, 120);
    const item: NewsItem = {
      title,
      text: data.text,
      lang: data.lang ?? detectLanguage(`${title}\n${data.text}`),
      ...(data.url ? { url: data.url } : {}),
      ...(data.published ? { published: data.published } : {}),
      ...(data.source ? { source: data.source } : {}),
    };
    return this.ingest(ctx, [item], { origin: 'api' });
  }

  /** A pasted or posted body: plain text (`---` between items), JSON, RSS or Atom. */
  async ingestBatch(ctx: AccessContext, batch: NewsBatch): Promise<IngestReport> {
    const format = batch.format ?? 'auto';
    const feed = parseFeed(batch.content, format === 'auto' ? undefined : format);
    return this.ingest(ctx, feed.items, { origin: 'api' }, feed.issues);
  }

  /**
   * Stores prepared items inside the caller's transaction (a file import runs it in the hub's). Takes
   * the clustering lock first: it also serialises the duplicate check, so two processes ingesting the
   * same story at once store it once.
   */
  async storeWithin(
    executor: Executor,
    ctx: AccessContext,
    prepared: readonly KeyedNewsItem[],
    source: IngestSource,
  ): Promise<Omit<IngestReport, 'received' | 'issues'>> {
    const now = this.clock.now().toISOString();
    const head = await this.clusterer.lock(executor);
    const existing = await this.items.findExisting(
      executor,
      prepared.flatMap((p) => (p.url ? [p.url] : [])),
      prepared.map((p) => p.contentKey),
    );
    const byUrl = new Map(existing.filter((e) => e.url !== null).map((e) => [e.url!, e]));
    const byKey = new Map(existing.map((e) => [e.content_key, e]));
    const rows: NewsItemRow[] = [];
    const outcomes: IngestOutcome[] = [];
    for (const p of prepared) {
      const duplicate = (p.url ? byUrl.get(p.url) : undefined) ?? byKey.get(p.contentKey);
      if (duplicate) {
        outcomes.push(outcomeOf(duplicate, true));
        continue;
      }
      // Stored when prepared, gone now (items are never deleted, so this is a safeguard): read it here.
      const row = this.rowOf(
        isPrepared(p) ? p : prepareNewsItem(p.item, this.preparationOptions()),
        ctx,
        source,
        now,
      );
      rows.push(row);
      const seen: ExistingItem = { ...row, signal_id: null };
      if (row.url) byUrl.set(row.url, seen);
      byKey.set(row.content_key, seen);
      outcomes.push(outcomeOf(seen, false));
    }
    await this.items.insert(executor, rows);
    const relevant = rows.filter((r) => r.relevant);
    const clustered = await this.clusterer.cluster(
      executor,
      head,
      relevant.map((r) => ({
        itemId: r.id,
        title: r.title,
        score: r.score,
        signalItem: signalItemOf(r),
      })),
      now,
    );
    for (const outcome of outcomes) {
      const signalId = clustered.signalOf.get(outcome.itemId);
      if (signalId) {
        outcome.signalId = signalId;
        outcome.signalCreated = !outcome.duplicate && clustered.created.includes(signalId);
      }
    }
    await this.feed.publish(executor, clustered.events);
    return {
      stored: rows.length,
      duplicates: outcomes.filter((o) => o.duplicate).length,
      relevant: relevant.length,
      signalsCreated: clustered.created,
      signalsUpdated: clustered.updated,
      items: outcomes,
    };
  }

  async listItems(filter: NewsItemFilter, params: ListParams): Promise<Page<NewsItemView>> {
    const page = await this.items.list(filter, params);
    return { ...page, items: page.items.map(toNewsItemView) };
  }

  private rowOf(p: PreparedNewsItem, ctx: AccessContext, source: IngestSource, now: string): NewsItemRow {
    const facts = p.processed.extraction;
    return {
      id: newId('news'),
      url: p.url,
      content_key: p.contentKey,
      title: p.item.title,
      text: p.item.text,
      source: p.item.source ?? null,
      published: p.item.published ?? null,
      lang: p.item.lang,
      relevant: p.processed.relevant,
      score: p.processed.score,
      event_date: p.signalItem.date,
      disease_id: facts.diseases[0]?.id ?? null,
      place_code: facts.places[0]?.code ?? null,
      cases: facts.cases ?? null,
      deaths: facts.deaths ?? null,
      extraction: facts,
      highlights: p.highlights,
      signal_id: null,
      origin: source.origin,
      feed_id: source.feedId ?? null,
      ingested_by: ctx.principal.id,
      ingested_at: now,
    };
  }
}

/** The clustering input of a stored row (the same item the preparation built, under its stored id). */
function signalItemOf(row: NewsItemRow): SignalItem {
  return {
    id: row.id,
    lang: row.lang,
    title: row.title,
    text: row.text,
    date: row.event_date,
    facts: row.extraction,
  };
}

function outcomeOf(item: ExistingItem, duplicate: boolean): IngestOutcome {
  return {
    itemId: item.id,
    title: item.title,
    lang: item.lang,
    duplicate,
    relevant: item.relevant,
    score: Number(item.score),
    signalId: item.signal_id,
    signalCreated: false,
  };
}
