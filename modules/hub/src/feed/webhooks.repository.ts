/**
 * SQL for webhook subscriptions: where to deliver, the consumer's cursor, the retry state, the API key that
 * subscribed and why a subscription is paused.
 */
import { decodeRow, type Database } from '@shuzhi/db';

export interface WebhookRow {
  id: string;
  consumer_source_id: string;
  url: string;
  secret: string;
  topics: string[];
  purpose: string;
  cursor: number;
  /** `paused`: held by the platform (`paused_reason`) until a live key resumes it; `disabled`: by the consumer. */
  status: 'active' | 'paused' | 'disabled';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  delivered: number;
  created_at: string;
  /** The API key that subscribed (or last resumed) it; null for subscriptions from before keys were recorded. */
  created_by_key: string | null;
  paused_reason: string | null;
  paused_at: string | null;
}

export class WebhooksRepository {
  constructor(private readonly database: Database) {}

  async insert(row: WebhookRow): Promise<void> {
    await this.database.db
      .insertInto('webhook_subscriptions')
      .values({ ...row, topics: JSON.stringify(row.topics) })
      .execute();
  }

  async due(at: string, limit: number): Promise<WebhookRow[]> {
    const rows = await this.database.db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('status', '=', 'active')
      .where('next_attempt_at', '<=', at)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    return rows.map((r) => this.decode(r as WebhookRow));
  }

  async ofConsumer(consumerSourceId: string): Promise<WebhookRow[]> {
    const rows = await this.database.db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('consumer_source_id', '=', consumerSourceId)
      .execute();
    return rows.map((r) => this.decode(r as WebhookRow));
  }

  async find(id: string): Promise<WebhookRow | undefined> {
    const row = await this.database.db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.decode(row as WebhookRow) : undefined;
  }

  async update(
    id: string,
    patch: Partial<
      Pick<
        WebhookRow,
        | 'cursor'
        | 'attempts'
        | 'next_attempt_at'
        | 'last_error'
        | 'delivered'
        | 'status'
        | 'created_by_key'
        | 'paused_reason'
        | 'paused_at'
      >
    >,
  ): Promise<void> {
    await this.database.db.updateTable('webhook_subscriptions').set(patch).where('id', '=', id).execute();
  }

  /**
   * Updates a subscription only while it still has the status the caller read: a consumer's DELETE between a
   * read and a write (a delivery pausing it, another request resuming it) is not undone. False when it changed.
   */
  async updateIfStatus(
    id: string,
    expected: WebhookRow['status'],
    patch: Partial<
      Pick<
        WebhookRow,
        'status' | 'created_by_key' | 'paused_reason' | 'paused_at' | 'attempts' | 'next_attempt_at'
      >
    >,
  ): Promise<boolean> {
    const result = await this.database.db
      .updateTable('webhook_subscriptions')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  private decode(row: WebhookRow): WebhookRow {
    const r = decodeRow(row, { json: ['topics'] });
    return { ...r, cursor: Number(r.cursor), delivered: Number(r.delivered) };
  }
}
