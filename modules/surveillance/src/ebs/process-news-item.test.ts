import { describe, expect, it } from 'vitest';
import { addItem, createSignalState } from './signals/signal-clustering.js';
import { processNewsItem, toSignalItem } from './process-news-item.js';
import { parseFeed } from './feeds/parse-feed.js';

const now = '2024-11-06T12:00:00Z';

describe('processing a news item end to end', () => {
  it('classifies and extracts a Chinese report, with codes and both labels', () => {
    const result = processNewsItem(
      {
        lang: 'zh',
        published: '2024-11-06',
        title: '株洲通报一起学校诺如病毒感染聚集性疫情',
        text: '株洲市疾控中心今日通报，天元区嵩山路街道某小学学生呕吐腹泻事件为诺如病毒GII型感染引起。截至昨日，该校累计报告病例二十七例，新增3例，无重症。',
      },
      { now, homeArea: ['4302'] },
    );
    expect(result.relevant).toBe(true);
    expect(result.score).toBeGreaterThan(0.5);
    expect(result.extraction.diseases[0]).toMatchObject({
      id: 'norovirus',
      nameZh: '诺如病毒感染',
      subtypes: ['GII'],
    });
    expect(result.extraction.places.map((p) => [p.code, p.nameEn])).toEqual([
      ['430211001', 'Songshanlu Subdistrict'],
    ]);
    expect(result.extraction).toMatchObject({
      cases: 27,
      cumulativeCases: 27,
      newCases: 3,
      eventDate: '2024-11-06',
    });
  });

  it('classifies a health tip with a disease name as not relevant', () => {
    const result = processNewsItem(
      {
        lang: 'en',
        title: 'Five ways to avoid norovirus this winter',
        text: 'Wash your hands with soap and water, clean surfaces with bleach and stay home for 48 hours after symptoms stop, doctors advise.',
      },
      { now },
    );
    expect(result.relevant).toBe(false);
    expect(result.extraction.diseases[0]?.id).toBe('norovirus');
  });

  it('resolves relative dates against now when the item has no publication date', () => {
    const result = processNewsItem(
      { lang: 'en', title: 'Cholera', text: 'Three cholera cases were confirmed yesterday.' },
      { now },
    );
    expect(result.extraction.eventDate).toBe('2024-11-05');
  });

  it('rejects an item that is not one, naming the field', () => {
    expect(() => processNewsItem({ lang: 'zh', title: '', text: ' ' }, { now })).toThrow(/field text/);
    expect(() =>
      processNewsItem({ lang: 'zh', title: 'x', text: 'y', published: 'last week' }, { now }),
    ).toThrow(/field published/);
  });

  it('takes pasted text through parsing, processing and clustering into one signal', () => {
    const feed = parseFeed(
      '醴陵市阳三石街道一幼儿园发生手足口病聚集\n醴陵市卫健局6月18日通报，阳三石街道一所幼儿园近一周共发现手足口病患儿9例。\n---\n' +
        'Hand, foot and mouth disease cluster at Liling kindergarten\nNine children at a kindergarten in Liling, Zhuzhou, have been diagnosed with hand, foot and mouth disease within a week.',
    );
    let state = createSignalState();
    feed.items.forEach((item, index) => {
      const processed = processNewsItem(item, { now: '2024-06-19T00:00:00Z', homeArea: ['4302'] });
      expect(processed.relevant).toBe(true);
      state = addItem(state, toSignalItem(`item-${index}`, item, processed, '2024-06-19T00:00:00Z')).state;
    });
    expect(state.signals).toHaveLength(1);
    expect(state.signals[0]).toMatchObject({
      diseaseId: 'hfmd',
      maxCases: 9,
      languages: ['en', 'zh'],
      itemCount: 2,
    });
  });
});
