import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import {
  careHomeFluEn,
  careHomeFluZh,
  choleraEn,
  fluAdviceEn,
  flowerShowZh,
  signalsFixture,
  signalsTestMigrations,
} from './testing.js';

const mpoxEn = {
  lang: 'en' as const,
  title: 'Mpox cases climb in Kinshasa',
  text: 'The Democratic Republic of the Congo confirmed 42 new mpox cases in Kinshasa on March 10, the health ministry said.',
  published: '2025-03-10',
};

const plagueEn = {
  lang: 'en' as const,
  title: 'Plague cases reported in Madagascar',
  text: 'Madagascar health authorities reported 11 suspected pneumonic plague cases and 3 deaths in Antananarivo on March 8.',
  published: '2025-03-08',
};

describeEachDatabase(
  'news ingestion',
  (getDatabase) => {
    it('clusters a Chinese and an English report of the same outbreak into one signal', async () => {
      const { module, feed, ctx } = signalsFixture(getDatabase());
      const first = await module.news.ingest(ctx, [careHomeFluZh], { origin: 'api' });
      const second = await module.news.ingest(ctx, [careHomeFluEn], { origin: 'api' });
      expect(first.signalsCreated).toHaveLength(1);
      const signalId = first.signalsCreated[0]!;
      expect(second).toMatchObject({
        stored: 1,
        relevant: 1,
        signalsCreated: [],
        signalsUpdated: [signalId],
      });
      expect(second.items[0]).toMatchObject({ signalId, signalCreated: false, duplicate: false, lang: 'en' });

      const signal = await module.signals.getSignal(signalId);
      expect(signal).toMatchObject({
        status: 'new',
        headline: careHomeFluZh.title,
        disease: { id: 'influenza', nameZh: '流行性感冒' },
        place: { code: '430202001', scheme: 'GB/T 2260', nameZh: '月塘街道' },
        areaCode: '430202001000',
        firstSeen: '2025-03-11',
        lastSeen: '2025-03-11',
        maxCases: 23,
        itemCount: 2,
        languages: ['en', 'zh'],
        allowedTransitions: ['investigating', 'dismissed'],
      });
      const items = await module.signals.listSignalItems(signalId, { limit: 10, offset: 0, order: 'asc' });
      expect(items.items.map((i) => i.lang).sort()).toEqual(['en', 'zh']);
      expect(feed.topics()).toEqual([
        `surveillance.signal.created ${signalId}`,
        `surveillance.signal.updated ${signalId}`,
      ]);
      expect(feed.events[0]).toMatchObject({ entityType: 'Signal', areaCode: '430202001000' });
      expect(feed.notified).toBe(2);
    });

    it('stores items that are not about an outbreak, as evidence, without making a signal of them', async () => {
      const { module, ctx } = signalsFixture(getDatabase());
      const report = await module.news.ingest(ctx, [flowerShowZh, fluAdviceEn], { origin: 'import' });
      expect(report).toMatchObject({
        received: 2,
        stored: 2,
        relevant: 0,
        signalsCreated: [],
        signalsUpdated: [],
      });
      expect(report.items.every((i) => !i.relevant && i.signalId === null)).toBe(true);
      const irrelevant = await module.news.listItems(
        { relevant: false, origin: 'import' },
        { limit: 10, offset: 0, order: 'asc' },
      );
      expect(irrelevant.items.map((i) => i.title).sort()).toEqual(
        [fluAdviceEn.title, flowerShowZh.title].sort(),
      );
      expect(irrelevant.items.find((i) => i.lang === 'en')?.diseases.map((d) => d.id)).toEqual(['influenza']);
    });

    it('drops a second copy by URL, and by headline and publication time, within a batch and across batches', async () => {
      const { module, ctx } = signalsFixture(getDatabase());
      const original = await module.news.ingest(ctx, [choleraEn], { origin: 'api' });
      const originalId = original.items[0]!.itemId;
      const again = await module.news.ingest(
        ctx,
        [
          // The same URL with a tracking parameter and a fragment, the text edited.
          { ...choleraEn, url: `${choleraEn.url}?utm_source=rss#top`, text: `${choleraEn.text} Updated.` },
          // Another site, the same headline and time.
          { ...choleraEn, url: 'https://other.example.org/cholera', source: 'Other' },
          // A new story, twice in one batch.
          {
            ...choleraEn,
            title: 'Cholera vaccination campaign starts in Lusaka',
            url: undefined,
            published: '2025-03-10',
          },
          {
            ...choleraEn,
            title: 'Cholera vaccination campaign starts in Lusaka',
            url: undefined,
            published: '2025-03-10',
          },
        ],
        { origin: 'feed' },
      );
      expect(again).toMatchObject({ received: 4, stored: 1, duplicates: 3 });
      expect(again.items.map((i) => [i.duplicate, i.itemId === originalId])).toEqual([
        [true, true],
        [true, true],
        [false, false],
        [true, false],
      ]);
      expect(again.items[3]!.itemId).toBe(again.items[2]!.itemId);
      expect(again.items[3]!.signalId).toBe(again.items[2]!.signalId);
    });

    it('reports items that are not news items, naming the item and field, and stores the others', async () => {
      const { module, ctx } = signalsFixture(getDatabase());
      const report = await module.news.ingest(
        ctx,
        [
          { lang: 'zh', title: ' ', text: '' },
          { ...choleraEn, url: 'https://wire.example.com/x', published: 'last week' },
          { ...flowerShowZh, title: '神农公园花展延期闭幕' },
        ],
        { origin: 'api' },
      );
      expect(report.issues).toEqual([
        { record: 0, field: 'text', reason: 'the item is empty' },
        { record: 1, field: 'published', reason: 'must be an ISO 8601 date or instant' },
      ]);
      expect(report.stored).toBe(1);
    });

    it('posts one item with its language detected, and parses pasted text with --- between items', async () => {
      const { module, ctx } = signalsFixture(getDatabase());
      const posted = await module.news.ingestPosted(ctx, {
        title: careHomeFluZh.title,
        text: careHomeFluZh.text,
      });
      expect(posted.items[0]).toMatchObject({ lang: 'zh', relevant: true, duplicate: false });
      const pasted = await module.news.ingestBatch(ctx, {
        content: `${careHomeFluEn.title}\n${careHomeFluEn.text}\n---\n${flowerShowZh.title}\n${flowerShowZh.text}`,
        format: 'text',
      });
      expect(pasted.items.map((i) => [i.lang, i.relevant])).toEqual([
        ['en', true],
        ['zh', false],
      ]);
      expect(pasted.items[0]!.signalId).toBe(posted.items[0]!.signalId);
      await expect(module.news.ingestPosted(ctx, { title: 'x', text: '   ' })).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [{ record: 'news item', field: 'text', reason: 'paste the text of the item' }],
      });
    });

    it('clusters with what another process stored meanwhile (no stale cache, no duplicate signal numbers)', async () => {
      const server = signalsFixture(getDatabase());
      const cli = signalsFixture(getDatabase());
      const a = await server.module.news.ingest(
        server.ctx,
        [{ ...careHomeFluZh, url: 'https://a.example/1', title: '荷塘区养老院流感疫情续报' }],
        { origin: 'api' },
      );
      const b = await cli.module.news.ingest(
        cli.ctx,
        [{ ...careHomeFluEn, url: 'https://a.example/2', title: 'Zhuzhou care home flu: update' }, plagueEn],
        { origin: 'import' },
      );
      const c = await server.module.news.ingest(server.ctx, [mpoxEn], { origin: 'api' });
      expect(b.items[0]!.signalId).toBe(a.items[0]!.signalId);
      expect(b.signalsCreated).toHaveLength(1);
      expect(c.signalsCreated).toHaveLength(1);
      expect(c.signalsCreated[0]).not.toBe(b.signalsCreated[0]);
      // The server's next item about the plague joins the signal the other process created.
      const d = await server.module.news.ingest(
        server.ctx,
        [
          {
            ...plagueEn,
            title: 'Madagascar plague: more suspected cases',
            text: plagueEn.text.replace('11', '19'),
          },
        ],
        { origin: 'api' },
      );
      expect(d.signalsUpdated).toEqual(b.signalsCreated);
      const items = await server.module.signals.listSignalItems(a.items[0]!.signalId!, {
        limit: 100,
        offset: 0,
        order: 'asc',
      });
      expect(items.items.map((i) => i.id)).toEqual(
        expect.arrayContaining([a.items[0]!.itemId, b.items[0]!.itemId]),
      );
      expect((await server.module.signals.getSignal(a.items[0]!.signalId!)).itemCount).toBe(items.total);
    });
  },
  { migrations: signalsTestMigrations },
);
