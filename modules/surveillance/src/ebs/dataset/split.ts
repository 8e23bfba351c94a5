/**
 * The fixed train/test split of the labelled set. Items about the same event stay together (a test item
 * whose sibling was trained on would flatter the classifier), and the test part takes about a quarter
 * of each stratum (language × label). Events are taken in the order of the FNV-1a hash of their key,
 * and an event joins the test part while every stratum it touches is still below its quota; so the
 * split depends only on the data, and adding items disturbs it little.
 */
import { fnv1a32 } from '../text/hash.js';
import type { LabelledNewsItem } from './labelled-news.js';

export const TEST_FRACTION = 0.25;

/** The group an item belongs to: its event, or itself when it has none. */
export function groupKeyOf(item: Pick<LabelledNewsItem, 'id' | 'event_key'>): string {
  return item.event_key ?? item.id;
}

export function stratumOf(item: Pick<LabelledNewsItem, 'lang' | 'relevant'>): string {
  return `${item.lang}/${item.relevant ? 'relevant' : 'irrelevant'}`;
}

/** Ids of the test items, sorted. */
export function splitTestIds(items: readonly LabelledNewsItem[], testFraction = TEST_FRACTION): string[] {
  const groups = new Map<string, LabelledNewsItem[]>();
  for (const item of items) {
    const key = groupKeyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const stratumSizes = new Map<string, number>();
  for (const item of items) stratumSizes.set(stratumOf(item), (stratumSizes.get(stratumOf(item)) ?? 0) + 1);
  const quota = new Map(
    [...stratumSizes].map(([stratum, size]) => [stratum, Math.round(size * testFraction)]),
  );
  const taken = new Map<string, number>();
  const ordered = [...groups.keys()].sort((a, b) => fnv1a32(a) - fnv1a32(b) || (a < b ? -1 : a > b ? 1 : 0));
  const test: string[] = [];
  for (const key of ordered) {
    const members = groups.get(key) ?? [];
    const touched = new Set(members.map(stratumOf));
    const roomEverywhere = [...touched].every((s) => (taken.get(s) ?? 0) < (quota.get(s) ?? 0));
    if (!roomEverywhere) continue;
    for (const member of members) {
      taken.set(stratumOf(member), (taken.get(stratumOf(member)) ?? 0) + 1);
      test.push(member.id);
    }
  }
  return test.sort();
}
