/**
 * `traceContacts`: one case's contacts in DESIGN.md's output shape, with a report of how large the sets
 * are and which places made them large. `formatTrace` turns the finder's compact result into that shape.
 */
import { findContacts } from './contact-finder.js';
import type { ContactQuery } from './contact-finder.js';
import { exposureKinds } from './contact-set.js';
import type { ContactSet } from './contact-set.js';
import type { PresenceIndex } from './presence-index.js';
import { identityOrder, sortPositionsByKey } from './radix-sort.js';
import { compareText, formatExposures } from './trace-output.js';
import type { RawExposure, TraceContact, TraceOutput } from './trace-output.js';
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
  const contacts: TraceContact[] = order.map((contact) => {
    const raw: RawExposure[] = [];
    for (let k = byContact.offsets[contact]!; k < byContact.offsets[contact + 1]!; k++) {
      const e = byContact.order[k]!;
      const kind = exposureKinds[set.exposureKind[e]!]!;
      const via = set.exposureVia[e]!;
      raw.push({
        kind,
        placeId: index.placeId(kind, set.exposurePlace[e]!),
        from: set.exposureFrom[e]!,
        to: set.exposureTo[e]!,
        via: via < 0 ? null : index.persons.name(via),
      });
    }
    return {
      person_id: names[contact]!,
      degree: set.contactDegree[contact] === 1 ? 1 : 2,
      exposures: formatExposures(raw),
    };
  });
  return {
    case: set.caseId,
    window: { from: new Date(set.window.from).toISOString(), to: new Date(set.window.to).toISOString() },
    contacts,
  };
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
