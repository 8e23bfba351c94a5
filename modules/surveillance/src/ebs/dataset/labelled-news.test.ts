import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ebsDataDirectory, loadLabelledNews, parseLabelledNews } from './labelled-news.js';
import { groupKeyOf, splitTestIds, stratumOf, TEST_FRACTION } from './split.js';

const items = loadLabelledNews();
const committedSplit = JSON.parse(readFileSync(new URL('ebs-news.split.json', ebsDataDirectory), 'utf8')) as {
  test: string[];
};

describe('the labelled news set', () => {
  it('has at least 400 items with unique ids', () => {
    expect(items.length).toBeGreaterThanOrEqual(400);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('is roughly balanced between the languages and between the labels', () => {
    const zh = items.filter((i) => i.lang === 'zh').length;
    const relevant = items.filter((i) => i.relevant).length;
    expect(zh / items.length).toBeGreaterThan(0.4);
    expect(zh / items.length).toBeLessThan(0.6);
    expect(relevant / items.length).toBeGreaterThan(0.35);
    expect(relevant / items.length).toBeLessThan(0.65);
  });

  it('gives every relevant item an event key, and groups items about one event across languages', () => {
    expect(items.filter((i) => i.relevant && i.event_key === undefined)).toEqual([]);
    const languagesByEvent = new Map<string, Set<string>>();
    for (const item of items) {
      if (item.event_key)
        languagesByEvent.set(
          item.event_key,
          (languagesByEvent.get(item.event_key) ?? new Set()).add(item.lang),
        );
    }
    expect([...languagesByEvent.values()].filter((l) => l.size === 2).length).toBeGreaterThan(30);
  });

  it('reports every bad line with its number and field', () => {
    expect(() =>
      parseLabelledNews(
        '{"id":"ebs-0001","lang":"fr","title":"t","text":"x","published":"2024-01-01","relevant":true}',
      ),
    ).toThrow(/record 1, field lang/);
    expect(() => parseLabelledNews('\n{oops')).toThrow(/record 2/);
  });
});

describe('the train/test split', () => {
  const testIds = new Set(committedSplit.test);

  it('is the committed one: the rule reproduces it from the data', () => {
    expect(splitTestIds(items)).toEqual(committedSplit.test);
  });

  it('keeps each event on one side', () => {
    const sides = new Map<string, Set<boolean>>();
    for (const item of items)
      sides.set(groupKeyOf(item), (sides.get(groupKeyOf(item)) ?? new Set()).add(testIds.has(item.id)));
    expect([...sides.values()].filter((s) => s.size > 1)).toEqual([]);
  });

  it('puts about a quarter of each language-and-label stratum in the test part', () => {
    for (const stratum of ['zh/relevant', 'zh/irrelevant', 'en/relevant', 'en/irrelevant']) {
      const members = items.filter((i) => stratumOf(i) === stratum);
      const share = members.filter((i) => testIds.has(i.id)).length / members.length;
      expect(Math.abs(share - TEST_FRACTION)).toBeLessThan(0.04);
    }
  });
});
