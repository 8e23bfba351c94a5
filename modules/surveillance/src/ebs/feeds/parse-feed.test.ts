import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shuzhi/core';
import { parseFeed } from './parse-feed.js';

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>湖南卫生健康</title>
<item>
  <title>株洲市天元区报告一起诺如病毒聚集性疫情</title>
  <link>https://example.org/news/1</link>
  <description><![CDATA[<p>截至11月6日，累计报告病例<b>27</b>例。</p>]]></description>
  <pubDate>Wed, 06 Nov 2024 18:00:00 +0800</pubDate>
</item>
<item>
  <title>Dengue &amp; chikungunya in Foshan</title>
  <description>&lt;p&gt;Local cases rose to 41.&lt;/p&gt;</description>
  <guid isPermaLink="true">https://example.org/news/2</guid>
  <pubDate>not a date</pubDate>
</item>
<item><title></title><description></description></item>
</channel></rss>`;

const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Outbreak news</title>
<entry><title type="html">Cholera in &lt;em&gt;Lusaka&lt;/em&gt;</title>
<link rel="self" href="https://example.org/self"/><link rel="alternate" href="https://example.org/cholera"/>
<updated>2024-01-04T10:00:00Z</updated><summary>1,862 cases and 41 deaths.</summary></entry></feed>`;

describe('parsing feeds', () => {
  it('reads RSS 2.0: HTML descriptions, CDATA, entities, guid links, pubDate, channel as source', () => {
    const feed = parseFeed(rss, 'application/rss+xml; charset=utf-8');
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('湖南卫生健康');
    expect(feed.items).toEqual([
      {
        title: '株洲市天元区报告一起诺如病毒聚集性疫情',
        text: '截至11月6日,累计报告病例 27 例。'.replace(',', '，'),
        url: 'https://example.org/news/1',
        published: '2024-11-06T10:00:00.000Z',
        source: '湖南卫生健康',
        lang: 'zh',
      },
      {
        title: 'Dengue & chikungunya in Foshan',
        text: 'Local cases rose to 41.',
        url: 'https://example.org/news/2',
        source: '湖南卫生健康',
        lang: 'en',
      },
    ]);
    expect(feed.issues).toEqual([
      { record: 1, field: 'published', reason: 'not a date this reader knows: not a date' },
      { record: 2, field: 'title', reason: 'item has neither a title nor text; left out' },
    ]);
  });

  it('reads Atom: the alternate link, updated when there is no published, HTML titles', () => {
    const feed = parseFeed(atom);
    expect(feed.format).toBe('atom');
    expect(feed.items).toEqual([
      {
        title: 'Cholera in Lusaka',
        text: '1,862 cases and 41 deaths.',
        url: 'https://example.org/cholera',
        published: '2024-01-04T10:00:00.000Z',
        source: 'Outbreak news',
        lang: 'en',
      },
    ]);
  });

  it('reads JSON arrays and JSON Feed objects with their usual field names', () => {
    const array = parseFeed(
      JSON.stringify([
        { headline: '赞比亚霍乱疫情', body: '已致41人死亡', link: 'https://x.org/1', date: '2024-01-05' },
      ]),
      'application/json',
    );
    expect(array.items).toEqual([
      {
        title: '赞比亚霍乱疫情',
        text: '已致41人死亡',
        url: 'https://x.org/1',
        published: '2024-01-04T16:00:00.000Z',
        lang: 'zh',
      },
    ]);
    const jsonFeed = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Feed',
        items: [{ content_text: 'Measles in Texas.\nMore.', date_published: '2025-02-26T00:00:00Z' }],
      }),
    );
    expect(jsonFeed.items[0]).toMatchObject({
      title: 'Measles in Texas.',
      text: 'Measles in Texas.\nMore.',
      lang: 'en',
    });
  });

  it('reads pasted text: first line is the title, --- separates items', () => {
    const feed = parseFeed(
      '  株洲通报诺如疫情\n累计报告27例。\n---\nSecond item\nbody line 1\nbody line 2\n---\n\n',
    );
    expect(feed.format).toBe('text');
    expect(feed.items).toEqual([
      { title: '株洲通报诺如疫情', text: '累计报告27例。', lang: 'zh' },
      { title: 'Second item', text: 'body line 1\nbody line 2', lang: 'en' },
    ]);
  });

  it('falls back to text for pasted news that starts with a bracket', () => {
    expect(parseFeed('[快讯] 某地发现霍乱病例').items[0]?.title).toBe('[快讯] 某地发现霍乱病例');
  });

  it('rejects a body that claims a format it does not have, naming the field', () => {
    expect(() => parseFeed('{oops', 'application/json')).toThrow(AppError);
    expect(() => parseFeed('<html><body>hi</body></html>', 'text/xml')).toThrow(/^body: XML root <html>/);
    expect(() => parseFeed('x'.repeat(101), 'text/plain', { maxLength: 100 })).toThrow(/larger than/);
  });

  const safeText = fc
    .string({
      unit: fc.constantFrom(...'abcXYZ 0123&\'"流感疫情株洲,.'.split('')),
      minLength: 1,
      maxLength: 40,
    })
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
  const escapeXml = (s: string): string =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

  it('reads back any items written as RSS or as JSON', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: safeText, text: safeText, useCdata: fc.boolean() }), {
          minLength: 1,
          maxLength: 5,
        }),
        (items) => {
          const xml = `<rss><channel>${items
            .map(
              (i) =>
                `<item><title>${escapeXml(i.title)}</title><description>${i.useCdata ? `<![CDATA[${i.text}]]>` : escapeXml(i.text)}</description></item>`,
            )
            .join('')}</channel></rss>`;
          const fromXml = parseFeed(xml).items.map((i) => [i.title, i.text]);
          const fromJson = parseFeed(
            JSON.stringify(items.map(({ title, text }) => ({ title, text }))),
          ).items.map((i) => [i.title, i.text]);
          const expected = items.map((i) => [i.title, i.text]);
          expect(fromXml).toEqual(expected);
          expect(fromJson).toEqual(expected);
        },
      ),
    );
  });

  it('either parses or refuses with an AppError, whatever it is fed', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom(undefined, 'application/json', 'text/xml', 'text/plain'),
        (body, hint) => {
          try {
            parseFeed(body, hint);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
          }
        },
      ),
    );
  });
});
