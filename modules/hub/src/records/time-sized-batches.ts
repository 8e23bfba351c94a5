/**
 * How imports cut their records into batches: each batch of the pipeline holds the event loop (on SQLite the
 * driver is synchronous), so batches are sized to take about `SLICE_MS` and the import yields to waiting
 * requests between them. A batch of 5,000 resources stored at once held the loop up to 1.3 s on a busy
 * machine, and a CSV import that never yielded left the server silent for the whole file (40–50 s for
 * 60,000 rows on a loaded machine, found in acceptance).
 */

/** How long a batch may hold the event loop, in ms. */
export const SLICE_MS = 100;
/**
 * The first batch, before its time tells how many records fit in a slice; and the fewest per batch: each
 * call of the pipeline has a fixed cost, and below about a thousand records it shows in the throughput.
 */
export const FIRST_BATCH = 1000;
export const MIN_BATCH = 1000;

/** The next batch as large as fits in a slice, judged by the last one (within MIN_BATCH and `max`). */
export function nextBatchSize(
  last: { records: number; ms: number },
  max: number,
  sliceMs = SLICE_MS,
): number {
  const perRecord = last.ms / Math.max(last.records, 1);
  return Math.min(max, Math.max(MIN_BATCH, Math.floor(sliceMs / Math.max(perRecord, 1e-3))));
}
