/**
 * Presence use cases around the live index: what runs after an import commits (resolve new ids, load the
 * batch), retention (purge the database and prune the index), a person's own presence for their page.
 */
import { DAY_MS, type Clock } from '@shuzhi/core';
import type { ChangeFeed } from '@shuzhi/hub';
import { personPresence, type PresenceRecord, type TimeWindow } from '../core/index.js';
import type { LivePresenceIndex } from './live-presence-index.js';
import type { PersonLinks } from './person-links.js';
import type { PresenceKind } from './presence-records.js';
import type { PresenceRepository } from './presence.repository.js';

export interface PresenceServiceDeps {
  presence: PresenceRepository;
  live: LivePresenceIndex;
  links: PersonLinks;
  feed: Pick<ChangeFeed, 'notify'>;
  clock: Clock;
  retentionDays: number;
}

export class PresenceService {
  constructor(private readonly deps: PresenceServiceDeps) {}

  /** After an import of presence committed: resolve new ids, then let this process's index load it. */
  async afterImport(): Promise<void> {
    await this.deps.links.resolvePending();
    this.deps.feed.notify();
    await this.deps.live.catchUp();
  }

  /**
   * Retention (MISSION B3): deletes mobility data that ended more than `retentionDays` ago and drops it
   * from the index. Returns the rows deleted per kind.
   */
  async purgeExpired(): Promise<Record<string, number>> {
    const cutoff = this.deps.clock.now().getTime() - this.deps.retentionDays * DAY_MS;
    const deleted = await this.deps.presence.purgeBefore(cutoff);
    this.deps.live.prune();
    return deleted;
  }

  /** What a person (by index name) was present at in a window. */
  async presenceOf(name: string, window: TimeWindow): Promise<PresenceRecord[]> {
    return personPresence(await this.deps.live.index(), name, window);
  }

  counts(): Promise<Record<PresenceKind, number>> {
    return this.deps.presence.counts();
  }
}
