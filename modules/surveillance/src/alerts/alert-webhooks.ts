/**
 * Delivers alert notifications to webhook subscribers: one POST per notification, signed as the hub signs
 * its webhooks (`X-Shuzhi-Signature: t=<unix>,v1=<hex>`, HMAC-SHA256 over `<t>.<body>`, `signWebhook`), and
 * retried with exponential backoff until the receiver answers 2xx — at least once. Every attempt passes the
 * platform's SSRF guard first (the name may resolve elsewhere than when the subscription was made).
 */
import { outboundFetch, type Clock, type OutboundFetch } from '@shuzhi/core';
import { postSignedWebhook } from '@shuzhi/hub';
import type { SubscriptionsRepository } from './subscriptions.repository.js';

export interface AlertWebhookOptions {
  intervalMs: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  timeoutMs: number;
  /** `SHUZHI_ALLOW_PRIVATE_OUTBOUND`: deliver to private and local addresses too (default false). */
  allowPrivateAddresses: boolean;
}

export const defaultAlertWebhookOptions: AlertWebhookOptions = {
  intervalMs: 2000,
  baseBackoffMs: 2000,
  maxBackoffMs: 15 * 60_000,
  timeoutMs: 10_000,
  allowPrivateAddresses: false,
};

export class AlertWebhooks {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly clock: Clock,
    private readonly options: AlertWebhookOptions = defaultAlertWebhookOptions,
    private readonly post: OutboundFetch = outboundFetch,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.deliverDue().catch(() => undefined), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Delivers what is due now; returns how many were delivered. Concurrent calls share one round. */
  deliverDue(): Promise<number> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<number> {
    const now = this.clock.now();
    const due = await this.subscriptions.dueWebhooks(now.toISOString(), 50);
    let delivered = 0;
    for (const notification of due) {
      const body = JSON.stringify({ subscription: notification.subscription_id, event: notification.body });
      const timestamp = Math.floor(now.getTime() / 1000);
      try {
        await postSignedWebhook(this.post, {
          url: notification.url,
          secret: notification.secret,
          body,
          timestamp,
          headers: { 'x-shuzhi-event': notification.event },
          timeoutMs: this.options.timeoutMs,
          allowPrivateAddresses: this.options.allowPrivateAddresses,
          label: `alert webhook ${notification.subscription_id}`,
        });
        await this.subscriptions.markDelivered(notification.id, this.clock.now().toISOString());
        delivered += 1;
      } catch (error) {
        const backoff = Math.min(
          this.options.maxBackoffMs,
          this.options.baseBackoffMs * 2 ** Math.min(20, notification.attempts),
        );
        await this.subscriptions.markFailed(
          notification.id,
          error instanceof Error ? error.message : String(error),
          new Date(this.clock.now().getTime() + backoff).toISOString(),
        );
      }
    }
    return delivered;
  }
}
