/**
 * Bounded slices of work for change-feed readers catching up on a backlog (an in-process subscriber, an SSE
 * stream, a webhook round): on SQLite every query is synchronous, so a loop over a long backlog never gives
 * the event loop back by itself and holds every request for as long as it runs (1.5 s for 200,000 events an
 * SSE reader mostly skipped). A reader asks at each boundary; after about `budgetMs` of work it yields.
 */
import { yieldToEventLoop } from '@shuzhi/core';

/** Work between two yields: long enough to cost little, short enough that a request waits no longer. */
export const SLICE_BUDGET_MS = 20;

/**
 * The budget of readers not given one (the SSE stream, webhook rounds, in-process subscribers). Always
 * `SLICE_BUDGET_MS` in the platform; bench/feed-catch-up.ts sets `Infinity` for its baseline without slicing.
 */
export const sliceBudget = { defaultMs: SLICE_BUDGET_MS };

export class TimeSlices {
  private since = performance.now();

  constructor(private readonly budgetMs: number = sliceBudget.defaultMs) {}

  /** Yields to the event loop when this slice has used its budget, then starts the next one. */
  async boundary(): Promise<void> {
    if (performance.now() - this.since < this.budgetMs) return;
    await yieldToEventLoop();
    this.since = performance.now();
  }
}

/**
 * How many events to hand a subscriber next so that one call takes about `budgetMs`, from what the last call
 * cost: a subscriber doing a millisecond of work per event gets about 20 at a time, not the 500 of a batch.
 */
export function nextSliceSize(
  last: { events: number; ms: number },
  limits: { max: number; budgetMs?: number },
): number {
  const budget = limits.budgetMs ?? sliceBudget.defaultMs;
  if (last.events === 0 || last.ms <= 0) return limits.max;
  const perEvent = last.ms / last.events;
  return Math.max(1, Math.min(limits.max, Math.floor(budget / perEvent)));
}
