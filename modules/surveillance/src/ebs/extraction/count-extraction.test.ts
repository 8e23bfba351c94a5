import { describe, expect, it } from 'vitest';
import { normalizeNewsText } from '../text/normalize.js';
import { findCountMentions } from './count-extraction.js';

const countsIn = (text: string, lang: 'zh' | 'en') =>
  findCountMentions(normalizeNewsText(text), lang).map((c) => [c.measure, c.value, c.scope]);

describe('case and death counts in Chinese', () => {
  it('reads new and cumulative counts as the text labels them', () => {
    expect(countsIn('新增5例，累计达14例，均为轻症', 'zh')).toEqual([
      ['cases', 5, 'new'],
      ['cases', 14, 'cumulative'],
    ]);
  });

  it('reads Chinese numerals, 万 and 两', () => {
    expect(countsIn('有二十一名员工出现腹泻', 'zh')).toEqual([['cases', 21, 'unspecified']]);
    expect(countsIn('疑似病例1.56万例', 'zh')).toEqual([['cases', 15_600, 'unspecified']]);
    expect(countsIn('两名婴儿出现重症', 'zh')).toEqual([['cases', 2, 'unspecified']]);
    expect(countsIn('累计报告病例一百零五例', 'zh')).toEqual([['cases', 105, 'cumulative']]);
  });

  it('tells deaths and hospitalisations from cases', () => {
    expect(countsIn('共报告病例1862例，其中41人死亡', 'zh')).toEqual([
      ['cases', 1862, 'cumulative'],
      ['deaths', 41, 'unspecified'],
    ]);
    expect(countsIn('其中4人住院', 'zh')).toEqual([['hospitalised', 4, 'unspecified']]);
    expect(countsIn('报告钩端螺旋体病121例、死亡9例', 'zh')).toEqual([
      ['cases', 121, 'unspecified'],
      ['deaths', 9, 'unspecified'],
    ]);
  });

  it('counts one person who died of an infection as a case and a death', () => {
    expect(countsIn('一名52岁男子感染H5N1禽流感后死亡', 'zh')).toEqual([
      ['deaths', 1, 'unspecified'],
      ['cases', 1, 'unspecified'],
    ]);
  });

  it('does not count contacts, vaccinations, visits or ordinals', () => {
    expect(countsIn('28名密切接触者正在接受医学观察', 'zh')).toEqual([]);
    expect(countsIn('累计补种2300余人', 'zh')).toEqual([]);
    expect(countsIn('日门诊量超过7000人次', 'zh')).toEqual([]);
    expect(countsIn('这是该国今年报告的第4例人感染病例', 'zh')).toEqual([]);
  });

  it('reads 首例 as one case', () => {
    expect(countsIn('报告今年首例本地登革热病例', 'zh')).toEqual([['cases', 1, 'unspecified']]);
  });
});

describe('case and death counts in English', () => {
  it('reads the measure word that follows the number', () => {
    expect(countsIn('has caused 1,862 cases and 41 deaths since October', 'en')).toEqual([
      ['cases', 1862, 'cumulative'],
      ['deaths', 41, 'cumulative'],
    ]);
  });

  it('reads number words, including at the start of a sentence', () => {
    expect(countsIn('Fifty-six guests fell ill after a wedding banquet.', 'en')).toEqual([
      ['cases', 56, 'unspecified'],
    ]);
    expect(
      countsIn(
        'Twenty-three traders and staff at a wholesale clothing market in Jianshe subdistrict have fallen ill.',
        'en',
      ),
    ).toEqual([['cases', 23, 'unspecified']]);
  });

  it('reads counts named by the verb before them', () => {
    expect(countsIn('Dengue has killed 1,006 people in Bangladesh.', 'en')).toEqual([
      ['deaths', 1006, 'unspecified'],
    ]);
    expect(countsIn('Estimated cases rose to 25,900 in the week.', 'en')).toEqual([
      ['cases', 25_900, 'cumulative'],
    ]);
  });

  it('marks new counts', () => {
    expect(countsIn('Foshan confirmed 41 new locally acquired dengue cases.', 'en')).toEqual([
      ['cases', 41, 'new'],
    ]);
  });

  it('ignores ages, dates, years, percentages and contacts', () => {
    expect(countsIn('A 58-year-old woman', 'en').filter(([m, v]) => v !== 1 || m !== 'cases')).toEqual([]);
    expect(countsIn('On 19 March, in 2024, up 30 percent; 246 close contacts were traced.', 'en')).toEqual(
      [],
    );
  });

  it('counts one named person or case as one', () => {
    expect(countsIn('A 52-year-old man has died of H5N1 avian influenza.', 'en')).toEqual([
      ['deaths', 1, 'unspecified'],
    ]);
    expect(countsIn('Sweden diagnosed a case of clade Ib mpox.', 'en')).toEqual([
      ['cases', 1, 'unspecified'],
    ]);
  });
});
