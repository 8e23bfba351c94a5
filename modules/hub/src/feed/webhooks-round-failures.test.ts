/** A webhook delivery round that fails is tried again at the next tick; the process lives on. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '@shuzhi/db/testing';
import type { Database } from '@shuzhi/db';
import { hubFixture, hubTestMigrations } from '../testing.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';
import { defaultWebhookOptions } from './webhooks.service.js';

let database: Database;
let dispose: () => Promise<void>;
const unhandled: unknown[] = [];
const warnings: string[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
const onWarning = (warning: Error) => void warnings.push(warning.message);

beforeAll(async () => {
  ({ database, dispose } = await createTestDatabase('sqlite', { migrations: hubTestMigrations }));
  process.on('unhandledRejection', onUnhandled);
  process.on('warning', onWarning);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('warning', onWarning);
  await dispose();
});

/** The store failing as SQLite does when another process holds the write lock past the busy wait. */
class LockedOutRepository extends WebhooksRepository {
  calls = 0;
  override async due(...args: Parameters<WebhooksRepository['due']>) {
    this.calls += 1;
    if (this.calls <= 2) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    return super.due(...args);
  }
}

it('keeps delivering after a round fails on a locked database, with a warning and no unhandled rejection', async () => {
  const f = hubFixture(database);
  const repository = new LockedOutRepository(database);
  const service = new WebhooksService(repository, f.hub.feed, f.hub.sharing, f.clock, {
    ...defaultWebhookOptions,
    intervalMs: 5,
  });
  service.start();
  await new Promise((r) => setTimeout(r, 200));
  await service.stop();
  // Before, the timer discarded the round's promise: its rejection was unhandled, and Node 20 exits on it.
  expect(unhandled).toEqual([]);
  expect(repository.calls).toBeGreaterThan(2);
  expect(warnings.some((w) => w.includes('SQLITE_BUSY'))).toBe(true);
  f.hub.feed.stop();
});
