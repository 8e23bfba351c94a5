/** SQL for alert subscriptions and the notifications routed to them (in-app inbox and webhook outbox). */
import { sql } from 'kysely';
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import type { ListParams, Page } from '@shuzhi/core';
import type { AlertLevel } from './alert-levels.js';

export interface SubscriptionRow {
  id: string;
  owner_id: string;
  owner_name: string;
  channel: 'in_app' | 'webhook';
  url: string | null;
  secret: string | null;
  min_level: AlertLevel;
  area_prefix: string | null;
  indicators: string[] | null;
  active: boolean;
  created_at: string;
}

export interface NotificationRow {
  id: string;
  subscription_id: string;
  owner_id: string;
  channel: 'in_app' | 'webhook';
  feed_seq: number;
  alert_id: string;
  event: string;
  level: AlertLevel;
  body: Record<string, unknown>;
  created_at: string;
  read_at: string | null;
  /** `in_app`, or for webhooks `pending` → `delivered`. */
  delivery: 'in_app' | 'pending' | 'delivered';
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
}

const decodeSubscription = (r: SubscriptionRow) => decodeRow(r, { json: ['indicators'], bool: ['active'] });
const decodeNotification = (r: NotificationRow) => {
  const row = decodeRow(r, { json: ['body'] });
  return { ...row, feed_seq: Number(row.feed_seq), attempts: Number(row.attempts) };
};

export class SubscriptionsRepository {
  constructor(private readonly database: Database) {}

  async insert(row: SubscriptionRow): Promise<void> {
    await this.database.db
      .insertInto('surveillance_alert_subscriptions')
      .values({ ...row, indicators: row.indicators === null ? null : JSON.stringify(row.indicators) })
      .execute();
  }

  async ofOwner(ownerId: string): Promise<SubscriptionRow[]> {
    const rows = (await this.database.db
      .selectFrom('surveillance_alert_subscriptions')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .orderBy('created_at')
      .execute()) as SubscriptionRow[];
    return rows.map(decodeSubscription);
  }

  async active(): Promise<SubscriptionRow[]> {
    const rows = (await this.database.db
      .selectFrom('surveillance_alert_subscriptions')
      .selectAll()
      .where('active', '=', true)
      .execute()) as SubscriptionRow[];
    return rows.map(decodeSubscription);
  }

  async deactivate(id: string, ownerId: string): Promise<boolean> {
    const result = await this.database.db
      .updateTable('surveillance_alert_subscriptions')
      .set({ active: false })
      .where('id', '=', id)
      .where('owner_id', '=', ownerId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Stores notifications; one per subscription and feed event, however often the event is delivered. */
  async insertNotifications(rows: readonly NotificationRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100)
      await this.database.db
        .insertInto('surveillance_alert_notifications')
        .values(rows.slice(i, i + 100).map((r) => ({ ...r, body: JSON.stringify(r.body) })))
        .onConflict((oc) => oc.columns(['subscription_id', 'feed_seq']).doNothing())
        .execute();
  }

  async inbox(ownerId: string, params: ListParams): Promise<Page<NotificationRow>> {
    const query = this.database.db
      .selectFrom('surveillance_alert_notifications')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('channel', '=', 'in_app');
    const page = await fetchPage<NotificationRow>(query, params, {
      sortable: { created: 'created_at', level: 'level' },
      // Notifications routed together share their creation time: within it, the order the events happened.
      key: ['feed_seq', 'id'],
      searchable: ['alert_id', 'event'],
    });
    return { ...page, items: page.items.map(decodeNotification) };
  }

  async unread(ownerId: string): Promise<number> {
    const row = (await this.database.db
      .selectFrom('surveillance_alert_notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_id', '=', ownerId)
      .where('channel', '=', 'in_app')
      .where('read_at', 'is', null)
      .executeTakeFirst()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  async markRead(ownerId: string, ids: readonly string[], at: string): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.database.db
      .updateTable('surveillance_alert_notifications')
      .set({ read_at: at })
      .where('owner_id', '=', ownerId)
      .where('id', 'in', [...ids])
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Webhook notifications due for a (re)try, oldest first, with their subscription's URL and secret. */
  async dueWebhooks(
    now: string,
    limit: number,
  ): Promise<(NotificationRow & { url: string; secret: string })[]> {
    const rows = (await this.database.db
      .selectFrom('surveillance_alert_notifications as n')
      .innerJoin('surveillance_alert_subscriptions as s', 's.id', 'n.subscription_id')
      .selectAll('n')
      .select(['s.url', 's.secret'])
      .where('n.delivery', '=', 'pending')
      .where('n.next_attempt_at', '<=', now)
      .where('s.active', '=', true)
      .orderBy('n.feed_seq')
      .limit(limit)
      .execute()) as (NotificationRow & { url: string; secret: string })[];
    return rows.map((r) => ({ ...decodeNotification(r), url: r.url, secret: r.secret }));
  }

  async markDelivered(id: string, at: string): Promise<void> {
    await this.database.db
      .updateTable('surveillance_alert_notifications')
      .set({ delivery: 'delivered', delivered_at: at, last_error: null, attempts: sql`attempts + 1` })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, error: string, nextAttemptAt: string): Promise<void> {
    await this.database.db
      .updateTable('surveillance_alert_notifications')
      .set({ last_error: error.slice(0, 500), next_attempt_at: nextAttemptAt, attempts: sql`attempts + 1` })
      .where('id', '=', id)
      .execute();
  }
}
