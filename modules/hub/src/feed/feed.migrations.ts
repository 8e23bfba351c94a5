/**
 * Webhook subscriptions name the API key that made them and why they are paused: a subscription must not
 * outlive the key, the agreement or the source behind it (see `webhooks.service.ts`).
 */
import type { Kysely, Migration } from 'kysely';
import { columnTypes, dialectOf } from '@shuzhi/db';

export const webhookOwnerMigration: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const t = columnTypes(dialectOf(db));
    // One column per statement: SQLite's ALTER TABLE adds one at a time. Null for subscriptions from before,
    // which are paused at their next delivery until a live key of their source resumes them.
    await db.schema.alterTable('webhook_subscriptions').addColumn('created_by_key', 'text').execute();
    await db.schema.alterTable('webhook_subscriptions').addColumn('paused_reason', 'text').execute();
    await db.schema.alterTable('webhook_subscriptions').addColumn('paused_at', t.timestamp).execute();
  },
};
