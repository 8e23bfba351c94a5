/**
 * SQL for venues: the reference list (`shuzhi import venues`: name, type, area, zones, position,
 * capacity) and the numbers check-ins point to. A check-in at a venue not listed yet numbers it with no
 * type; importing the list later fills it in.
 */
import type { Database } from '@shuzhi/db';
import type { Executor } from '@shuzhi/hub';

export interface VenueRow {
  id: number;
  venue_id: string;
  name: string | null;
  type: string | null;
  area_code: string | null;
  /** Zones separated by `|`. */
  zones: string | null;
  lat: number | null;
  lon: number | null;
  capacity: number | null;
  updated_at: string;
}

export type VenueInput = Omit<VenueRow, 'id' | 'updated_at'>;

const IN_CHUNK = 500;

export class VenuesRepository {
  constructor(private readonly database: Database) {}

  /** The number of each venue id, numbering venues not listed yet. */
  async numberVenues(
    executor: Executor,
    venueIds: readonly string[],
    now: string,
  ): Promise<Map<string, number>> {
    const distinct = [...new Set(venueIds)];
    const numbers = await this.#numbersOf(executor, distinct);
    const missing = distinct.filter((v) => !numbers.has(v));
    for (let i = 0; i < missing.length; i += IN_CHUNK)
      await executor
        .insertInto('tracing_venues')
        .values(missing.slice(i, i + IN_CHUNK).map((venue_id) => ({ venue_id, updated_at: now })))
        .onConflict((oc) => oc.column('venue_id').doNothing())
        .execute();
    if (missing.length > 0)
      for (const [v, id] of await this.#numbersOf(executor, missing)) numbers.set(v, id);
    return numbers;
  }

  async #numbersOf(executor: Executor, venueIds: readonly string[]): Promise<Map<string, number>> {
    const numbers = new Map<string, number>();
    for (let i = 0; i < venueIds.length; i += IN_CHUNK) {
      const rows = (await executor
        .selectFrom('tracing_venues')
        .select(['id', 'venue_id'])
        .where('venue_id', 'in', venueIds.slice(i, i + IN_CHUNK))
        .execute()) as { id: number; venue_id: string }[];
      for (const row of rows) numbers.set(row.venue_id, Number(row.id));
    }
    return numbers;
  }

  /**
   * Inserts or updates venues; returns how many changed and whether a venue that already existed changed
   * its type (the index, which files check-ins under their venue's type, must then be rebuilt).
   */
  async upsert(
    executor: Executor,
    venues: readonly VenueInput[],
    now: string,
  ): Promise<{ changed: number; unchanged: number; typeChanged: boolean }> {
    const existing = new Map<string, VenueRow>();
    const ids = venues.map((v) => v.venue_id);
    for (let i = 0; i < ids.length; i += IN_CHUNK)
      for (const row of (await executor
        .selectFrom('tracing_venues')
        .selectAll()
        .where('venue_id', 'in', ids.slice(i, i + IN_CHUNK))
        .execute()) as VenueRow[])
        existing.set(row.venue_id, row);
    let changed = 0;
    let typeChanged = false;
    for (const venue of venues) {
      const before = existing.get(venue.venue_id);
      if (before === undefined) {
        await executor
          .insertInto('tracing_venues')
          .values({ ...venue, updated_at: now })
          .execute();
        changed++;
        continue;
      }
      if (sameVenue(before, venue)) continue;
      if ((before.type ?? null) !== venue.type) typeChanged = true;
      await executor
        .updateTable('tracing_venues')
        .set({ ...venue, updated_at: now })
        .where('venue_id', '=', venue.venue_id)
        .execute();
      changed++;
    }
    return { changed, unchanged: venues.length - changed, typeChanged };
  }

  async all(): Promise<VenueRow[]> {
    const rows = (await this.database.db.selectFrom('tracing_venues').selectAll().execute()) as VenueRow[];
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  async find(venueIds: readonly string[]): Promise<VenueRow[]> {
    const rows: VenueRow[] = [];
    for (let i = 0; i < venueIds.length; i += IN_CHUNK)
      rows.push(
        ...((await this.database.db
          .selectFrom('tracing_venues')
          .selectAll()
          .where('venue_id', 'in', venueIds.slice(i, i + IN_CHUNK))
          .execute()) as VenueRow[]),
      );
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }
}

function sameVenue(row: VenueRow, venue: VenueInput): boolean {
  return (
    row.name === venue.name &&
    row.type === venue.type &&
    row.area_code === venue.area_code &&
    row.zones === venue.zones &&
    numberOrNull(row.lat) === venue.lat &&
    numberOrNull(row.lon) === venue.lon &&
    numberOrNull(row.capacity) === venue.capacity
  );
}

function numberOrNull(value: number | null): number | null {
  return value === null ? null : Number(value);
}
