import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparableTitle, newsContentKey, normaliseNewsUrl } from './news-item-keys.js';

describe('news URL normalisation', () => {
  it('drops the fragment and tracking parameters and sorts the rest', () => {
    expect(normaliseNewsUrl(' HTTPS://News.Example.CN/a/b.html?utm_source=rss&id=7&page=2#top ')).toBe(
      'https://news.example.cn/a/b.html?id=7&page=2',
    );
    expect(normaliseNewsUrl('https://news.example.cn/a?page=2&id=7')).toBe(
      normaliseNewsUrl('https://news.example.cn/a?id=7&page=2&spm=a1.b2'),
    );
  });

  it('keeps what is not an http(s) URL as written, trimmed', () => {
    expect(normaliseNewsUrl('  not a url ')).toBe('not a url');
    expect(normaliseNewsUrl('mailto:cdc@example.cn')).toBe('mailto:cdc@example.cn');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const once = normaliseNewsUrl(url);
        expect(normaliseNewsUrl(once)).toBe(once);
      }),
    );
  });
});

describe('the (title, published) content key', () => {
  const item = { title: '株洲通报一起流感聚集性疫情', text: '正文', published: '2025-03-11T01:30:00Z' };

  it('is the same for the same headline and instant, whatever the width, case, spacing or zone', () => {
    expect(
      newsContentKey({
        ...item,
        title: '  株洲通报一起流感聚集性疫情 ',
        published: '2025-03-11T09:30:00+08:00',
      }),
    ).toBe(newsContentKey(item));
    const en = { title: 'Flu outbreak in ZHUZHOU', text: 'a', published: '2025-03-11' };
    expect(newsContentKey({ ...en, title: 'flu  outbreak in Ｚｈｕｚｈｏｕ', text: 'b' })).toBe(
      newsContentKey(en),
    );
  });

  it('differs when the headline or the publication time differs', () => {
    expect(newsContentKey({ ...item, title: '株洲通报一起诺如病毒聚集性疫情' })).not.toBe(
      newsContentKey(item),
    );
    expect(newsContentKey({ ...item, published: '2025-03-12T01:30:00Z' })).not.toBe(newsContentKey(item));
  });

  it('keys an undated item by its title and text, so two undated items sharing a headline stay two', () => {
    const undated = { title: '疫情通报', text: '荷塘区新增病例3例' };
    expect(newsContentKey({ ...undated, text: '芦淞区新增病例5例' })).not.toBe(newsContentKey(undated));
    expect(newsContentKey({ ...undated })).toBe(newsContentKey({ ...undated, text: ' 荷塘区新增病例3例 ' }));
  });

  it('depends only on the loosely compared title and the published instant', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.date({ noInvalidDate: true }),
        (title, a, b, date) => {
          const published = date.toISOString();
          expect(newsContentKey({ title, text: a, published })).toBe(
            newsContentKey({ title: ` ${comparableTitle(title).toUpperCase()} `, text: b, published }),
          );
        },
      ),
    );
  });
});
