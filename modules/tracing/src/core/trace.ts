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
  const formatter = new TraceFormatter(index, set);
  return {
    case: set.caseId,
    window: formatter.window,
    contacts: Array.from({ length: formatter.contactCount }, (_, rank) => formatter.contactAt(rank)),
  };
}

/** The contacts of the output one by one, in output order (for streaming and for reports of huge sets). */
export function* formatContacts(index: PresenceIndex, set: ContactSet): Generator<TraceContact> {
  const formatter = new TraceFormatter(index, set);
  for (let rank = 0; rank < formatter.contactCount; rank++) yield formatter.contactAt(rank);
}

/**
 * The same output as JSON text, produced contact by contact, so that a trace with millions of exposures
 * can be written to a stream without holding it all: the pieces joined equal JSON.stringify(formatTrace()).
 */
export function* traceJson(index: PresenceIndex, set: ContactSet): Generator<string> {
  const formatter = new TraceFormatter(index, set);
  yield `{"case":${JSON.stringify(set.caseId)},"window":${JSON.stringify(formatter.window)},"contacts":[`;
  for (let rank = 0; rank < formatter.contactCount; rank++) {
    yield (rank === 0 ? '' : ',') + JSON.stringify(formatter.contactAt(rank));
  }
  yield ']}';
}

/** Puts a contact set in output order: contacts by degree and id, each one's exposures sorted and unique. */
class TraceFormatter {
  readonly window: { from: string; to: string };
  readonly contactCount: number;
  readonly #index: PresenceIndex;
  readonly #set: ContactSet;
  readonly #names: string[];
  readonly #order: number[];
  readonly #byContact: { order: Uint32Array; offsets: Uint32Array };
  readonly #iso = isoUtcFormatter();
  readonly #placeRank: Uint32Array;
  readonly #viaRank: Map<number, number>;

  constructor(index: PresenceIndex, set: ContactSet) {
    if (!set.exposuresRecorded) throw new RangeError('this contact set was found without its exposures');
    this.#index = index;
    this.#set = set;
    this.#names = Array.from(set.contactPerson, (person) => index.persons.name(person));
    const names = this.#names;
    this.#order = Array.from(names.keys()).sort(
      (a, b) => set.contactDegree[a]! - set.contactDegree[b]! || compareText(names[a]!, names[b]!),
    );
    this.contactCount = this.#order.length;
    this.window = { from: this.#iso(set.window.from), to: this.#iso(set.window.to) };
    this.#byContact = exposuresByContact(set);
    // Output order is from, to, then kind, place id and via as text. Equal times are common in large
    // sets (one stay overlapping many close contacts' stays), so the text order is ranked once.
    this.#placeRank = rankPlaces(set, (run) => this.#placeOfRun(run));
    this.#viaRank = new Map(this.#order.map((contact, rank) => [set.contactPerson[contact]!, rank]));
  }

  /** The contact at `rank` in output order, with its exposures. */
  contactAt(rank: number): TraceContact {
    const set = this.#set;
    const contact = this.#order[rank]!;
    const rows = Array.from(
      this.#byContact.order.subarray(
        this.#byContact.offsets[contact]!,
        this.#byContact.offsets[contact + 1]!,
      ),
    );
    rows.sort((a, b) => this.#compareRows(a, b));
    const exposures: TraceExposure[] = [];
    rows.forEach((e, i) => {
      if (i > 0 && this.#compareRows(rows[i - 1]!, e) === 0) return;
      const run = set.exposureRun[e]!;
      const via = set.runVia[run]!;
      exposures.push({
        kind: exposureKinds[set.runKind[run]!]!,
        place_id: this.#placeOfRun(run),
        from: this.#iso(set.exposureFrom[e]!),
        to: this.#iso(set.exposureTo[e]!),
        overlap_minutes: (set.exposureTo[e]! - set.exposureFrom[e]!) / 60_000,
        via: via < 0 ? null : this.#index.persons.name(via),
      });
    });
    return { person_id: this.#names[contact]!, degree: set.contactDegree[contact] === 1 ? 1 : 2, exposures };
  }

  #placeOfRun(run: number): string {
    return this.#index.placeId(exposureKinds[this.#set.runKind[run]!]!, this.#set.runPlace[run]!);
  }

  #compareRows(a: number, b: number): number {
    const set = this.#set;
    const runA = set.exposureRun[a]!;
    const runB = set.exposureRun[b]!;
    return (
      set.exposureFrom[a]! - set.exposureFrom[b]! ||
      set.exposureTo[a]! - set.exposureTo[b]! ||
      this.#placeRank[runA]! - this.#placeRank[runB]! ||
      this.#rankOfVia(runA) - this.#rankOfVia(runB)
    );
  }

  #rankOfVia(run: number): number {
    const via = this.#set.runVia[run]!;
    return via < 0 ? -1 : this.#viaRank.get(via)!;
  }
}

/** Per run, the rank of its (kind, place id) in text order. */
function rankPlaces(set: ContactSet, placeOfRun: (run: number) => string): Uint32Array {
  const key = (run: number) => set.runKind[run]! * 2 ** 32 + set.runPlace[run]!;
  const firstRunOf = new Map<number, number>();
  for (let run = 0; run < set.runKind.length; run++)
    if (!firstRunOf.has(key(run))) firstRunOf.set(key(run), run);
  const ranked = [...firstRunOf.values()].sort(
    (a, b) =>
      compareText(exposureKinds[set.runKind[a]!]!, exposureKinds[set.runKind[b]!]!) ||
      compareText(placeOfRun(a), placeOfRun(b)),
  );
  const rankOfKey = new Map<number, number>(ranked.map((run, rank) => [key(run), rank]));
  const ranks = new Uint32Array(set.runKind.length);
  for (let run = 0; run < ranks.length; run++) ranks[run] = rankOfKey.get(key(run))!;
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
