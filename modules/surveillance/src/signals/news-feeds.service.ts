/**
 * Registered news feeds (RSS, Atom, JSON Feed by URL): register and list them, poll one now, or poll
 * every feed that is due. A poll fetches the feed (conditionally), ingests its items — duplicates of
 * what earlier polls stored are dropped — and records how it went on the feed.
 */
import {
  AppError,
  addMinutes,
  assertPublicDestination,
  newId,
  notFoundOrNoAccess,
  type Clock,
  type ListParams,
  type OutboundFetch,
  type Page,
} from '@shuzhi/core';
import type { AccessContext } from '@shuzhi/identity';
import { parseFeed } from '../ebs/index.js';
import { fetchFeed, type FetchFeedOptions } from './feed-fetcher.js';
import type { NewsIngestService } from './news-ingest.service.js';
import { normaliseNewsUrl } from './news-item-keys.js';
import { toNewsFeedView, type NewsFeedRow, type NewsFeedsRepository } from './news-feeds.repository.js';
import { validateInput } from './validate-input.js';
import { newFeedSchema, type FeedPollReport, type NewFeed, type NewsFeedView } from './signals.schema.js';

export interface NewsFeedsOptions {
  /** The HTTP client (tests may inject one; the default is `outboundFetch` from @shuzhi/core). */
  fetch?: OutboundFetch;
  timeoutMs?: number;
  maxBytes?: number;
  /** Allow feeds on private and local addresses (default false). */
  allowPrivateAddresses?: boolean;
}

/** Feeds polled in one round at most (the rest wait for the next round). */
const DUE_PER_ROUND = 20;

export class NewsFeedsService {
  constructor(
    private readonly feeds: NewsFeedsRepository,
    private readonly ingest: NewsIngestService,
    private readonly clock: Clock,
    private readonly options: NewsFeedsOptions = {},
  ) {}

  async registerFeed(ctx: AccessContext, input: NewFeed): Promise<NewsFeedView> {
    const data = validateInput(newFeedSchema, input, 'feed');
    const url = normaliseNewsUrl(data.url);
    if (await this.feeds.findByUrl(url)) {
      throw new AppError('conflict', `the feed ${url} is already registered`, {
        issues: [{ record: url, field: 'url', reason: 'already registered' }],
      });
    }
    // Refuse a private or local destination at once; a host that does not resolve yet is tried when polled.
    if (!this.options.allowPrivateAddresses)
      await assertPublicDestination(new URL(url), { label: `feed ${url}` }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'forbidden') throw error;
      });
    const now = this.clock.now().toISOString();
    const row: NewsFeedRow = {
      id: newId('nfd'),
      url,
      title: data.title ?? null,
      active: true,
      interval_minutes: data.intervalMinutes,
      // Due at once: the first poll round after registration fetches it.
      next_fetch_at: now,
      last_fetched_at: null,
      last_status: null,
      last_error: null,
      last_new_items: 0,
      items_total: 0,
      etag: null,
      last_modified: null,
      created_by: ctx.principal.id,
      created_at: now,
    };
    await this.feeds.insert(row);
    return toNewsFeedView(row);
  }

  async listFeeds(params: ListParams): Promise<Page<NewsFeedView>> {
    const page = await this.feeds.list(params);
    return { ...page, items: page.items.map(toNewsFeedView) };
  }

  async setActive(id: string, active: boolean): Promise<NewsFeedView> {
    const row = await this.requireFeed(id);
    const patch: Partial<NewsFeedRow> = {
      active,
      ...(active ? { next_fetch_at: this.clock.now().toISOString() } : {}),
    };
    await this.feeds.update(id, patch);
    return toNewsFeedView({ ...row, ...patch });
  }

  /** Polls one feed now, whether due or not; a failed fetch is recorded on the feed and reported. */
  async pollFeed(ctx: AccessContext, id: string): Promise<FeedPollReport> {
    return this.poll(ctx, await this.requireFeed(id));
  }

  /** Polls every active feed that is due, one after another; returns what each poll did. */
  async pollDueFeeds(ctx: AccessContext): Promise<FeedPollReport[]> {
    const now = this.clock.now();
    const reports: FeedPollReport[] = [];
    for (const feed of await this.feeds.due(now.toISOString(), DUE_PER_ROUND)) {
      const next = addMinutes(now, Number(feed.interval_minutes)).toISOString();
      if (!(await this.feeds.claim(feed.id, feed.next_fetch_at, next))) continue;
      reports.push(await this.poll(ctx, { ...feed, next_fetch_at: next }));
    }
    return reports;
  }

  private async poll(ctx: AccessContext, feed: NewsFeedRow): Promise<FeedPollReport> {
    const startedAt = this.clock.now();
    const fetchOptions: FetchFeedOptions = {
      etag: feed.etag,
      lastModified: feed.last_modified,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
      ...(this.options.maxBytes ? { maxBytes: this.options.maxBytes } : {}),
      allowPrivateAddresses: this.options.allowPrivateAddresses ?? false,
    };
    let patch: Partial<NewsFeedRow>;
    let ingest: FeedPollReport['ingest'] = null;
    try {
      const fetched = await fetchFeed(feed.url, fetchOptions);
      if (fetched.status === 'not_modified') {
        patch = { last_status: 'not_modified', last_error: null, last_new_items: 0 };
      } else {
        const parsed = parseFeed(fetched.body, fetched.contentType ?? undefined);
        ingest = await this.ingest.ingest(
          ctx,
          parsed.items,
          { origin: 'feed', feedId: feed.id },
          parsed.issues,
        );
        patch = {
          last_status: 'ok',
          last_error: null,
          last_new_items: ingest.stored,
          items_total: Number(feed.items_total) + ingest.stored,
          etag: fetched.etag,
          last_modified: fetched.lastModified,
          ...(feed.title === null && parsed.title ? { title: parsed.title.slice(0, 200) } : {}),
        };
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      patch = { last_status: 'error', last_error: error.message.slice(0, 500), last_new_items: 0 };
    }
    patch = {
      ...patch,
      last_fetched_at: startedAt.toISOString(),
      next_fetch_at: addMinutes(startedAt, Number(feed.interval_minutes)).toISOString(),
    };
    await this.feeds.update(feed.id, patch);
    return { feed: toNewsFeedView({ ...feed, ...patch }), ingest };
  }

  private async requireFeed(id: string): Promise<NewsFeedRow> {
    const row = await this.feeds.find(id);
    if (!row) throw notFoundOrNoAccess(`feed ${id}`);
    return row;
  }
}
