import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { careHomeFluEn, choleraEn, signalsFixture, signalsTestMigrations } from './testing.js';

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Outbreak wire</title>
  <entry><title>${careHomeFluEn.title}</title><link href="${careHomeFluEn.url}"/>
    <published>2025-03-11T09:30:00Z</published><content>${careHomeFluEn.text}</content></entry>
  <entry><title>${choleraEn.title}</title><link href="${choleraEn.url}"/>
    <published>sometime in March</published><content>${choleraEn.text}</content></entry>
  <entry><title></title><content></content></entry>
</feed>`;

describeEachDatabase(
  'the news import kind',
  (getDatabase) => {
    it('parses a feed file, reporting the items it leaves out, and applies the rest in the given transaction', async () => {
      const f = signalsFixture(getDatabase());
      const handler = f.module.importHandler;
      expect(handler.kind).toBe('news');
      const parsed = await handler.parse(atom);
      expect(parsed.total).toBe(3);
      expect(parsed.records.map((r) => [r.item.lang, r.item.published ?? null])).toEqual([
        ['en', '2025-03-11T09:30:00.000Z'],
        ['en', null],
      ]);
      expect(parsed.issues).toEqual([
        { line: 3, field: 'title', reason: 'item has neither a title nor text; left out' },
      ]);
      const progress: number[] = [];
      const applied = await getDatabase()
        .db.transaction()
        .execute((trx) =>
          handler.apply(trx, parsed.records, { ctx: f.ctx, progress: (done) => void progress.push(done) }),
        );
      handler.afterCommit();
      expect(applied).toEqual({ accepted: 2, unchanged: 0 });
      expect(progress).toEqual([2]);
      expect(f.feed.notified).toBe(1);
      expect(f.feed.topics().filter((t) => t.startsWith('surveillance.signal.created'))).toHaveLength(2);
      const imported = await f.module.news.listItems(
        { origin: 'import' },
        { limit: 10, offset: 0, order: 'asc' },
      );
      expect(imported.total).toBe(2);

      // Importing the same file again changes nothing (and its known items are not even read again).
      const reparsed = await handler.parse(atom);
      expect(reparsed.records.every((r) => !('processed' in r))).toBe(true);
      const again = await getDatabase()
        .db.transaction()
        .execute((trx) => handler.apply(trx, reparsed.records, { ctx: f.ctx, progress: () => undefined }));
      expect(again).toEqual({ accepted: 0, unchanged: 2 });
    });

    it('leaves nothing behind when the import transaction rolls back', async () => {
      const f = signalsFixture(getDatabase());
      const handler = f.module.importHandler;
      const parsed = await handler.parse(
        `Rollback test outbreak\nSeven new cholera cases were confirmed in Blantyre, Malawi on March 9.`,
      );
      await expect(
        getDatabase()
          .db.transaction()
          .execute(async (trx) => {
            await handler.apply(trx, parsed.records, { ctx: f.ctx, progress: () => undefined });
            throw new Error('another record of the file failed');
          }),
      ).rejects.toThrow('another record of the file failed');
      const after = await f.module.news.listItems(
        {},
        { limit: 5, offset: 0, order: 'asc', q: 'Rollback test' },
      );
      expect(after.total).toBe(0);
      // The clustering cache written inside the rolled-back transaction is not trusted afterwards.
      const report = await f.module.news.ingest(
        f.ctx,
        parsed.records.map((r) => r.item),
        { origin: 'api' },
      );
      expect(report.items[0]).toMatchObject({ duplicate: false, relevant: true, signalCreated: true });
      const signal = await f.module.signals.getSignal(report.items[0]!.signalId!);
      expect(signal).toMatchObject({ itemCount: 1, disease: { id: 'cholera' } });
    });
  },
  { migrations: signalsTestMigrations },
);
