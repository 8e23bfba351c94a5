import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { NewsItem } from '../ebs/index.js';
import { decodeFeed } from './feed-fetcher.js';
import {
  careHomeFluEn,
  careHomeFluZh,
  choleraEn,
  flowerShowZh,
  signalsFixture,
  signalsTestMigrations,
} from './testing.js';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 document (RFC 822 dates) of `items`. */
function rss(title: string, items: NewsItem[]): string {
  const entries = items.map(
    (i) => `<item><title>${escapeXml(i.title)}</title><link>${escapeXml(i.url ?? '')}</link>
      <description><![CDATA[${i.text}]]></description><pubDate>${new Date(`${i.published}T10:00:00+08:00`).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title>${entries.join('')}</channel></rss>`;
}

/** A local feed server: `/feed` honours If-None-Match, `/plain` ignores it, `/broken` fails. */
class FeedServer {
  items: NewsItem[] = [];
  version = 1;
  requests: { path: string; ifNoneMatch: string | undefined }[] = [];
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0]!;
      const ifNoneMatch = request.headers['if-none-match'];
      this.requests.push({ path, ifNoneMatch });
      const etag = `"v${this.version}"`;
      if (path === '/broken') return void response.writeHead(500).end('database down');
      if (path === '/feed' && ifNoneMatch === etag) return void response.writeHead(304).end();
      response.writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        ...(path === '/feed' ? { etag } : {}),
      });
      response.end(rss('株洲疫情快讯', this.items));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

describe('decoding a fetched feed', () => {
  // 流感 in GBK: C1F7 B8D0.
  const gbk = new Uint8Array([0xc1, 0xf7, 0xb8, 0xd0]);

  it('reads the charset the Content-Type names', () => {
    expect(decodeFeed(gbk, 'text/xml; charset=GBK')).toBe('流感');
  });

  it('reads the encoding the XML declaration names when the Content-Type names none', () => {
    const declaration = Buffer.from('<?xml version="1.0" encoding="gb2312"?>', 'latin1');
    expect(decodeFeed(Buffer.concat([declaration, gbk]), 'application/rss+xml')).toBe(
      '<?xml version="1.0" encoding="gb2312"?>流感',
    );
  });

  it('falls back to UTF-8 for an unknown label', () => {
    expect(decodeFeed(Buffer.from('流感'), 'text/xml; charset=x-unknown')).toBe('流感');
  });
});

describeEachDatabase(
  'news feeds',
  (getDatabase) => {
    const server = new FeedServer();
    let base: string;
    beforeAll(async () => {
      base = await server.start();
    });
    afterAll(async () => server.stop());

    it('polls a registered feed when due, stores its items once, and asks again only with its ETag', async () => {
      const f = signalsFixture(getDatabase());
      server.items = [careHomeFluZh, flowerShowZh];
      server.version = 1;
      const feed = await f.module.feeds.registerFeed(f.epi, { url: `${base}/feed`, intervalMinutes: 30 });
      expect(feed).toMatchObject({ active: true, lastStatus: null, nextFetchAt: '2025-03-12T08:00:00.000Z' });

      const [first] = await f.module.feeds.pollDueFeeds(f.ctx);
      expect(first!.ingest).toMatchObject({ received: 2, stored: 2, duplicates: 0, relevant: 1 });
      expect(first!.feed).toMatchObject({
        title: '株洲疫情快讯',
        lastStatus: 'ok',
        lastNewItems: 2,
        itemsTotal: 2,
        lastFetchedAt: '2025-03-12T08:00:00.000Z',
        nextFetchAt: '2025-03-12T08:30:00.000Z',
      });
      const stored = await f.module.news.listItems(
        { feedId: feed.id },
        { limit: 10, offset: 0, sort: 'published', order: 'desc' },
      );
      expect(stored.items.map((i) => [i.origin, i.published])).toEqual([
        ['feed', '2025-03-11T02:00:00.000Z'],
        ['feed', '2025-03-10T02:00:00.000Z'],
      ]);

      // Not due yet: nothing is fetched.
      expect(await f.module.feeds.pollDueFeeds(f.ctx)).toEqual([]);

      f.clock.advanceMinutes(30);
      const [unchanged] = await f.module.feeds.pollDueFeeds(f.ctx);
      expect(unchanged).toMatchObject({ ingest: null, feed: { lastStatus: 'not_modified', itemsTotal: 2 } });
      expect(server.requests.at(-1)).toEqual({ path: '/feed', ifNoneMatch: '"v1"' });

      // The feed changes: one new item on top of the old ones; only the new one is stored.
      server.items = [careHomeFluEn, careHomeFluZh, flowerShowZh];
      server.version = 2;
      f.clock.advanceMinutes(30);
      const [changed] = await f.module.feeds.pollDueFeeds(f.ctx);
      expect(changed!.ingest).toMatchObject({ received: 3, stored: 1, duplicates: 2, signalsCreated: [] });
      expect(changed!.ingest!.items[0]!.signalId).toBe(first!.ingest!.items[0]!.signalId);
      expect(changed!.feed.itemsTotal).toBe(3);
    });

    it('stores nothing twice from a feed that ignores conditional requests', async () => {
      const f = signalsFixture(getDatabase());
      server.items = [{ ...choleraEn, url: 'https://wire.example.com/africa/plain-1' }];
      const feed = await f.module.feeds.registerFeed(f.epi, { url: `${base}/plain`, title: 'Wire' });
      const first = await f.module.feeds.pollFeed(f.epi, feed.id);
      const second = await f.module.feeds.pollFeed(f.epi, feed.id);
      expect(first.ingest).toMatchObject({ stored: 1, duplicates: 0 });
      expect(second.ingest).toMatchObject({ stored: 0, duplicates: 1 });
      expect(second.feed).toMatchObject({ title: 'Wire', itemsTotal: 1, lastNewItems: 0 });
    });

    it('records a failed fetch on the feed without the response body, and keeps polling it', async () => {
      const f = signalsFixture(getDatabase());
      const feed = await f.module.feeds.registerFeed(f.epi, { url: `${base}/broken` });
      const report = await f.module.feeds.pollFeed(f.epi, feed.id);
      expect(report).toMatchObject({
        ingest: null,
        feed: {
          lastStatus: 'error',
          lastError: `feed ${base}/broken: HTTP 500`,
          nextFetchAt: '2025-03-12T09:00:00.000Z',
        },
      });
      const refused = await f.module.feeds.registerFeed(f.epi, { url: 'http://127.0.0.1:1/unreachable' });
      expect((await f.module.feeds.pollFeed(f.epi, refused.id)).feed.lastError).toMatch(/could not connect/);
    });

    it('refuses a feed on a private or local address unless the deployment allows them', async () => {
      const f = signalsFixture(getDatabase(), { allowPrivateAddresses: false });
      await expect(f.module.feeds.registerFeed(f.epi, { url: `${base}/local-only` })).rejects.toMatchObject({
        code: 'forbidden',
        issues: [{ field: 'url', reason: 'private or local address' }],
      });
    });

    it('refuses a second registration of a URL, a URL that is not http(s), and a too-short interval', async () => {
      const f = signalsFixture(getDatabase());
      await f.module.feeds.registerFeed(f.epi, { url: `${base}/feed?x=1` });
      await expect(f.module.feeds.registerFeed(f.epi, { url: `${base}/feed?x=1#top` })).rejects.toMatchObject(
        {
          code: 'conflict',
          issues: [{ field: 'url', reason: 'already registered' }],
        },
      );
      await expect(
        f.module.feeds.registerFeed(f.epi, { url: 'ftp://example.org/feed.xml', intervalMinutes: 1 }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [
          { record: 'feed', field: 'url', reason: 'an http or https URL' },
          { record: 'feed', field: 'intervalMinutes', reason: 'at least 5 minutes' },
        ],
      });
    });

    it('pauses and resumes a feed', async () => {
      const f = signalsFixture(getDatabase());
      const feed = await f.module.feeds.registerFeed(f.epi, { url: `${base}/feed?paused=1` });
      expect(await f.module.feeds.setActive(feed.id, false)).toMatchObject({ active: false });
      expect((await f.module.feeds.pollDueFeeds(f.ctx)).map((r) => r.feed.id)).not.toContain(feed.id);
      await f.module.feeds.setActive(feed.id, true);
      expect((await f.module.feeds.pollDueFeeds(f.ctx)).map((r) => r.feed.id)).toContain(feed.id);
      await expect(f.module.feeds.setActive('nfd_missing', true)).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('runs in the background: the poller fetches due feeds on its own and stops cleanly', async () => {
      const f = signalsFixture(getDatabase(), { pollIntervalMs: 20 });
      server.items = [
        { ...flowerShowZh, title: '神农公园夜间灯会开放', url: 'https://news.example.cn/zz/lantern' },
      ];
      const feed = await f.module.feeds.registerFeed(f.epi, { url: `${base}/plain?background=1` });
      const before = server.requests.length;
      f.module.poller.start();
      await vi.waitFor(async () => {
        const page = await f.module.news.listItems(
          { feedId: feed.id },
          { limit: 5, offset: 0, order: 'asc' },
        );
        expect(page.total).toBe(1);
      });
      await f.module.poller.stop();
      expect(server.requests.length).toBeGreaterThan(before);
      const round = await f.module.poller.runRound();
      expect(round).toEqual({ polled: 0, newItems: 0, retired: 0 });
    });
  },
  { migrations: signalsTestMigrations },
);
