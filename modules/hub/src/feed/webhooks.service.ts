/**
 * Webhooks: the change feed pushed to external consumers. Each subscription has its own cursor; events
 * are POSTed in order, in batches, signed with HMAC-SHA256 (`X-Shuzhi-Signature: t=<unix>,v1=<hex>` over
 * `<t>.<body>`), and retried with exponential backoff until the consumer answers 2xx — at-least-once,
 * never skipping ahead. Only events of datasets the consumer's sharing agreements grant are sent.
 * Every URL passes the platform's SSRF guard: when subscribed, and again before every delivery attempt.
 *
 * A subscription stands on the API key that made it, the agreement it delivers under and the consumer's
 * source: before every batch all three are checked again, and when one no longer holds the subscription is
 * paused with the reason, its cursor kept. A rotation pauses it too (see `holdReason`); a live key of the
 * source resumes it, nothing lost.
 */
import { randomBytes } from 'node:crypto';
import {
  AppError,
  assertPublicUrlInput,
  newId,
  outboundFetch,
  type Clock,
  type OutboundFetch,
  type Purpose,
  type SensitiveField,
} from '@shuzhi/core';
import type { AuditService, Principal } from '@shuzhi/identity';
import { coded, codedReasonOf, reasonZhOf, type CodedReason, type ReasonCode } from '../core/reasons.js';
import type { SharingService } from '../sharing/sharing.service.js';
import { datasetOfTopic } from '../sharing/sharing.schema.js';
import type { ChangeFeed } from './change-feed.js';
import { describeError } from './describe-error.js';
import { disclosedEvent } from './disclosed-event.js';
import { isEventWithinArea } from './event-area.js';
import { TimeSlices } from './time-slices.js';
import type { FeedEvent } from './feed.schema.js';
import { postSignedWebhook, WebhookNotAccepted } from './signed-webhook.js';
import type { WebhookRow, WebhooksRepository } from './webhooks.repository.js';

export interface WebhookOptions {
  /** How often due subscriptions are looked for (ms). */
  intervalMs: number;
  batchSize: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  timeoutMs: number;
  /** `SHUZHI_ALLOW_PRIVATE_OUTBOUND`: deliver to private and local addresses too (default false). */
  allowPrivateAddresses: boolean;
}

/** Batches one subscription may take in one delivery round before the next subscription's turn. */
const MAX_BATCHES_PER_ROUND = 20;

export const defaultWebhookOptions: WebhookOptions = {
  intervalMs: 1000,
  batchSize: 100,
  baseBackoffMs: 1000,
  maxBackoffMs: 10 * 60_000,
  timeoutMs: 10_000,
  allowPrivateAddresses: false,
};

/**
 * The audit actor of a consumer's pushed deliveries: its data source, so "who read what" lists them beside
 * the reads its API keys made (a delivery has no request and no key).
 */
export function webhookAuditActor(consumerSourceId: string): string {
  return consumerSourceId;
}

/**
 * Why the platform paused a subscription, as a cause code, each with the code of the reason `holdReason`
 * gives for it (core/reasons.ts: its English is stored, its Chinese is given beside it).
 */
export const pauseCauses = {
  key_legacy: 'webhook-key-legacy',
  key_revoked: 'webhook-key-revoked',
  source_disabled: 'webhook-source-disabled',
  no_agreement: 'webhook-no-agreement',
} as const satisfies Record<string, ReasonCode>;
export type PauseCause = keyof typeof pauseCauses;

/** The cause of a stored pause reason; null for none (or a reason from another version). */
export function pauseCauseOf(reason: string | null): PauseCause | null {
  const code = reason ? codedReasonOf(reason)?.code : undefined;
  const found = Object.entries(pauseCauses).find(([, reasonCode]) => reasonCode === code);
  return found ? (found[0] as PauseCause) : null;
}

export interface WebhookView {
  id: string;
  url: string;
  topics: string[];
  purpose: string;
  cursor: number;
  status: string;
  attempts: number;
  lastError: string | null;
  delivered: number;
  /** The API key that subscribed it or last resumed it (null: from before keys were recorded). */
  createdByKey: string | null;
  /** Why the platform paused it, in English; `pausedReasonZh` in Chinese. */
  pausedReason: string | null;
  pausedReasonZh: string | null;
  /** `pausedReason` as a code. */
  pausedCause: PauseCause | null;
  pausedAt: string | null;
  createdAt: string;
}

/**
 * A subscription's URL as lists show it: a password in it (`https://user:pass@host/`, basic auth for the
 * receiver) is the consumer's credential, shown to the officer reviewing the consumer and on every list, so it
 * is masked like the signing secret is never shown again; the delivery still uses it.
 */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function view(r: WebhookRow): WebhookView {
  return {
    id: r.id,
    url: shownUrl(r.url),
    topics: r.topics,
    purpose: r.purpose,
    cursor: r.cursor,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    delivered: r.delivered,
    createdByKey: r.created_by_key,
    pausedReason: r.paused_reason,
    pausedReasonZh: r.paused_reason === null ? null : (reasonZhOf({ reason: r.paused_reason }) ?? null),
    pausedCause: pauseCauseOf(r.paused_reason),
    pausedAt: r.paused_at,
    createdAt: r.created_at,
  };
}

export class WebhooksService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly feed: ChangeFeed,
    private readonly sharing: SharingService,
    private readonly clock: Clock,
    private readonly options: WebhookOptions = defaultWebhookOptions,
    private readonly post: OutboundFetch = outboundFetch,
    /** Records each delivery as a read of personal data; every deployment passes it (tests may omit it). */
    private readonly audit?: Pick<AuditService, 'record'>,
  ) {}

  async subscribe(
    consumer: Principal,
    input: { url: string; topics: string[]; purpose: Purpose; fromSeq?: number },
  ): Promise<WebhookView & { secret: string }> {
    // A webhook is a standing push of personal data: it is bound to the key that made it, so revoking the key
    // stops it. A session (a person) could not be checked once it ends, so only a source's key subscribes.
    if (consumer.kind !== 'api_key' || !consumer.sourceId)
      throw new AppError('forbidden', 'only a data consumer (an API key of a source) can subscribe');
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new AppError('invalid_input', 'url: not a URL', {
        issues: [{ field: 'url', reason: 'not a URL' }],
      });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new AppError('invalid_input', 'url: must be http or https', {
        issues: [{ field: 'url', reason: 'must be http or https' }],
      });
    }
    await assertPublicUrlInput(url, {
      record: 'webhook',
      allowPrivateAddresses: this.options.allowPrivateAddresses,
    });
    const lastSeq = await this.feed.lastSeq();
    // A cursor beyond the feed's end would wait silently for events that may never come (a typo, a cursor
    // from another deployment); the consumer is told now instead.
    if (input.fromSeq !== undefined && input.fromSeq > lastSeq) {
      throw new AppError('invalid_input', `fromSeq: beyond the end of the feed (${lastSeq})`, {
        issues: [{ record: 'webhook', field: 'fromSeq', reason: `beyond the end of the feed (${lastSeq})` }],
      });
    }
    const secret = randomBytes(32).toString('base64url');
    const row: WebhookRow = {
      id: newId('whk'),
      consumer_source_id: consumer.sourceId,
      url: url.toString(),
      secret,
      topics: input.topics,
      purpose: input.purpose,
      cursor: input.fromSeq ?? lastSeq,
      status: 'active',
      attempts: 0,
      next_attempt_at: this.clock.now().toISOString(),
      last_error: null,
      delivered: 0,
      created_at: this.clock.now().toISOString(),
      created_by_key: consumer.id,
      paused_reason: null,
      paused_at: null,
    };
    await this.webhooks.insert(row);
    return { ...view(row), secret };
  }

  async list(consumer: Principal): Promise<WebhookView[]> {
    if (!consumer.sourceId) return [];
    return (await this.webhooks.ofConsumer(consumer.sourceId)).map(view);
  }

  /** Every webhook of a consumer organisation, for the officer who reviews its agreements. */
  async listOfSource(consumerSourceId: string): Promise<WebhookView[]> {
    return (await this.webhooks.ofConsumer(consumerSourceId)).map(view);
  }

  async disable(consumer: Principal, id: string): Promise<void> {
    await this.ownRow(consumer, id);
    await this.webhooks.update(id, { status: 'disabled' });
  }

  /**
   * Resumes a paused subscription under the calling key, which it is bound to from now on; delivery goes on
   * from its cursor, so nothing is lost. Refused (409, with the reason) while the agreement or the source
   * still does not hold. Any live key of the source may: it could as well subscribe the same URL anew.
   */
  async resume(consumer: Principal, id: string): Promise<WebhookView> {
    const row = await this.ownRow(consumer, id);
    if (row.status !== 'paused')
      throw new AppError('conflict', `webhook ${id} is ${row.status}, not paused`, {
        issues: [{ record: `webhook ${id}`, field: 'status', reason: `is ${row.status}, not paused` }],
      });
    const resumed: WebhookRow = { ...row, created_by_key: consumer.id };
    const hold = await this.holdReason(resumed);
    if (hold)
      throw new AppError('conflict', `webhook ${id} cannot resume: ${hold.reason}`, {
        issues: [{ record: `webhook ${id}`, field: 'status', reason: hold.reason }],
      });
    const patch = {
      status: 'active' as const,
      created_by_key: consumer.id,
      paused_reason: null,
      paused_at: null,
      attempts: 0,
      next_attempt_at: this.clock.now().toISOString(),
    };
    // The consumer may have stopped it (DELETE) since it was read: a resume must not bring it back.
    if (!(await this.webhooks.updateIfStatus(id, 'paused', patch)))
      throw new AppError('conflict', `webhook ${id} changed while resuming; read it again`, {
        issues: [{ record: `webhook ${id}`, field: 'status', reason: 'changed while resuming' }],
      });
    return view({ ...row, ...patch });
  }

  /** The consumer's own subscription; "not found or no access" for another source's or a staff caller. */
  private async ownRow(consumer: Principal, id: string): Promise<WebhookRow> {
    const row = await this.webhooks.find(id);
    if (!row || consumer.kind !== 'api_key' || row.consumer_source_id !== consumer.sourceId)
      throw new AppError('not_found', `webhook ${id} not found or no access`);
    return row;
  }

  /**
   * Why a subscription may not deliver now, checked before every batch (not only at subscription): the key
   * that made it is revoked, no agreement grants the feed for its purpose any more (revoked or expired), or
   * the consumer's source is disabled. A rotated key counts as revoked: rotation is how a leaked key is
   * replaced, and a subscription the thief made with it (to the thief's URL) must not be carried over to the
   * new key; the platform cannot tell it from the organisation's own, whose holder resumes it in one call.
   */
  private async holdReason(sub: WebhookRow): Promise<CodedReason | null> {
    if (!sub.created_by_key) return coded('webhook-key-legacy');
    const key: Principal = {
      kind: 'api_key',
      id: sub.created_by_key,
      role: 'data_source',
      displayName: sub.consumer_source_id,
      areaCode: null,
      sourceId: sub.consumer_source_id,
    };
    if (!(await this.sharing.consumerKeyActive(key)))
      return coded('webhook-key-revoked', { key: sub.created_by_key });
    if (!(await this.sharing.consumerSourceActive(sub.consumer_source_id)))
      return coded('webhook-source-disabled', { source: sub.consumer_source_id });
    const granted = await this.sharing.datasetsFor(key, sub.purpose as Purpose);
    if (!granted.has('feed')) return coded('webhook-no-agreement', { purpose: sub.purpose });
    return null;
  }

  /** Pauses a subscription that may not deliver, with the reason its consumer and the officer see. */
  private async pause(sub: WebhookRow, reason: CodedReason): Promise<void> {
    // Only an active one: a subscription its consumer stopped meanwhile stays stopped (a paused one could be
    // resumed by any live key of the source, bringing back what the consumer deleted).
    await this.webhooks.updateIfStatus(sub.id, 'active', {
      status: 'paused',
      paused_reason: reason.reason,
      paused_at: this.clock.now().toISOString(),
    });
  }

  start(): void {
    if (this.timer) return;
    // A round that fails (the database locked by another process past its busy wait) is tried again at the
    // next tick; uncaught, its rejection would end the process, as the change feed's did.
    this.timer = setInterval(
      () =>
        void this.runOnce().catch((error: unknown) =>
          process.emitWarning(
            `webhook delivery round failed (${describeError(error)}); retried at the next round`,
          ),
        ),
      this.options.intervalMs,
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Delivers one batch to every due subscription (also what the timer calls). */
  runOnce(): Promise<void> {
    this.running ??= this.deliverDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async deliverDue(): Promise<void> {
    const due = await this.webhooks.due(this.clock.now().toISOString(), 50);
    // A round may read a thousand batches (50 subscribers behind by a backlog): on SQLite that is synchronous
    // work, so the round gives the event loop back every time slice.
    const slices = new TimeSlices();
    for (let sub of due) {
      // A subscriber behind by a long backlog catches up a few batches per round, not one batch a second
      // (hours for a city's day of events), while other subscribers still get their turn each round.
      for (let round = 0; round < MAX_BATCHES_PER_ROUND; round += 1) {
        const next = await this.deliver(sub);
        await slices.boundary();
        if (!next) break;
        sub = next;
      }
    }
  }

  /** Delivers one batch; the subscription as it now stands when a full batch went out (more may wait). */
  private async deliver(due: WebhookRow): Promise<WebhookRow | null> {
    // Read again before every batch: a consumer that stopped its subscription (DELETE) during a catch-up round
    // gets no further batch, and the cursor is the one stored, not the round's copy.
    const sub = await this.webhooks.find(due.id);
    if (!sub || sub.status !== 'active') return null;
    const events = await this.feed.read(sub.cursor, this.options.batchSize);
    // Checked after every batch is read and before it is sent, and while idle, so the officer sees the pause
    // at once: a revoked key or agreement stops the very next batch, and the cursor stays (a resumed
    // subscription goes on from there). Checked before the read, an event published just after the revocation
    // could be read and sent.
    const hold = await this.holdReason(sub);
    if (hold) {
      await this.pause(sub, hold);
      return null;
    }
    if (events.length === 0) return null;
    const lastSeq = events[events.length - 1]!.seq;
    const full = events.length === this.options.batchSize;
    const consumer: Principal = {
      kind: 'api_key',
      id: webhookAuditActor(sub.consumer_source_id),
      role: 'data_source',
      displayName: sub.consumer_source_id,
      // A pushed delivery has no API key to carry the consumer's area: its source's area bounds it, as the
      // area scope bounds the same consumer's reads over HTTP.
      areaCode: await this.sharing.consumerArea(sub.consumer_source_id),
      sourceId: sub.consumer_source_id,
    };
    const granted = await this.sharing.datasetsFor(consumer, sub.purpose as Purpose);
    // The fields the agreements covering the feed disclose: record ids inside events are masked without them.
    const grant = await this.sharing.findGrant(consumer, 'feed', sub.purpose as Purpose);
    const disclosed = new Set<SensitiveField>(grant?.fields ?? []);
    const wanted = events
      .filter((e) => this.allowed(e, sub, granted, consumer.areaCode))
      .map((e) => disclosedEvent(e, disclosed));
    if (wanted.length === 0) {
      await this.webhooks.update(sub.id, { cursor: lastSeq });
      return full ? { ...sub, cursor: lastSeq } : null;
    }
    // The audit names what this batch carried and every agreement granting it, not only the feed's grant.
    const carried = new Set(wanted.flatMap((e) => datasetOfTopic(e.topic) ?? []));
    const datasetsRead = ['feed', ...[...carried].sort()];
    const agreements = await this.sharing.agreementsFor(consumer, sub.purpose as Purpose, datasetsRead);
    const body = JSON.stringify({ subscription: sub.id, events: wanted });
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    // Audited before the body leaves, as the gatekeeper audits a read before its response: every attempt
    // may send the events, whether or not the receiver then answers 2xx. A failed attempt adds a second
    // entry saying how it failed, so that a privacy officer can tell a delivery from an attempt.
    const read = { fields: grant?.fields ?? [], datasets: datasetsRead, agreements };
    const batch = { events: wanted.length, fromSeq: wanted[0]!.seq, toSeq: lastSeq };
    await this.auditDelivery(consumer, sub, read, { ...batch, outcome: 'success' });
    try {
      await postSignedWebhook(this.post, {
        url: sub.url,
        secret: sub.secret,
        body,
        timestamp,
        headers: { 'x-shuzhi-cursor': String(lastSeq) },
        timeoutMs: this.options.timeoutMs,
        allowPrivateAddresses: this.options.allowPrivateAddresses,
        label: `webhook ${sub.id}`,
      });
      const delivered = {
        cursor: lastSeq,
        attempts: 0,
        last_error: null,
        delivered: sub.delivered + wanted.length,
        next_attempt_at: this.clock.now().toISOString(),
      };
      await this.webhooks.update(sub.id, delivered);
      return full ? { ...sub, ...delivered } : null;
    } catch (error) {
      await this.auditDelivery(consumer, sub, read, {
        ...batch,
        ...failedAttempt(error),
        outcome: 'failure',
      });
      const attempts = sub.attempts + 1;
      const backoff = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (attempts - 1));
      await this.webhooks.update(sub.id, {
        attempts,
        last_error: error instanceof Error ? error.message : String(error),
        next_attempt_at: new Date(this.clock.now().getTime() + backoff).toISOString(),
      });
      return null;
    }
  }

  private async auditDelivery(
    consumer: Principal,
    sub: WebhookRow,
    read: { fields: readonly SensitiveField[]; datasets: string[]; agreements: string },
    attempt: {
      events: number;
      fromSeq: number;
      toSeq: number;
      answer?: string;
      received?: string;
      outcome: 'success' | 'failure';
    },
  ): Promise<void> {
    if (!this.audit) return;
    const { outcome, ...batch } = attempt;
    const purpose = sub.purpose as Purpose;
    await this.audit.record(
      { principal: consumer, purpose, clock: this.clock, disclosed: new Set(read.fields) },
      {
        action: 'POST webhook',
        resourceType: 'change_feed',
        resourceId: sub.id,
        outcome,
        areaCode: consumer.areaCode,
        detail: {
          dataset: read.datasets.join(','),
          ...(read.agreements ? { agreement: read.agreements } : {}),
          ...batch,
        },
      },
    );
  }

  private allowed(event: FeedEvent, sub: WebhookRow, granted: Set<string>, area: string | null): boolean {
    if (sub.topics.length > 0 && !sub.topics.includes(event.topic)) return false;
    const dataset = datasetOfTopic(event.topic);
    return (
      granted.has('feed') &&
      dataset !== null &&
      granted.has(dataset) &&
      isEventWithinArea(event.areaCode, area)
    );
  }
}

/**
 * How a delivery attempt failed, for its audit entry: a receiver that answered (not 2xx) received the events;
 * one that could not be reached did not; one that timed out or dropped the connection may have.
 */
function failedAttempt(error: unknown): { answer: string; received: 'yes' | 'no' | 'unknown' } {
  if (error instanceof WebhookNotAccepted) return { answer: `HTTP ${error.status}`, received: 'yes' };
  const code =
    (error as { cause?: { code?: unknown } } | null)?.cause?.code ?? (error as { code?: unknown })?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { answer: `none (${code})`, received: 'no' };
  if (error instanceof AppError) return { answer: `none (${error.code})`, received: 'no' };
  return { answer: 'none', received: 'unknown' };
}
