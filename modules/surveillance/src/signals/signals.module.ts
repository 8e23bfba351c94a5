/** Wires event-based surveillance: repositories → clusterer → services, the feed poller and the `news` import. */
import { yieldToEventLoop, type Clock, type OutboundFetch } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import { systemContext } from '@shuzhi/identity';
import { defaultGazetteer, type SignalOptions } from '../ebs/index.js';
import { NewsFeedsRepository } from './news-feeds.repository.js';
import { NewsFeedsService } from './news-feeds.service.js';
import { newsImportHandler } from './news-import.handler.js';
import { NewsIngestService } from './news-ingest.service.js';
import { NewsItemsRepository } from './news-items.repository.js';
import { NewsPoller } from './news-poller.js';
import type { KeyedNewsItem } from './news-preparation.js';
import type { AuditPort, ChangeFeedPort, NewsImportHandlerShape } from './ports.js';
import { SignalClusterer } from './signal-clusterer.js';
import { SignalsRepository } from './signals.repository.js';
import { SignalsService } from './signals.service.js';

export interface SignalsModule {
  signals: SignalsService;
  news: NewsIngestService;
  feeds: NewsFeedsService;
  poller: NewsPoller;
  /** Register with `platform.hub.imports.register(...)`: `shuzhi import news FILE` and the web upload. */
  importHandler: NewsImportHandlerShape<KeyedNewsItem>;
  /** Builds the gazetteer's Chinese and English indexes (2–4 s of CPU) so the first item does not wait. */
  warmUp(): Promise<void>;
}

export interface SignalsModuleDeps {
  /** `platform.hub.feed`. */
  feed: ChangeFeedPort;
  /** `platform.identity.audit`. */
  audit: AuditPort;
}

export interface SignalsModuleOptions {
  /** GB/T 2260 codes of the platform's own area (the demo city: `['4302']`). */
  homeArea?: readonly string[];
  /** Time between poller rounds (default one minute). */
  pollIntervalMs?: number;
  /** HTTP client for feeds (tests may inject one). */
  fetch?: OutboundFetch;
  /** Allow feeds on private and local addresses (default false; a guard against server-side request forgery). */
  allowPrivateAddresses?: boolean;
  /** Clustering parameters (defaults: the core's, chosen on the labelled set). */
  clustering?: Partial<SignalOptions>;
}

export function createSignalsModule(
  database: Database,
  clock: Clock,
  deps: SignalsModuleDeps,
  options: SignalsModuleOptions = {},
): SignalsModule {
  const items = new NewsItemsRepository(database);
  const signalsRepository = new SignalsRepository(database);
  const clusterer = new SignalClusterer(signalsRepository, items, options.clustering);
  const news = new NewsIngestService(
    { database, items, clusterer, feed: deps.feed, clock },
    { ...(options.homeArea ? { homeArea: options.homeArea } : {}) },
  );
  const signals = new SignalsService({
    database,
    signals: signalsRepository,
    items,
    clusterer,
    feed: deps.feed,
    audit: deps.audit,
    clock,
  });
  const feeds = new NewsFeedsService(new NewsFeedsRepository(database), news, clock, {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    allowPrivateAddresses: options.allowPrivateAddresses ?? false,
  });
  const poller = new NewsPoller(feeds, signals, systemContext('news-poller', 'surveillance', clock), {
    intervalMs: options.pollIntervalMs ?? 60_000,
  });
  return {
    signals,
    news,
    feeds,
    poller,
    importHandler: newsImportHandler(news, deps.feed),
    async warmUp() {
      // Yield first: the caller (server start-up) goes on; the indexes are built on a later turn.
      await yieldToEventLoop();
      const gazetteer = defaultGazetteer();
      // Let requests waiting since the Chinese index was built run before the English one is.
      await yieldToEventLoop();
      gazetteer.findPlaceMentions('Zhuzhou, Hunan', 'en');
    },
  };
}
