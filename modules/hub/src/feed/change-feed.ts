/**
 * The live change feed (MISSION S1): every accepted change is published in order with a cursor. Writers
 * publish inside their own transaction (the change and its event commit together, or neither). Modules
 * subscribe in process with a durable cursor: at-least-once, in order, resuming where they stopped after a
 * restart. Events written by another process (a CLI import, another server) are picked up by polling.
 */
import { yieldToEventLoop, type Clock } from '@shuzhi/core';
import type { Kysely, Transaction } from 'kysely';
import type { FeedRepository } from './feed.repository.js';
import type { FeedEvent, NewFeedEvent } from './feed.schema.js';

export interface Subscription {
  /** Durable name: the cursor is stored under it. */
  name: string;
  /** Topics to receive; all when omitted. */
  topics?: readonly string[];
  /** Handles a batch in order; throwing leaves the cursor where it was, and the batch is retried. */
  handle: (events: FeedEvent[]) => Promise<void>;
  /** Where a brand-new subscriber starts: the beginning (default) or only new events. */
  startAt?: 'beginning' | 'now';
}

interface Running {
  subscription: Subscription;
  cursor: number;
  busy: Promise<void> | null;
  again: boolean;
  failures: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Executor = Kysely<any> | Transaction<any>;

export class ChangeFeed {
  private readonly running = new Map<string, Running>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repository: FeedRepository,
    private readonly clock: Clock,
    private readonly options: { pollIntervalMs: number; batchSize: number } = {
      pollIntervalMs: 1000,
      batchSize: 500,
    },
  ) {}

  /** Appends events as part of the caller's transaction; subscribers are woken once it commits. */
  async publish(executor: Executor, events: NewFeedEvent[]): Promise<void> {
    await this.repository.append(executor, events, this.clock.now().toISOString());
  }

  /** Wakes subscribers; call after the publishing transaction committed. */
  notify(): void {
    for (const r of this.running.values()) this.pump(r);
  }

  read(afterSeq: number, limit: number, topics?: readonly string[]): Promise<FeedEvent[]> {
    return this.repository.readAfter(afterSeq, limit, topics);
  }

  lastSeq(): Promise<number> {
    return this.repository.lastSeq();
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.running.has(subscription.name))
      throw new Error(`subscriber ${subscription.name} already registered`);
    let cursor = await this.repository.getCursor(subscription.name);
    if (cursor === undefined) {
      cursor = subscription.startAt === 'now' ? await this.repository.lastSeq() : 0;
      await this.repository.setCursor(subscription.name, cursor, this.clock.now().toISOString());
    }
    const r: Running = { subscription, cursor, busy: null, again: false, failures: 0 };
    this.running.set(subscription.name, r);
    this.pump(r);
    if (!this.timer && this.options.pollIntervalMs > 0) {
      this.timer = setInterval(() => this.notify(), this.options.pollIntervalMs);
      this.timer.unref();
    }
  }

  /** Resolves when every subscriber has caught up with everything committed so far. */
  async settle(): Promise<void> {
    const last = await this.repository.lastSeq();
    for (;;) {
      const lagging = [...this.running.values()].filter((r) => r.cursor < last && r.failures < 5);
      const busy = [...this.running.values()]
        .map((r) => r.busy)
        .filter((b): b is Promise<void> => b !== null);
      if (lagging.length === 0 && busy.length === 0) return;
      for (const r of lagging) this.pump(r);
      await Promise.all([...this.running.values()].map((r) => r.busy ?? Promise.resolve()));
      if (lagging.every((r) => r.failures >= 5)) return;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async drain(): Promise<void> {
    this.stop();
    await Promise.all([...this.running.values()].map((r) => r.busy ?? Promise.resolve()));
  }

  private pump(r: Running): void {
    if (r.busy) {
      r.again = true;
      return;
    }
    r.busy = this.deliver(r).finally(() => {
      r.busy = null;
      if (r.again) {
        r.again = false;
        this.pump(r);
      }
    });
  }

  private async deliver(r: Running): Promise<void> {
    for (;;) {
      const batch = await this.repository.readAfter(r.cursor, this.options.batchSize);
      if (batch.length === 0) return;
      const wanted = r.subscription.topics
        ? batch.filter((e) => r.subscription.topics!.includes(e.topic))
        : batch;
      try {
        if (wanted.length > 0) await r.subscription.handle(wanted);
        r.failures = 0;
      } catch {
        // At-least-once: keep the cursor; the batch is retried on the next wake-up or poll.
        r.failures += 1;
        return;
      }
      r.cursor = batch[batch.length - 1]!.seq;
      await this.repository.setCursor(r.subscription.name, r.cursor, this.clock.now().toISOString());
      // A subscriber catching up on a long backlog must not hold the server: requests run between batches.
      await yieldToEventLoop();
    }
  }
}
