/**
 * One signed webhook POST, as the change feed and alert subscriptions both send it: the URL checked by the
 * platform's SSRF guard at this very attempt (what a name resolves to may have changed since it was
 * subscribed) and the request pinned to the checked addresses; the body signed with HMAC-SHA256
 * (`X-Shuzhi-Signature: t=<unix>,v1=<hex>` over `<t>.<body>`); any answer but 2xx a failed attempt.
 */
import { createHmac } from 'node:crypto';
import { resolveDestination, type OutboundFetch } from '@shuzhi/core';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface SignedWebhook {
  url: string;
  secret: string;
  body: string;
  /** Unix seconds the signature covers. */
  timestamp: number;
  /** Headers besides the content type and the signature (the feed's cursor, the alert's event). */
  headers: Record<string, string>;
  timeoutMs: number;
  /** `SHUZHI_ALLOW_PRIVATE_OUTBOUND`. */
  allowPrivateAddresses: boolean;
  /** What the receiver is, for a refusal: "webhook whk_… " — the origin is added, never the path. */
  label: string;
}

/** The receiver answered, but not 2xx: it got the body and did not accept it. */
export class WebhookNotAccepted extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}${status >= 300 && status < 400 ? ': redirects are not followed' : ''}`);
  }
}

/**
 * Sends the webhook once; throws `WebhookNotAccepted` unless the receiver answered 2xx, or the error that kept
 * it from answering (a refused destination or connection, a timeout).
 */
export async function postSignedWebhook(post: OutboundFetch, webhook: SignedWebhook): Promise<void> {
  const url = new URL(webhook.url);
  // The label names the origin only: a path may carry the receiver's own token.
  const destination = await resolveDestination(url, {
    allowPrivateAddresses: webhook.allowPrivateAddresses,
    label: `${webhook.label} (${url.origin})`,
  });
  const response = await post(url, {
    method: 'POST',
    headers: {
      ...webhook.headers,
      'content-type': 'application/json',
      'x-shuzhi-signature': signWebhook(webhook.secret, webhook.timestamp, webhook.body),
    },
    body: webhook.body,
    signal: AbortSignal.timeout(webhook.timeoutMs),
    // Redirects are not followed: a hop could lead the signed body to an address nobody checked. A 3xx is a
    // failed attempt like any other non-2xx, retried with the caller's backoff.
    redirect: 'manual',
    destination,
  });
  await response.body?.cancel();
  if (!response.ok) throw new WebhookNotAccepted(response.status);
}
