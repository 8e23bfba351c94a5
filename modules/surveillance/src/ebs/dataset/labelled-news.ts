/**
 * The labelled news set (modules/surveillance/data/ebs-news.jsonl): news items written for Shuzhi, each
 * labelled relevant or not, with the disease, places, case and death counts and an event key that
 * groups items about the same event. Read and validated here; see data/README.md for how it was made.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { invalidField } from '@shuzhi/core';
import type { NewsItem } from '../types.js';

export const labelledNewsItemSchema = z
  .object({
    id: z.string().regex(/^[a-z]+-\d{3,4}$/),
    lang: z.enum(['zh', 'en']),
    title: z.string().min(1),
    text: z.string().min(1),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    relevant: z.boolean(),
    disease: z.string().optional(),
    places: z.array(z.string()).optional(),
    cases: z.number().int().nonnegative().optional(),
    deaths: z.number().int().nonnegative().optional(),
    event_key: z.string().optional(),
  })
  .strict();

export type LabelledNewsItem = z.infer<typeof labelledNewsItemSchema>;

/** Where the committed files live, relative to this source file. */
export const ebsDataDirectory = new URL('../../../data/', import.meta.url);

/** Parses JSONL text of labelled items; every bad line is reported with its line number and field. */
export function parseLabelledNews(jsonl: string): LabelledNewsItem[] {
  const items: LabelledNewsItem[] = [];
  jsonl.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw invalidField(index + 1, '(line)', 'not valid JSON');
    }
    const parsed = labelledNewsItemSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidField(index + 1, issue?.path.join('.') || '(item)', issue?.message ?? 'invalid');
    }
    items.push(parsed.data);
  });
  return items;
}

/** The committed labelled set. */
export function loadLabelledNews(
  file: URL = new URL('ebs-news.jsonl', ebsDataDirectory),
): LabelledNewsItem[] {
  return parseLabelledNews(readFileSync(file, 'utf8'));
}

/** A labelled item as the pipeline sees it (labels stripped). */
export function asNewsItem(item: LabelledNewsItem): NewsItem {
  return { title: item.title, text: item.text, published: item.published, lang: item.lang };
}
