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
import { describeError } from './describe-error.js';
import { nextSliceSize } from './time-slices.js';

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
  /** Consecutive failures of the subscriber's handler, and of the feed's own reads and cursor writes. */
  failures: number;
  storageFailures: number;
  /** Events handed to the subscriber at once: sized so one call takes about a time slice (see `nextSliceSize`). */
  sliceSize: number;
  /** When the cursor was last stored (performance.now()), and what it was. */
  storedAt: number;
  storedSeq: number;
}

/**
 * Inside a batch the cursor is stored at most this often: on SQLite each store is a committed write (an fsync),
 * and storing it after every 20 ms slice made a subscriber catch up 1.1–1.75× slower than without slices. A
 * crash replays at most this much work more (at-least-once: subscribers take a repeat).
 */
const CURSOR_STORE_MS = 250;

/** Events in a subscriber's first slice. */
const FIRST_SLICE = 50;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Executor = Kysely<any> | Transaction<any>;

export class ChangeFeed {
  private readonly running = new Map<string, Running>();
  private timer: NodeJS.Timeout | null = null;
  /** Set by `drain`: subscribers stop at their next slice and resume from their cursors at the next start. */
  private draining = false;
  private failureListener: (subscriber: string, error: unknown) => void = (subscriber, error) =>
    process.emitWarning(
      `change-feed subscriber ${subscriber}: ${describeError(error)}; retried at the next poll`,
    );

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

  /**
   * Who hears of a subscriber whose feed reads or cursor writes failed (a database locked by another
   * process past its busy wait, a lost PostgreSQL connection): the server logs it. The subscriber is retried
   * at the next poll or wake-up from its cursor in memory, so a failure costs time, never events.
   */
  onFailure(listener: (subscriber: string, error: unknown) => void): void {
    this.failureListener = listener;
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
    const r: Running = {
      subscription,
      cursor,
      busy: null,
      again: false,
      failures: 0,
      storageFailures: 0,
      // Small at first: what the subscriber's work costs is known only after its first slice.
      sliceSize: Math.min(FIRST_SLICE, this.options.batchSize),
      storedAt: performance.now(),
      storedSeq: cursor,
    };
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
      const lagging = [...this.running.values()].filter(
        (r) => (r.cursor < last || r.storedSeq < r.cursor) && r.failures < 5 && r.storageFailures < 5,
      );
      const busy = [...this.running.values()]
        .map((r) => r.busy)
        .filter((b): b is Promise<void> => b !== null);
      if (lagging.length === 0 && busy.length === 0) return;
      for (const r of lagging) this.pump(r);
      await Promise.all([...this.running.values()].map((r) => r.busy ?? Promise.resolve()));
      if (lagging.every((r) => r.failures >= 5 || r.storageFailures >= 5)) return;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * At shutdown: stops polling, and each subscriber at its next slice (not at the end of its backlog, which
   * may take minutes); the cursors say where each resumes at the next start.
   */
  async drain(): Promise<void> {
    this.stop();
    this.draining = true;
    await Promise.all([...this.running.values()].map((r) => r.busy ?? Promise.resolve()));
  }

  private pump(r: Running): void {
    if (this.draining) return;
    if (r.busy) {
      r.again = true;
      return;
    }
    r.busy = this.deliver(r)
      .catch((error: unknown) => {
        // Not the subscriber's handler (its failures are caught in `deliver`) but the feed's own reads and
        // cursor writes. Uncaught, the rejection ended the process: every subscriber, import and stream.
        r.storageFailures += 1;
        r.again = false; // not at once: the next poll retries, after whatever held the database lets go
        this.failureListener(r.subscription.name, error);
      })
      .finally(() => {
        r.busy = null;
        if (r.again) {
          r.again = false;
          this.pump(r);
        }
      });
  }

  /**
   * Hands the subscriber its events in order, batch by batch, each batch in slices of about one time slice of
   * its work (a subscriber doing a millisecond per event would otherwise hold the event loop half a second per
   * batch), yielding between slices so requests run while it catches up on a backlog.
   */
  private async deliver(r: Running): Promise<void> {
    while (!this.draining) {
      const batch = await this.repository.readAfter(r.cursor, this.options.batchSize);
      if (batch.length === 0) {
        // A cursor write that failed before (see `pump`) is made good even when no new event comes.
        if (r.storedSeq < r.cursor) await this.storeCursor(r);
        return;
      }
      const wanted = r.subscription.topics
        ? batch.filter((e) => r.subscription.topics!.includes(e.topic))
        : batch;
      for (let from = 0; from < wanted.length;) {
        if (this.draining) return this.storeCursor(r);
        const slice = wanted.slice(from, from + r.sliceSize);
        const started = performance.now();
        try {
          await r.subscription.handle(slice);
          r.failures = 0;
        } catch {
          // At-least-once: keep the cursor; the rest is retried on the next wake-up or poll.
          r.failures += 1;
          return this.storeCursor(r);
        }
        const ms = performance.now() - started;
        r.sliceSize = nextSliceSize({ events: slice.length, ms }, { max: this.options.batchSize });
        from += slice.length;
        if (from < wanted.length) {
          r.cursor = slice[slice.length - 1]!.seq;
          if (performance.now() - r.storedAt >= CURSOR_STORE_MS) await this.storeCursor(r);
          await yieldToEventLoop();
        }
      }
      r.cursor = batch[batch.length - 1]!.seq;
      await this.storeCursor(r);
      // A subscriber catching up on a long backlog must not hold the server: requests run between batches.
      await yieldToEventLoop();
    }
  }

  /** Stores where the subscriber stands (its cursor in memory runs ahead inside a batch). */
  private async storeCursor(r: Running): Promise<void> {
    const cursor = r.cursor;
    await this.repository.setCursor(r.subscription.name, cursor, this.clock.now().toISOString());
    r.storedAt = performance.now();
    r.storedSeq = cursor;
    r.storageFailures = 0;
  }
}
