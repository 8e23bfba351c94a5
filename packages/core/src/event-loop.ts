/**
 * Long work in a serving process (index builds, recomputations, big imports on the synchronous SQLite
 * driver) runs in chunks; between chunks it yields to the event loop so waiting requests are answered.
 * Awaiting a resolved promise is not enough: that only drains microtasks, never I/O callbacks.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
