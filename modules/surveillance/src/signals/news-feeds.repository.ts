/** SQL for registered news feeds: register, list, find the ones due, claim one for a poll, record the result. */
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import type { ListParams, Page } from '@shuzhi/core';
import type { NewsFeedView } from './signals.schema.js';

export interface NewsFeedRow {
  id: string;
  url: string;
  title: string | null;
  active: boolean;
  interval_minutes: number;
  next_fetch_at: string;
  last_fetched_at: string | null;
  last_status: 'ok' | 'not_modified' | 'error' | null;
  last_error: string | null;
  last_new_items: number;
  items_total: number;
  etag: string | null;
  last_modified: string | null;
  created_by: string;
  created_at: string;
}

const kinds = { bool: ['active'] } as const;

export function toNewsFeedView(row: NewsFeedRow): NewsFeedView {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    active: row.active,
    intervalMinutes: Number(row.interval_minutes),
    nextFetchAt: row.next_fetch_at,
    lastFetchedAt: row.last_fetched_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    lastNewItems: Number(row.last_new_items),
    itemsTotal: Number(row.items_total),
    createdAt: row.created_at,
  };
}

export class NewsFeedsRepository {
  constructor(private readonly database: Database) {}

  async insert(row: NewsFeedRow): Promise<void> {
    await this.database.db.insertInto('news_feeds').values(row).execute();
  }

  async find(id: string): Promise<NewsFeedRow | undefined> {
    const row = await this.database.db
      .selectFrom('news_feeds')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? decodeRow(row as NewsFeedRow, kinds) : undefined;
  }

  async findByUrl(url: string): Promise<NewsFeedRow | undefined> {
    const row = await this.database.db
      .selectFrom('news_feeds')
      .selectAll()
      .where('url', '=', url)
      .executeTakeFirst();
    return row ? decodeRow(row as NewsFeedRow, kinds) : undefined;
  }

  async list(params: ListParams): Promise<Page<NewsFeedRow>> {
    const page = await fetchPage<NewsFeedRow>(this.database.db.selectFrom('news_feeds').selectAll(), params, {
      sortable: { created: 'created_at', url: 'url', title: 'title', lastFetched: 'last_fetched_at' },
      key: 'id',
      searchable: ['url', 'title'],
    });
    return { ...page, items: page.items.map((r) => decodeRow(r, kinds)) };
  }

  /** Active feeds whose next fetch is due at `now`, the most overdue first. */
  async due(now: string, limit: number): Promise<NewsFeedRow[]> {
    const rows = await this.database.db
      .selectFrom('news_feeds')
      .selectAll()
      .where('active', '=', true)
      .where('next_fetch_at', '<=', now)
      .orderBy('next_fetch_at')
      .limit(limit)
      .execute();
    return (rows as NewsFeedRow[]).map((r) => decodeRow(r, kinds));
  }

  /**
   * Claims a feed for one poll by moving its next fetch from the value the caller read to `next`; false
   * when another process claimed it first (several servers share one database).
   */
  async claim(id: string, seenNextFetchAt: string, next: string): Promise<boolean> {
    const result = await this.database.db
      .updateTable('news_feeds')
      .set({ next_fetch_at: next })
      .where('id', '=', id)
      .where('next_fetch_at', '=', seenNextFetchAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async update(id: string, patch: Partial<NewsFeedRow>): Promise<void> {
    await this.database.db.updateTable('news_feeds').set(patch).where('id', '=', id).execute();
  }
}
