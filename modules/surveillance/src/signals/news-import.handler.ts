/**
 * The `news` import kind (`shuzhi import news FILE`, the web upload): an RSS, Atom or JSON feed file or
 * plain text (`---` between items). Every item is classified and extracted while parsing; applying
 * stores the new ones and clusters the relevant ones in the import's transaction. Duplicates of stored
 * items count as unchanged, so re-importing a file changes nothing.
 */
import { yieldToEventLoop } from '@shuzhi/core';
import { parseFeed, type ParsedFeed } from '../ebs/index.js';
import type { NewsIngestService } from './news-ingest.service.js';
import type { KeyedNewsItem } from './news-preparation.js';
import type { ChangeFeedPort, ImportIssue, NewsImportHandlerShape } from './ports.js';

/** Items classified between yields to the event loop, so a large upload does not stall the server. */
const ITEMS_PER_SLICE = 50;

const example = JSON.stringify(
  [
    {
      title: '株洲市天元区一小学发生诺如病毒感染聚集性疫情',
      text: '株洲市疾控中心通报，天元区嵩山路街道一所小学累计报告呕吐腹泻病例27例，经检测为诺如病毒GII型感染。',
      url: 'https://example.org/news/2024-11-06-norovirus',
      published: '2024-11-06T10:00:00+08:00',
      source: '株洲日报',
    },
  ],
  null,
  2,
);

export function newsImportHandler(
  ingest: NewsIngestService,
  feed: ChangeFeedPort,
): NewsImportHandlerShape<KeyedNewsItem> {
  return {
    kind: 'news',
    description:
      'news items for event-based surveillance: an RSS, Atom or JSON feed file, or plain text with --- between items',
    descriptionZh: '事件监测的新闻条目：RSS、Atom 或 JSON 格式的订阅文件，或以 --- 分隔条目的纯文本',
    template: {
      fileName: 'news.json',
      contentType: 'application/json',
      example,
      columns: [
        { name: 'title', required: true, en: 'Headline', zh: '标题' },
        { name: 'text', required: true, en: 'Text of the item', zh: '正文' },
        {
          name: 'url',
          required: false,
          en: 'Link to the article (items are de-duplicated by it)',
          zh: '原文链接（按链接去重）',
        },
        {
          name: 'published',
          required: false,
          en: 'Publication date or time, ISO 8601',
          zh: '发布日期或时间（ISO 8601）',
        },
        { name: 'source', required: false, en: 'Publisher or feed', zh: '来源' },
        {
          name: 'lang',
          required: false,
          en: 'zh or en (detected when absent)',
          zh: 'zh 或 en（缺省时自动识别）',
        },
      ],
    },
    async parse(text) {
      const parsed = parseFeed(text);
      const dropped = droppedItems(parsed);
      const issues: ImportIssue[] = [...dropped];
      const records: KeyedNewsItem[] = [];
      for (let start = 0; start < parsed.items.length; start += ITEMS_PER_SLICE) {
        const batch = await ingest.prepare(parsed.items.slice(start, start + ITEMS_PER_SLICE));
        records.push(...batch.prepared);
        for (const issue of batch.issues)
          issues.push({
            line: Number(issue.record ?? 0) + start + 1,
            ...(issue.field ? { field: issue.field } : {}),
            reason: issue.reason,
          });
        await yieldToEventLoop();
      }
      return { records, issues, total: parsed.items.length + dropped.length };
    },
    async apply(executor, records, context) {
      const report = await ingest.storeWithin(executor, context.ctx, records, { origin: 'import' });
      context.progress(records.length, records.length);
      return { accepted: report.stored, unchanged: report.duplicates };
    },
    afterCommit() {
      feed.notify();
    },
  };
}

/**
 * Items the feed reader left out (no title and no text, not an object), numbered from 1 in file order.
 * Unreadable publication dates are not rejections: the item is kept without a date.
 */
function droppedItems(parsed: ParsedFeed): ImportIssue[] {
  return parsed.issues
    .filter((issue) => issue.field !== 'published')
    .map((issue) => ({
      line: Number(issue.record ?? 0) + 1,
      ...(issue.field ? { field: issue.field } : {}),
      reason: issue.reason,
    }));
}
