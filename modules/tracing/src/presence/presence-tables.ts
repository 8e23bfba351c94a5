/**
 * The presence tables: their columns in insert order, the column each row ends at (retention and batch
 * bounds) and the rows the index loads. One description per kind, shared by the writer and the loader.
 */
import type { BulkTable } from './bulk-insert.js';
import type { PresenceKind } from './presence-records.js';

export interface PresenceTable extends BulkTable {
  /** The column a row ends at, for retention; null when rows have no time (households). */
  endColumn: string | null;
  /** Columns the in-memory index loads (after `batch`). */
  loadColumns: readonly string[];
}

export const presenceTables: Record<PresenceKind, PresenceTable> = {
  checkins: {
    name: 'tracing_checkins',
    columns: [
      ['batch', 'bigint'],
      ['ref_id', 'bigint'],
      ['venue', 'bigint'],
      ['zone', 'text'],
      ['start_ms', 'bigint'],
      ['end_ms', 'bigint'],
      ['end_imputed', 'bool'],
    ],
    endColumn: 'end_ms',
    loadColumns: ['ref_id', 'venue', 'zone', 'start_ms', 'end_ms'],
  },
  trips: {
    name: 'tracing_trips',
    columns: [
      ['batch', 'bigint'],
      ['ref_id', 'bigint'],
      ['trip_id', 'text'],
      ['mode', 'text'],
      ['departure_ms', 'bigint'],
      ['arrival_ms', 'bigint'],
      ['carriage', 'text'],
      ['seat', 'text'],
    ],
    endColumn: 'arrival_ms',
    loadColumns: ['ref_id', 'trip_id', 'mode', 'departure_ms', 'arrival_ms', 'carriage', 'seat'],
  },
  stays: {
    name: 'tracing_stays',
    columns: [
      ['batch', 'bigint'],
      ['ref_id', 'bigint'],
      ['hotel_id', 'text'],
      ['room', 'text'],
      ['check_in_ms', 'bigint'],
      ['check_out_ms', 'bigint'],
    ],
    endColumn: 'check_out_ms',
    loadColumns: ['ref_id', 'hotel_id', 'room', 'check_in_ms', 'check_out_ms'],
  },
  'gate-access': {
    name: 'tracing_gate_passes',
    columns: [
      ['batch', 'bigint'],
      ['ref_id', 'bigint'],
      ['community_id', 'text'],
      ['gate_id', 'text'],
      ['direction', 'text'],
      ['at_ms', 'bigint'],
    ],
    endColumn: 'at_ms',
    loadColumns: [],
  },
  households: {
    name: 'tracing_households',
    columns: [
      ['batch', 'bigint'],
      ['ref_id', 'bigint'],
      ['household_id', 'text'],
    ],
    endColumn: null,
    loadColumns: ['ref_id', 'household_id'],
  },
};

/** The kinds the contact index holds (gate passes are kept for itineraries, not contacts). */
export const indexedKinds = [
  'checkins',
  'trips',
  'stays',
  'households',
] as const satisfies readonly PresenceKind[];
export type IndexedKind = (typeof indexedKinds)[number];
