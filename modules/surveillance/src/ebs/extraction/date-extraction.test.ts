import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeNewsText } from '../text/normalize.js';
import { eventDateOf, findDateMentions } from './date-extraction.js';

const datesIn = (text: string, reference: string): string[] =>
  findDateMentions(normalizeNewsText(text), reference).map((m) => m.date);

describe('date extraction', () => {
  it('reads explicit Chinese dates, with or without the year', () => {
    expect(datesIn('2024年3月5日报告', '2024-03-06')).toEqual(['2024-03-05']);
    expect(datesIn('11月4日，株洲市', '2024-11-05')).toEqual(['2024-11-04']);
    expect(datesIn('二〇二四年三月五日', '2024-03-06')).toEqual(['2024-03-05']);
  });

  it('reads a bare day as a day of the publication month (据卫生部4日消息)', () => {
    expect(datesIn('据赞比亚卫生部4日消息', '2024-01-05')).toEqual(['2024-01-04']);
    // The 28th reported on 2 March is February's.
    expect(datesIn('卫生部28日表示', '2024-03-02')).toEqual(['2024-02-28']);
  });

  it('does not read 7日内 (within seven days) as a date', () => {
    expect(datesIn('7日内出现发热', '2024-03-06')).toEqual([]);
  });

  it('resolves relative words against the publication date', () => {
    expect(datesIn('昨日新增5例', '2024-03-06')).toEqual(['2024-03-05']);
    expect(datesIn('今天通报', '2024-03-06')).toEqual(['2024-03-06']);
    expect(datesIn('前天', '2024-03-06')).toEqual(['2024-03-04']);
    expect(datesIn('3天前', '2024-03-06')).toEqual(['2024-03-03']);
    expect(datesIn('reported yesterday', '2024-03-06')).toEqual(['2024-03-05']);
    expect(datesIn('three days ago', '2024-03-06')).toEqual(['2024-03-03']);
  });

  it('reads weekdays as the most recent such day', () => {
    // 2024-03-06 is a Wednesday.
    expect(datesIn('said on Monday', '2024-03-06')).toEqual(['2024-03-04']);
    expect(datesIn('周三通报', '2024-03-06')).toEqual(['2024-03-06']);
    expect(datesIn('上周五', '2024-03-06')).toEqual(['2024-02-23']);
  });

  it('reads English dates in both orders', () => {
    expect(datesIn('On 19 March, the focal point notified WHO', '2024-04-04')).toEqual(['2024-03-19']);
    expect(datesIn('since March 5, 2023', '2024-04-04')).toEqual(['2023-03-05']);
    expect(datesIn('between April 10 and April 17', '2024-05-09')).toEqual(['2024-04-10', '2024-04-17']);
  });

  it('takes last year for a month and day well after publication (a January report of December)', () => {
    expect(datesIn('12月28日起', '2024-01-03')).toEqual(['2023-12-28']);
  });

  it('rejects dates that are not in the calendar', () => {
    expect(datesIn('2023年2月30日', '2023-03-01')).toEqual([]);
  });

  it('takes the latest date not after publication as the event date', () => {
    const mentions = findDateMentions(
      '自3月12日起出现病例，截至3月17日累计48例，3月20日将复课',
      '2024-03-17',
    );
    expect(eventDateOf(mentions, '2024-03-17')).toBe('2024-03-17');
    expect(eventDateOf([], '2024-03-17')).toBe('2024-03-17');
  });

  it('reads back any calendar date written in Chinese or English', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (d) => {
          const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
          const iso = d.toISOString().slice(0, 10);
          const monthName = d.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
          expect(datesIn(`${y}年${m}月${day}日`, '2101-01-01')).toEqual([iso]);
          expect(datesIn(`on ${monthName} ${day}, ${y}`, '2101-01-01')).toEqual([iso]);
          expect(datesIn(`on ${day} ${monthName} ${y}`, '2101-01-01')).toEqual([iso]);
        },
      ),
    );
  });
});
