/**
 * DESIGN.md's `shuzhi trace --json` output: the case, its window, and each contact once at its lowest
 * degree with every exposure that qualified it. Contacts are sorted by degree then person id, exposures
 * by time (from, to), then kind, place id and via, with exact duplicates removed.
 */
import type { ExposureKind } from './rules.js';

export interface TraceExposure {
  kind: ExposureKind;
  /** Venue id, trip id, `hotel_id#room` or household id. */
  place_id: string;
  /** The clipped overlap, ISO 8601 UTC. */
  from: string;
  to: string;
  overlap_minutes: number;
  /** The close contact a secondary contact was exposed through; null for close contacts. */
  via: string | null;
}

export interface TraceContact {
  person_id: string;
  degree: 1 | 2;
  exposures: TraceExposure[];
}

export interface TraceOutput {
  case: string;
  window: { from: string; to: string };
  contacts: TraceContact[];
}

/** An exposure before formatting: times still in epoch ms. */
export interface RawExposure {
  kind: ExposureKind;
  placeId: string;
  from: number;
  to: number;
  via: string | null;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts a contact's exposures into output order, drops exact duplicates and formats them. */
export function formatExposures(exposures: RawExposure[]): TraceExposure[] {
  exposures.sort(
    (a, b) =>
      a.from - b.from ||
      a.to - b.to ||
      compareText(a.kind, b.kind) ||
      compareText(a.placeId, b.placeId) ||
      compareText(a.via ?? '', b.via ?? ''),
  );
  const out: TraceExposure[] = [];
  let previous: RawExposure | undefined;
  for (const e of exposures) {
    const duplicate =
      previous !== undefined &&
      previous.from === e.from &&
      previous.to === e.to &&
      previous.kind === e.kind &&
      previous.placeId === e.placeId &&
      previous.via === e.via;
    previous = e;
    if (duplicate) continue;
    out.push({
      kind: e.kind,
      place_id: e.placeId,
      from: new Date(e.from).toISOString(),
      to: new Date(e.to).toISOString(),
      overlap_minutes: (e.to - e.from) / 60_000,
      via: e.via,
    });
  }
  return out;
}
