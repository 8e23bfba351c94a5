/**
 * How data sources stand, remembered briefly in this process: the gatekeeper asks on every request of a
 * source's key or account, and the answer (one primary-key read) rarely changes. A change made in this process
 * (the hub disabling or enabling a source) is seen at once; another process sees it within the time to live.
 */
import type { SourceStanding, SourceStandingLookup } from './source-standing.js';

/** Two seconds: a burst of a source's requests reads its standing once; a disable elsewhere waits at most this. */
export const DEFAULT_SOURCE_STANDING_TTL_MS = 2_000;

export class SourceStandingCache {
  private readonly entries = new Map<string, { standing: SourceStanding; until: number }>();
  /** Counts changes, so that a read begun before a change does not store what it found. */
  private changes = 0;

  /**
   * @param now Elapsed time in ms (monotonic): how fresh an entry is, not the platform's domain clock, which
   *   tests fix.
   */
  constructor(
    private readonly lookup: SourceStandingLookup,
    private readonly ttlMs: number = DEFAULT_SOURCE_STANDING_TTL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async standingOf(sourceId: string): Promise<SourceStanding | undefined> {
    const cached = this.entries.get(sourceId);
    if (cached && cached.until > this.now()) return cached.standing;
    const changesBefore = this.changes;
    const standing = await this.lookup(sourceId);
    // A source not known (yet) is asked again next time: it may be being created.
    if (standing && changesBefore === this.changes)
      this.entries.set(sourceId, { standing, until: this.now() + this.ttlMs });
    else this.entries.delete(sourceId);
    return standing;
  }

  /** The source's standing changed in this process: the next request reads it again. */
  forget(sourceId: string): void {
    this.changes += 1;
    this.entries.delete(sourceId);
  }
}
