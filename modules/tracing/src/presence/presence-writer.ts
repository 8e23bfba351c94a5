/**
 * Stores one import's presence rows as a batch inside the import's transaction: numbers persons and
 * venues, skips rows already stored (a re-sent file changes nothing), rejects a trip given a second
 * mode and a row naming a person who stands for nobody any more, and publishes `tracing.presence.imported` so every process's index loads the batch once the
 * transaction has committed.
 */
import type { Clock } from '@shuzhi/core';
import {
  importIssue,
  type ChangeFeed,
  type Executor,
  type ImportIssue,
  type PersonsService,
} from '@shuzhi/hub';
import type { PersonRefsRepository } from './person-refs.repository.js';
import type { PresenceInputs, PresenceKind } from './presence-records.js';
import type { PresenceRepository } from './presence.repository.js';
import type { VenuesRepository } from './venues.repository.js';

export const PRESENCE_IMPORTED = 'tracing.presence.imported';

export interface StoredBatch {
  batch: number;
  inserted: number;
  unchanged: number;
  issues: ImportIssue[];
}

export interface PresenceWriterDeps {
  presence: PresenceRepository;
  refs: PersonRefsRepository;
  venues: VenuesRepository;
  feed: Pick<ChangeFeed, 'publish'>;
  /** `platform.hub.persons`: who a platform person id stands for now. */
  persons: Pick<PersonsService, 'currentPersonsOf'>;
  clock: Clock;
}

/** Rows inserted per step, so progress moves on large files. */
const CHUNK = 20_000;

export class PresenceWriter {
  constructor(private readonly deps: PresenceWriterDeps) {}

  async store<K extends PresenceKind>(
    executor: Executor,
    kind: K,
    inputs: readonly PresenceInputs[K][],
    progress: (done: number, total: number) => void,
  ): Promise<StoredBatch> {
    const now = this.deps.clock.now().toISOString();
    const issues: ImportIssue[] = [];
    let rows = inputs;
    const named = await this.#refuseEmptiedPersons(executor, rows);
    issues.push(...named.issues);
    rows = named.rows;
    if (kind === 'trips') {
      const checked = await this.#checkTripModes(executor, rows as readonly PresenceInputs['trips'][]);
      issues.push(...checked.issues);
      rows = checked.rows as unknown as readonly PresenceInputs[K][];
    }
    const batch = await this.deps.presence.createBatch(executor, kind, now);
    const refIds = await this.deps.refs.numberRefs(
      executor,
      rows.map((r) => r.ref),
      now,
    );
    const venueIds =
      kind === 'checkins'
        ? await this.deps.venues.numberVenues(
            executor,
            (rows as readonly PresenceInputs['checkins'][]).map((r) => r.venueId),
            now,
          )
        : new Map<string, number>();
    let inserted = 0;
    let minEnd = Infinity;
    let maxEnd = -Infinity;
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const columns = toColumns(kind, chunk, { batch, refIds, venueIds });
      inserted += await this.deps.presence.insertRows(executor, kind, columns.values);
      minEnd = Math.min(minEnd, columns.minEnd);
      maxEnd = Math.max(maxEnd, columns.maxEnd);
      progress(Math.min(rows.length, start + CHUNK), rows.length);
    }
    const bounds = Number.isFinite(minEnd) ? { minEnd, maxEnd } : { minEnd: null, maxEnd: null };
    await this.deps.presence.finishBatch(executor, batch, { rows: inserted, ...bounds });
    if (inserted > 0)
      await this.deps.feed.publish(executor, [
        {
          topic: PRESENCE_IMPORTED,
          entityType: 'PresenceBatch',
          entityId: String(batch),
          payload: { batch, kind, rows: inserted },
        },
      ]);
    return { batch, inserted, unchanged: rows.length - inserted, issues };
  }

  /**
   * A row naming a platform person id (`per_…`) of a person emptied because all its records moved away
   * stands for whoever holds them now: the id is kept as imported and resolves to that person (see
   * `PersonsService.resolveRefs`). When they went to no single person the id stands for nobody: the row is
   * refused, naming the id, rather than losing the presence or filing it under a person tracing would follow
   * to no one.
   */
  async #refuseEmptiedPersons<R extends { line: number; ref: string }>(
    executor: Executor,
    inputs: readonly R[],
  ): Promise<{ rows: readonly R[]; issues: ImportIssue[] }> {
    const platformIds = [...new Set(inputs.map((r) => r.ref).filter((ref) => ref.startsWith('per_')))];
    if (platformIds.length === 0) return { rows: inputs, issues: [] };
    const current = await this.deps.persons.currentPersonsOf(platformIds, { executor });
    const nobody = new Set(platformIds.filter((id) => current.get(id) === null));
    if (nobody.size === 0) return { rows: inputs, issues: [] };
    return {
      rows: inputs.filter((r) => !nobody.has(r.ref)),
      issues: inputs
        .filter((r) => nobody.has(r.ref))
        .map((r) => importIssue({ line: r.line, field: 'person_id' }, 'person-emptied', { id: r.ref })),
    };
  }

  /** A trip has one mode: a row giving a stored or earlier trip another mode is rejected. */
  async #checkTripModes(
    executor: Executor,
    inputs: readonly PresenceInputs['trips'][],
  ): Promise<{ rows: PresenceInputs['trips'][]; issues: ImportIssue[] }> {
    const known = await this.deps.presence.tripModes(executor, [...new Set(inputs.map((t) => t.tripId))]);
    const rows: PresenceInputs['trips'][] = [];
    const issues: ImportIssue[] = [];
    for (const trip of inputs) {
      const mode = known.get(trip.tripId);
      if (mode !== undefined && mode !== trip.mode) {
        issues.push(
          importIssue({ line: trip.line, field: 'mode' }, 'trip-mode', { trip: trip.tripId, mode }),
        );
        continue;
      }
      known.set(trip.tripId, trip.mode);
      rows.push(trip);
    }
    return { rows, issues };
  }
}

interface Numbering {
  batch: number;
  refIds: ReadonlyMap<string, number>;
  venueIds: ReadonlyMap<string, number>;
}

/** A chunk as insert columns (the table's column order) with the bounds of its end times. */
function toColumns<K extends PresenceKind>(
  kind: K,
  rows: readonly PresenceInputs[K][],
  { batch, refIds, venueIds }: Numbering,
): { values: unknown[][]; minEnd: number; maxEnd: number } {
  const batches = rows.map(() => batch);
  const refs = rows.map((r) => refIds.get(r.ref)!);
  let ends: (number | null)[] = [];
  let values: unknown[][];
  switch (kind) {
    case 'checkins': {
      const c = rows as readonly PresenceInputs['checkins'][];
      ends = c.map((r) => r.end);
      values = [
        batches,
        refs,
        c.map((r) => venueIds.get(r.venueId)!),
        c.map((r) => r.zone),
        c.map((r) => r.start),
        ends,
        c.map((r) => r.endImputed),
      ];
      break;
    }
    case 'trips': {
      const t = rows as readonly PresenceInputs['trips'][];
      ends = t.map((r) => r.arrival);
      values = [
        batches,
        refs,
        t.map((r) => r.tripId),
        t.map((r) => r.mode),
        t.map((r) => r.departure),
        ends,
        t.map((r) => r.carriage),
        t.map((r) => r.seat),
      ];
      break;
    }
    case 'stays': {
      const s = rows as readonly PresenceInputs['stays'][];
      ends = s.map((r) => r.checkOut);
      values = [batches, refs, s.map((r) => r.hotelId), s.map((r) => r.room), s.map((r) => r.checkIn), ends];
      break;
    }
    case 'gate-access': {
      const g = rows as readonly PresenceInputs['gate-access'][];
      ends = g.map((r) => r.at);
      values = [
        batches,
        refs,
        g.map((r) => r.communityId),
        g.map((r) => r.gateId),
        g.map((r) => r.direction),
        ends,
      ];
      break;
    }
    case 'households': {
      const h = rows as readonly PresenceInputs['households'][];
      values = [batches, refs, h.map((r) => r.householdId)];
      break;
    }
    default:
      throw new Error(`unknown presence kind ${String(kind)}`);
  }
  let minEnd = Infinity;
  let maxEnd = -Infinity;
  for (const end of ends) {
    if (end === null) continue;
    if (end < minEnd) minEnd = end;
    if (end > maxEnd) maxEnd = end;
  }
  return { values, minEnd, maxEnd };
}
