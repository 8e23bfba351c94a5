/**
 * The background work of event-based surveillance in a running server: every round, poll the feeds
 * that are due and retire stale signals (at most once a day). One round at a time; a failing round is
 * reported and the next one runs as planned. Several servers may run it: feeds are claimed before a
 * poll, and retirement is idempotent per day.
 */
import type { AccessContext } from '@shuzhi/identity';
import type { NewsFeedsService } from './news-feeds.service.js';
import type { SignalsService } from './signals.service.js';

export interface PollerOptions {
  /** Time between rounds (ms). */
  intervalMs: number;
}

export interface RoundReport {
  polled: number;
  newItems: number;
  retired: number;
}

export class NewsPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RoundReport> | null = null;
  private onError: (error: unknown) => void = () => undefined;

  constructor(
    private readonly feeds: NewsFeedsService,
    private readonly signals: SignalsService,
    private readonly ctx: AccessContext,
    private readonly options: PollerOptions,
  ) {}

  /** Starts the rounds (the first at once); `onError` hears of a round that failed (the server logs it). */
  start(onError?: (error: unknown) => void): void {
    if (this.timer) return;
    if (onError) this.onError = onError;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** Runs one round now (or joins the one running). */
  runRound(): Promise<RoundReport> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops scheduling and waits for a round in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    try {
      await this.runRound();
    } catch (error) {
      this.onError(error);
    }
  }

  private async round(): Promise<RoundReport> {
    const { retired } = await this.signals.retireStaleSignals();
    const reports = await this.feeds.pollDueFeeds(this.ctx);
    return {
      polled: reports.length,
      newItems: reports.reduce((n, r) => n + (r.ingest?.stored ?? 0), 0),
      retired: retired.length,
    };
  }
}
