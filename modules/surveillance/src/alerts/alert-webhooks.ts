/**
 * Delivers alert notifications to webhook subscribers: one POST per notification, signed as the hub signs
 * its webhooks (`X-Shuzhi-Signature: t=<unix>,v1=<hex>`, HMAC-SHA256 over `<t>.<body>`, `signWebhook`), and
 * retried with exponential backoff until the receiver answers 2xx — at least once. Every attempt passes the
 * platform's SSRF guard first (the name may resolve elsewhere than when the subscription was made).
 */
import { outboundFetch, resolveDestination, type Clock, type OutboundFetch } from '@shuzhi/core';
import { signWebhook } from '@shuzhi/hub';
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
        const url = new URL(notification.url);
        // The label names the origin only: a path may carry the receiver's own token.
        const destination = await resolveDestination(url, {
          allowPrivateAddresses: this.options.allowPrivateAddresses,
          label: `alert webhook ${notification.subscription_id} (${url.origin})`,
        });
        const response = await this.post(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-shuzhi-signature': signWebhook(notification.secret, timestamp, body),
            'x-shuzhi-event': notification.event,
          },
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs),
          // Redirects are not followed: a hop could lead the signed alert to an address nobody checked. A 3xx
          // is a failed attempt like any other non-2xx, retried with the backoff below.
          redirect: 'manual',
          destination,
        });
        await response.body?.cancel();
        const redirect = response.status >= 300 && response.status < 400;
        if (!response.ok)
          throw new Error(`HTTP ${response.status}${redirect ? ': redirects are not followed' : ''}`);
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
