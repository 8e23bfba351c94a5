/** SQL for webhook subscriptions: where to deliver, the consumer's cursor and the retry state. */
import { decodeRow, type Database } from '@shuzhi/db';

export interface WebhookRow {
  id: string;
  consumer_source_id: string;
  url: string;
  secret: string;
  topics: string[];
  purpose: string;
  cursor: number;
  status: 'active' | 'disabled';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  delivered: number;
  created_at: string;
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
      Pick<WebhookRow, 'cursor' | 'attempts' | 'next_attempt_at' | 'last_error' | 'delivered' | 'status'>
    >,
  ): Promise<void> {
    await this.database.db.updateTable('webhook_subscriptions').set(patch).where('id', '=', id).execute();
  }

  private decode(row: WebhookRow): WebhookRow {
    const r = decodeRow(row, { json: ['topics'] });
    return { ...r, cursor: Number(r.cursor), delivered: Number(r.delivered) };
  }
}
