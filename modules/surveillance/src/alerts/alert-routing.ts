/**
 * Routes alert events to the subscribers who asked for them (pure matching, then storage): an opened,
 * escalated, reopened or triaged alert at or above a subscription's level, in its area and among its
 * indicators, becomes one notification — in the subscriber's in-app inbox or in the webhook outbox. Plain
 * updates (another alarm day at the same level) are not routed: nobody is woken for more of the same.
 */
import { newId, type Clock } from '@shuzhi/core';
import type { FeedEvent } from '@shuzhi/hub';
import { isWithinArea } from '@shuzhi/core';
import { isAlertLevel, levelRank } from './alert-levels.js';
import type {
  NotificationRow,
  SubscriptionRow,
  SubscriptionsRepository,
} from './subscriptions.repository.js';

const routedChanges = new Set(['opened', 'escalated', 'reopened', 'triaged']);

export function matchesSubscription(subscription: SubscriptionRow, event: FeedEvent): boolean {
  const change = event.topic.split('.').at(-1) ?? '';
  if (!routedChanges.has(change)) return false;
  const level = event.payload['level'];
  if (!isAlertLevel(level) || levelRank(level) < levelRank(subscription.min_level)) return false;
  if (subscription.area_prefix !== null && !isWithinArea(event.areaCode, subscription.area_prefix))
    return false;
  const indicator = event.payload['indicator'];
  return (
    subscription.indicators === null ||
    (typeof indicator === 'string' && subscription.indicators.includes(indicator))
  );
}

export class AlertRouter {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly clock: Clock,
  ) {}

  /** The change-feed handler for `surveillance.alert.*`. */
  async route(events: readonly FeedEvent[]): Promise<number> {
    const active = await this.subscriptions.active();
    if (active.length === 0) return 0;
    const now = this.clock.now().toISOString();
    const rows: NotificationRow[] = [];
    for (const event of events) {
      for (const subscription of active) {
        if (!matchesSubscription(subscription, event)) continue;
        rows.push({
          id: newId('ntf'),
          subscription_id: subscription.id,
          owner_id: subscription.owner_id,
          channel: subscription.channel,
          feed_seq: event.seq,
          alert_id: event.entityId,
          event: event.topic,
          level: event.payload['level'] as NotificationRow['level'],
          body: {
            seq: event.seq,
            at: event.at,
            topic: event.topic,
            alertId: event.entityId,
            ...event.payload,
          },
          created_at: now,
          read_at: null,
          delivery: subscription.channel === 'webhook' ? 'pending' : 'in_app',
          attempts: 0,
          next_attempt_at: subscription.channel === 'webhook' ? now : null,
          last_error: null,
          delivered_at: null,
        });
      }
    }
    await this.subscriptions.insertNotifications(rows);
    return rows.length;
  }
}
