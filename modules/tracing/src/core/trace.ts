/**
 * `traceContacts`: one case's contacts in DESIGN.md's output shape, with a report of how large the sets
 * are and which places made them large. `formatTrace` turns the finder's compact result into that shape.
 */
import { findContacts } from './contact-finder.js';
import type { ContactQuery } from './contact-finder.js';
import { exposureKinds } from './contact-set.js';
import type { ContactSet } from './contact-set.js';
import type { PresenceIndex } from './presence-index.js';
import { isoUtcFormatter } from './iso-time.js';
import { identityOrder, sortPositionsByKey } from './radix-sort.js';
import { compareText } from './trace-output.js';
import type { TraceContact, TraceExposure, TraceOutput } from './trace-output.js';
import { summarizeTrace } from './trace-report.js';
import type { TraceReport } from './trace-report.js';

export interface TraceResult {
  /** Exactly what `shuzhi trace --json` prints. */
  trace: TraceOutput;
  report: TraceReport;
}

export interface TraceOptions {
  /** How many places the report lists (default 10). */
  topPlaces?: number;
}

export function traceContacts(
  index: PresenceIndex,
  query: ContactQuery,
  options: TraceOptions = {},
): TraceResult {
  const trace = formatTrace(index, findContacts(index, query));
  const report = summarizeTrace(trace, {
    topPlaces: options.topPlaces ?? 10,
    categoryOf: (kind, placeId) => placeCategory(index, kind, placeId),
  });
  return { trace, report };
}

export function formatTrace(index: PresenceIndex, set: ContactSet): TraceOutput {
  const names = Array.from(set.contactPerson, (person) => index.persons.name(person));
  const order = Array.from(names.keys()).sort(
    (a, b) => set.contactDegree[a]! - set.contactDegree[b]! || compareText(names[a]!, names[b]!),
  );
  const byContact = exposuresByContact(set);
  const iso = isoUtcFormatter();
  const placeOf = (e: number) => index.placeId(exposureKinds[set.exposureKind[e]!]!, set.exposurePlace[e]!);
  // Output order is from, to, then kind, place id and via as text. Equal times are common in large sets
  // (one stay overlapping many close contacts' stays), so the text order is ranked once, not compared.
  const placeRank = rankPlaces(set, placeOf);
  const viaRank = new Map<number, number>(order.map((contact, rank) => [set.contactPerson[contact]!, rank]));
  const rankOfVia = (e: number) => (set.exposureVia[e]! < 0 ? -1 : viaRank.get(set.exposureVia[e]!)!);
  const compareRows = (a: number, b: number) =>
    set.exposureFrom[a]! - set.exposureFrom[b]! ||
    set.exposureTo[a]! - set.exposureTo[b]! ||
    placeRank[a]! - placeRank[b]! ||
    rankOfVia(a) - rankOfVia(b);
  const sameRow = (a: number, b: number) =>
    set.exposureFrom[a] === set.exposureFrom[b] &&
    set.exposureTo[a] === set.exposureTo[b] &&
    placeRank[a] === placeRank[b] &&
    set.exposureVia[a] === set.exposureVia[b];

  const contacts: TraceContact[] = order.map((contact) => {
    const rows = Array.from(
      byContact.order.subarray(byContact.offsets[contact]!, byContact.offsets[contact + 1]!),
    );
    rows.sort(compareRows);
    const exposures: TraceExposure[] = [];
    rows.forEach((e, i) => {
      if (i > 0 && sameRow(rows[i - 1]!, e)) return;
      const via = set.exposureVia[e]!;
      exposures.push({
        kind: exposureKinds[set.exposureKind[e]!]!,
        place_id: placeOf(e),
        from: iso(set.exposureFrom[e]!),
        to: iso(set.exposureTo[e]!),
        overlap_minutes: (set.exposureTo[e]! - set.exposureFrom[e]!) / 60_000,
        via: via < 0 ? null : index.persons.name(via),
      });
    });
    const degree = set.contactDegree[contact] === 1 ? 1 : 2;
    return { person_id: names[contact]!, degree, exposures };
  });
  return {
    case: set.caseId,
    window: { from: iso(set.window.from), to: iso(set.window.to) },
    contacts,
  };
}

/** Per exposure row, the rank of its (kind, place id) in text order. */
function rankPlaces(set: ContactSet, placeOf: (row: number) => string): Uint32Array {
  const key = (row: number) => set.exposureKind[row]! * 2 ** 32 + set.exposurePlace[row]!;
  const firstRowOf = new Map<number, number>();
  for (let row = 0; row < set.exposureKind.length; row++)
    if (!firstRowOf.has(key(row))) firstRowOf.set(key(row), row);
  const ranked = [...firstRowOf.values()].sort(
    (a, b) =>
      compareText(exposureKinds[set.exposureKind[a]!]!, exposureKinds[set.exposureKind[b]!]!) ||
      compareText(placeOf(a), placeOf(b)),
  );
  const rankOfKey = new Map<number, number>(ranked.map((row, rank) => [key(row), rank]));
  const ranks = new Uint32Array(set.exposureKind.length);
  for (let row = 0; row < ranks.length; row++) ranks[row] = rankOfKey.get(key(row))!;
  return ranks;
}
/** Exposure rows grouped by contact: order[offsets[c]…offsets[c+1]) are contact c's rows. */
function exposuresByContact(set: ContactSet): { order: Uint32Array; offsets: Uint32Array } {
  const n = set.exposureContact.length;
  const order = sortPositionsByKey(set.exposureContact, identityOrder(n), new Uint32Array(n));
  const offsets = new Uint32Array(set.contactPerson.length + 1);
  for (let i = 0; i < n; i++) offsets[set.exposureContact[i]! + 1]!++;
  for (let c = 0; c < set.contactPerson.length; c++) offsets[c + 1]! += offsets[c]!;
  return { order, offsets };
}

function placeCategory(index: PresenceIndex, kind: string, placeId: string): string | null {
  if (kind === 'venue') {
    const venue = index.venuePlaces.venues.find(placeId);
    return venue === undefined ? null : index.placeCategory('venue', venue);
  }
  if (kind === 'trip') {
    const trip = index.tripPlaces.trips.find(placeId);
    return trip === undefined ? null : index.placeCategory('trip', trip);
  }
  return null;
}
