/**
 * A subscriber whose feed reads or cursor writes fail — here the database locked by another process past the
 * busy wait, as `shuzhi import` beside a running server holds it — is retried; the process lives on.
 */
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '@shuzhi/db/testing';
import type { Database } from '@shuzhi/db';
import { hubFixture, hubTestMigrations } from '../testing.js';
import type { FeedEvent } from './feed.schema.js';

let database: Database;
let url: string;
let dispose: () => Promise<void>;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

beforeAll(async () => {
  ({ database, url, dispose } = await createTestDatabase('sqlite', { migrations: hubTestMigrations }));
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await dispose();
});

it('keeps a subscriber alive when another process holds the write lock, and catches it up after', async () => {
  const { hub } = hubFixture(database, { feedPollIntervalMs: 0 });
  const failures: [string, string][] = [];
  hub.feed.onFailure((subscriber, error) =>
    failures.push([subscriber, (error as { code?: string }).code ?? '']),
  );
  const seen: FeedEvent[] = [];
  await hub.feed.subscribe({ name: 'locked-out', handle: async (events) => void seen.push(...events) });
  await hub.feed.settle();
  await database.db.transaction().execute((trx) =>
    hub.feed.publish(
      trx,
      Array.from({ length: 3 }, (_, k) => ({ topic: 'hub.x.created', entityType: 'X', entityId: `x${k}` })),
    ),
  );

  // Another process takes the write lock and keeps it past the busy wait.
  const other = new Sqlite(url.replace(/^sqlite:/, ''));
  other.exec('BEGIN IMMEDIATE');
  hub.feed.notify();
  await hub.feed.settle();
  // Before, the cursor write's SQLITE_BUSY was an unhandled rejection: Node 20 ends the process on it.
  expect(unhandled).toEqual([]);
  expect(failures).toContainEqual(['locked-out', 'SQLITE_BUSY']);

  other.exec('COMMIT');
  other.close();
  hub.feed.notify();
  await hub.feed.settle();
  expect(seen.map((e) => e.entityId)).toEqual(['x0', 'x1', 'x2']);
  const stored = await database.db
    .selectFrom('feed_cursors')
    .select('seq')
    .where('subscriber', '=', 'locked-out')
    .executeTakeFirstOrThrow();
  expect(Number(stored.seq)).toBe(seen.at(-1)!.seq);
  hub.feed.stop();
});
