import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@shuzhi/db';
import { createTestDatabase, testDialects } from '@shuzhi/db/testing';
import { runCli } from './testing.js';

/**
 * An RSS file: a Chinese and an English report of one outbreak, an unrelated item and an empty one. (Each
 * run builds the news gazetteer, 2–4 s, so this file runs the command once per database; re-imports and
 * all-or-nothing refusals are covered by the handler's and the hub's own tests.)
 */
const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>疫情快讯 Outbreak news</title>
<item><title>株洲市石峰区一幼儿园发生手足口病聚集性疫情</title><link>https://news.example.cn/sf/hfmd-1</link>
  <pubDate>Mon, 10 Mar 2025 09:00:00 +0800</pubDate>
  <description>石峰区疾控中心3月10日通报，响石岭街道一所幼儿园近一周共报告手足口病病例12例，均为轻症，涉及班级已停课。</description></item>
<item><title>Hand, foot and mouth disease cluster at Zhuzhou kindergarten</title><link>https://wire.example.com/zz-hfmd</link>
  <pubDate>Mon, 10 Mar 2025 06:00:00 GMT</pubDate>
  <description>Twelve children at a kindergarten in Xiangshiling Subdistrict, Shifeng District, Zhuzhou, have been diagnosed with hand, foot and mouth disease within a week, health officials said on March 10.</description></item>
<item><title>株洲举办春季马拉松</title><link>https://news.example.cn/sf/marathon</link>
  <pubDate>Sun, 09 Mar 2025 08:00:00 +0800</pubDate><description>3月9日，株洲春季马拉松鸣枪开跑，两万名跑者参赛。</description></item>
<item><title></title><description></description></item>
</channel></rss>`;

for (const dialect of testDialects()) {
  describe(`shuzhi import news [${dialect}]`, () => {
    let url: string;
    let dispose: () => Promise<void>;
    let dir: string;
    beforeAll(async () => {
      ({ url, dispose } = await createTestDatabase(dialect));
      dir = mkdtempSync(join(tmpdir(), 'shuzhi-news-'));
      writeFileSync(join(dir, 'news.xml'), rss);
    });
    afterAll(async () => {
      await dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports the readable items, clustering the two reports of one outbreak into one signal', async () => {
      const imported = await runCli([
        '--db',
        url,
        'import',
        'news',
        join(dir, 'news.xml'),
        '--partial',
        '--json',
      ]);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      // The empty item is reported by its place in the file; --partial imports the others.
      expect(JSON.parse(imported.stdout)).toMatchObject({
        kind: 'news',
        status: 'partial',
        total: 4,
        accepted: 3,
        unchanged: 0,
        rejected: 1,
        errors: [{ line: 4, field: 'title', reason: 'item has neither a title nor text; left out' }],
      });
      const database = openDatabase(url);
      try {
        const items = (await database.db
          .selectFrom('news_items')
          .select(['title', 'relevant', 'signal_id', 'origin'])
          .execute()) as { origin: string }[];
        expect(items).toHaveLength(3);
        expect(new Set(items.map((i) => i.origin))).toEqual(new Set(['import']));
        const signals = await database.db
          .selectFrom('news_signals')
          .select(['id', 'disease_id', 'item_count', 'languages'])
          .execute();
        expect(signals).toEqual([
          { id: 'signal-00001', disease_id: 'hfmd', item_count: 2, languages: 'en,zh' },
        ]);
        const events = (await database.db
          .selectFrom('change_feed')
          .select(['topic'])
          .where('topic', 'like', 'surveillance.signal.%')
          .execute()) as { topic: string }[];
        expect(events.map((e) => e.topic)).toEqual(['surveillance.signal.created']);
      } finally {
        await database.close();
      }
    });
  });
}
