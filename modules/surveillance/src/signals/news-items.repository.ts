/** SQL for news items: find duplicates, store new items, attach them to signals, list them. */
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import type { ListParams, Page } from '@shuzhi/core';
import type { NewsItemRow } from './news-item-rows.js';
import type { Executor } from './ports.js';
import type { NewsOrigin } from './signals.schema.js';

const kinds = { bool: ['relevant'], json: ['extraction', 'highlights'] } as const;

export interface NewsItemFilter {
  relevant?: boolean;
  lang?: 'zh' | 'en';
  origin?: NewsOrigin;
  feedId?: string;
  signalId?: string;
}

export interface ExistingItem {
  id: string;
  url: string | null;
  content_key: string;
  signal_id: string | null;
  relevant: boolean;
  score: number;
  lang: 'zh' | 'en';
  title: string;
}

/** Rows per INSERT statement: well under PostgreSQL's 65,535 bind parameters at 23 columns a row. */
const INSERT_CHUNK = 200;
/** Values per IN list. */
const LOOKUP_CHUNK = 500;

export class NewsItemsRepository {
  constructor(private readonly database: Database) {}

  /** Stored items with any of these URLs or content keys. */
  async findExisting(executor: Executor, urls: string[], keys: string[]): Promise<ExistingItem[]> {
    const found = new Map<string, ExistingItem>();
    const select = () =>
      executor
        .selectFrom('news_items')
        .select(['id', 'url', 'content_key', 'signal_id', 'relevant', 'score', 'lang', 'title']);
    for (let i = 0; i < urls.length; i += LOOKUP_CHUNK) {
      const rows = await select()
        .where('url', 'in', urls.slice(i, i + LOOKUP_CHUNK))
        .execute();
      for (const row of rows as ExistingItem[]) found.set(row.id, decodeRow(row, { bool: ['relevant'] }));
    }
    for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
      const rows = await select()
        .where('content_key', 'in', keys.slice(i, i + LOOKUP_CHUNK))
        .execute();
      for (const row of rows as ExistingItem[]) found.set(row.id, decodeRow(row, { bool: ['relevant'] }));
    }
    return [...found.values()];
  }

  async insert(executor: Executor, rows: NewsItemRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK).map((r) => ({
        ...r,
        extraction: JSON.stringify(r.extraction),
        highlights: JSON.stringify(r.highlights),
      }));
      await executor.insertInto('news_items').values(chunk).execute();
    }
  }

  async assignSignal(executor: Executor, itemIds: string[], signalId: string): Promise<void> {
    for (let i = 0; i < itemIds.length; i += LOOKUP_CHUNK)
      await executor
        .updateTable('news_items')
        .set({ signal_id: signalId })
        .where('id', 'in', itemIds.slice(i, i + LOOKUP_CHUNK))
        .execute();
  }

  /** Moves every item of one signal to another (a merge). */
  async moveSignal(executor: Executor, fromSignalId: string, toSignalId: string): Promise<void> {
    await executor
      .updateTable('news_items')
      .set({ signal_id: toSignalId })
      .where('signal_id', '=', fromSignalId)
      .execute();
  }

  async find(id: string): Promise<NewsItemRow | undefined> {
    const row = await this.database.db
      .selectFrom('news_items')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? decodeRow(row as NewsItemRow, kinds) : undefined;
  }

  async list(filter: NewsItemFilter, params: ListParams): Promise<Page<NewsItemRow>> {
    let q = this.database.db.selectFrom('news_items').selectAll();
    if (filter.relevant !== undefined) q = q.where('relevant', '=', filter.relevant);
    if (filter.lang) q = q.where('lang', '=', filter.lang);
    if (filter.origin) q = q.where('origin', '=', filter.origin);
    if (filter.feedId) q = q.where('feed_id', '=', filter.feedId);
    if (filter.signalId) q = q.where('signal_id', '=', filter.signalId);
    const page = await fetchPage<NewsItemRow>(q, params, {
      sortable: {
        ingested: 'ingested_at',
        published: 'published',
        eventDate: 'event_date',
        score: 'score',
        title: 'title',
      },
      key: 'id',
      searchable: ['title', 'source'],
    });
    return { ...page, items: page.items.map((r) => decodeRow(r, kinds)) };
  }
}
