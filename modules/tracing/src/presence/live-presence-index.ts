/**
 * The process's one presence index, kept live: built from the database on first use (a server builds it
 * at start-up), then kept in step by following the change feed — each committed presence batch is loaded
 * once; a relinked person (merge, unmerge, a second id of a known person) or a changed venue type rebuilds
 * it in the background while the old one keeps answering. Retention prunes it with the database.
 */
import { DAY_MS, type Clock } from '@shuzhi/core';
import type { ChangeFeed } from '@shuzhi/hub';
import { PresenceIndex, type PresenceIndexStats } from '../core/index.js';
import type { PersonRefsRepository } from './person-refs.repository.js';
import { indexedKinds, type IndexedKind } from './presence-tables.js';
import type { LoadedRow, PresenceRepository } from './presence.repository.js';
import { PRESENCE_IMPORTED } from './presence-writer.js';
import { VENUES_CHANGED } from './venues-import.handler.js';
import type { VenuesRepository } from './venues.repository.js';

/** Persons were relinked (merge, unmerge, or a new id found to belong to a known person): rebuild. */
export const PRESENCE_RELINKED = 'tracing.presence.relinked';

export const followedTopics = [PRESENCE_IMPORTED, PRESENCE_RELINKED, VENUES_CHANGED] as const;

/** The venue type of a venue not on the venue list (its check-ins count under the general rules). */
export const UNLISTED_VENUE_TYPE = 'unlisted';
/** A hotel stay with no check-out yet (the guest is still there) is taken to last at most this long. */
export const OPEN_STAY_MS = 365 * DAY_MS;

export interface LiveIndexDeps {
  presence: PresenceRepository;
  refs: PersonRefsRepository;
  venues: VenuesRepository;
  feed: Pick<ChangeFeed, 'read' | 'lastSeq'>;
  clock: Clock;
  retentionDays: number;
}

export interface LiveIndexStatus {
  state: 'not-loaded' | 'loading' | 'ready';
  builtAt: string | null;
  buildMs: number | null;
  batches: number;
  /** Rows the index refused (inconsistent data), since it was built. */
  skippedRows: number;
  stats: PresenceIndexStats | null;
}

interface Loaded {
  index: PresenceIndex;
  /** Feed position this index has seen. */
  cursor: number;
  batches: Set<number>;
  names: Map<number, string>;
  venues: Map<number, { venueId: string; type: string }>;
  builtAt: string;
  buildMs: number;
  skipped: number;
}

export class LivePresenceIndex {
  #loaded: Loaded | null = null;
  #building: Promise<Loaded> | null = null;
  #queue: Promise<void> = Promise.resolve();
  #rebuildWanted = false;

  constructor(private readonly deps: LiveIndexDeps) {}

  /** The index, built on first use and caught up with everything committed so far. */
  async index(): Promise<PresenceIndex> {
    if (!this.#loaded) this.#loaded = await this.#build();
    await this.catchUp();
    return this.#loaded.index;
  }

  get loaded(): boolean {
    return this.#loaded !== null;
  }

  /** Loads what was committed since (no-op until the index was first built). */
  catchUp(): Promise<void> {
    const run = this.#queue.then(() => this.#catchUp());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Rebuilds from the database and swaps the new index in; the old one answers meanwhile. */
  async rebuild(): Promise<void> {
    const fresh = await this.#build();
    this.#loaded = fresh;
    await this.catchUp();
  }

  /** Resolves when catching up and any background rebuild have finished (tests, orderly shutdown). */
  async settle(): Promise<void> {
    for (;;) {
      const building = this.#building;
      const queue = this.#queue;
      await Promise.all([building?.catch(() => undefined), queue]);
      if (this.#building === null && this.#queue === queue) return;
    }
  }

  /** Retention: drops presence that ended before now − retention days. */
  prune(): void {
    this.#loaded?.index.pruneBefore(this.#cutoff());
  }

  status(): LiveIndexStatus {
    const l = this.#loaded;
    return {
      state: l ? 'ready' : this.#building ? 'loading' : 'not-loaded',
      builtAt: l?.builtAt ?? null,
      buildMs: l?.buildMs ?? null,
      batches: l?.batches.size ?? 0,
      skippedRows: l?.skipped ?? 0,
      stats: l ? l.index.stats() : null,
    };
  }

  #cutoff(): number {
    return this.deps.clock.now().getTime() - this.deps.retentionDays * DAY_MS;
  }

  #build(): Promise<Loaded> {
    this.#building ??= this.#load().finally(() => (this.#building = null));
    return this.#building;
  }

  async #load(): Promise<Loaded> {
    const started = performance.now();
    // The feed position first, then the batches committed by then: a batch committed later has a later
    // event and is loaded from the feed; one committed in between is in both, and is loaded once.
    const cursor = await this.deps.feed.lastSeq();
    const batches = new Set((await this.deps.presence.batches()).map((b) => b.id));
    const loaded: Loaded = {
      index: new PresenceIndex(),
      cursor,
      batches,
      names: await this.deps.refs.canonicalNames(),
      venues: await this.#venueMap(),
      builtAt: '',
      buildMs: 0,
      skipped: 0,
    };
    for (const kind of indexedKinds)
      await this.deps.presence.forEachPage(kind, async (rows) => {
        await this.#addRows(loaded, kind, rows, (batch) => batches.has(batch));
      });
    loaded.index.compact();
    loaded.index.pruneBefore(this.#cutoff());
    loaded.builtAt = this.deps.clock.now().toISOString();
    loaded.buildMs = performance.now() - started;
    return loaded;
  }

  async #venueMap(): Promise<Map<number, { venueId: string; type: string }>> {
    return new Map(
      (await this.deps.venues.all()).map((v) => [
        v.id,
        { venueId: v.venue_id, type: v.type ?? UNLISTED_VENUE_TYPE },
      ]),
    );
  }

  async #catchUp(): Promise<void> {
    const loaded = this.#loaded;
    if (!loaded) return;
    for (;;) {
      const events = await this.deps.feed.read(loaded.cursor, 500, followedTopics);
      if (events.length === 0) break;
      for (const event of events) {
        if (event.topic === PRESENCE_IMPORTED) {
          const batch = Number(event.payload['batch']);
          const kind = event.payload['kind'] as string;
          if (!loaded.batches.has(batch) && (indexedKinds as readonly string[]).includes(kind))
            await this.deps.presence.forEachPage(
              kind as IndexedKind,
              async (rows) => {
                await this.#addRows(loaded, kind as IndexedKind, rows, (b) => b === batch);
              },
              batch,
            );
          loaded.batches.add(batch);
        } else if (event.topic === PRESENCE_RELINKED || event.payload['typeChanged'] === true) {
          this.#rebuildWanted = true;
        }
        loaded.cursor = event.seq;
      }
    }
    if (this.#rebuildWanted && this.#loaded === loaded) {
      this.#rebuildWanted = false;
      // In the background: the current index keeps answering until the new one is swapped in.
      void this.#build().then(
        (fresh) => {
          this.#loaded = fresh;
          return this.catchUp();
        },
        () => {
          this.#rebuildWanted = true;
        },
      );
    }
  }

  /** Adds loaded rows of the batches `wanted` accepts; names and venues not known yet are fetched. */
  async #addRows(loaded: Loaded, kind: IndexedKind, rows: LoadedRow[], wanted: (batch: number) => boolean) {
    const kept = rows.filter((r) => wanted(Number(r[0])));
    const newRefs = [...new Set(kept.map((r) => Number(r[1])).filter((id) => !loaded.names.has(id)))];
    if (newRefs.length > 0)
      for (const [id, name] of await this.deps.refs.canonicalNamesOf(newRefs)) loaded.names.set(id, name);
    if (kind === 'checkins' && kept.some((r) => !loaded.venues.has(Number(r[2]))))
      loaded.venues = await this.#venueMap();
    const cutoff = this.#cutoff();
    for (const r of kept) {
      if (expired(kind, r, cutoff)) continue;
      const personId = loaded.names.get(Number(r[1]));
      if (personId === undefined) {
        loaded.skipped++;
        continue;
      }
      try {
        addRow(loaded, kind, personId, r);
      } catch {
        // Inconsistent data (e.g. a trip stored under two modes by concurrent imports) must not stop the index.
        loaded.skipped++;
      }
    }
  }
}

/** Whether a loaded row ended before the retention cut-off (households have no time and never expire). */
function expired(kind: IndexedKind, r: LoadedRow, cutoff: number): boolean {
  switch (kind) {
    case 'checkins':
    case 'trips':
      return Number(r[5]) < cutoff;
    case 'stays':
      return r[5] !== null && Number(r[5]) < cutoff;
    case 'households':
      return false;
  }
}

function addRow(
  { index, venues }: Pick<Loaded, 'index' | 'venues'>,
  kind: IndexedKind,
  personId: string,
  r: LoadedRow,
): void {
  switch (kind) {
    case 'checkins': {
      const venue = venues.get(Number(r[2]))!;
      index.addCheckIn({
        personId,
        venueId: venue.venueId,
        venueType: venue.type,
        zone: r[3] as string | null,
        start: Number(r[4]),
        end: Number(r[5]),
      });
      return;
    }
    case 'trips':
      index.addTrip({
        personId,
        tripId: r[2] as string,
        mode: r[3] as string,
        departure: Number(r[4]),
        arrival: Number(r[5]),
        carriage: r[6] as string | null,
        seat: r[7] as string | null,
      });
      return;
    case 'stays': {
      const checkIn = Number(r[4]);
      index.addStay({
        personId,
        hotelId: r[2] as string,
        room: r[3] as string,
        checkIn,
        checkOut: r[5] === null ? checkIn + OPEN_STAY_MS : Number(r[5]),
      });
      return;
    }
    case 'households':
      index.addHouseholdMember({ personId, householdId: r[2] as string });
      return;
  }
}
