/**
 * A per-case report of contact set sizes and the places that contributed most, so investigators see
 * when a definition is too loose (a mall or station counted at venue level can make hundreds of close
 * and a city's worth of secondary contacts; issue 5).
 */
import type { ExposureKind } from './rules.js';
import { compareText } from './trace-output.js';
import type { TraceContact, TraceOutput } from './trace-output.js';

export interface DegreeCounts {
  close: number;
  secondary: number;
}

export interface PlaceContribution extends DegreeCounts {
  kind: ExposureKind;
  place_id: string;
  /** Venue type or trip mode, when known. */
  category: string | null;
  /** Share of all contacts (close + secondary) that this place qualified. */
  share: number;
}

export interface TraceReport {
  /** Distinct contacts per degree. */
  contacts: DegreeCounts;
  exposures: DegreeCounts;
  /** Distinct contacts with at least one exposure of each kind. */
  byKind: Record<ExposureKind, DegreeCounts>;
  /** The places that qualified the most distinct contacts, most first. */
  topPlaces: PlaceContribution[];
}

export interface SummaryOptions {
  topPlaces: number;
  categoryOf?: (kind: ExposureKind, placeId: string) => string | null;
}

export function summarizeTrace(trace: TraceOutput, options: SummaryOptions): TraceReport {
  return summarizeContacts(trace.contacts, options);
}

/** The report from contacts one by one (e.g. from `formatContacts`, without holding the whole output). */
export function summarizeContacts(contacts: Iterable<TraceContact>, options: SummaryOptions): TraceReport {
  const zero = (): DegreeCounts => ({ close: 0, secondary: 0 });
  const report: TraceReport = {
    contacts: zero(),
    exposures: zero(),
    byKind: { venue: zero(), trip: zero(), stay: zero(), household: zero() },
    topPlaces: [],
  };
  const places = new Map<string, { kind: ExposureKind; placeId: string; counts: DegreeCounts }>();
  for (const contact of contacts) {
    const degree: keyof DegreeCounts = contact.degree === 1 ? 'close' : 'secondary';
    report.contacts[degree]++;
    report.exposures[degree] += contact.exposures.length;
    const kinds = new Set<ExposureKind>();
    const seen = new Set<string>();
    for (const exposure of contact.exposures) {
      kinds.add(exposure.kind);
      const key = `${exposure.kind}\u0000${exposure.place_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let place = places.get(key);
      if (place === undefined) {
        place = { kind: exposure.kind, placeId: exposure.place_id, counts: zero() };
        places.set(key, place);
      }
      place.counts[degree]++;
    }
    for (const kind of kinds) report.byKind[kind][degree]++;
  }
  const total = report.contacts.close + report.contacts.secondary;
  report.topPlaces = [...places.values()]
    .sort(
      (a, b) =>
        b.counts.close + b.counts.secondary - (a.counts.close + a.counts.secondary) ||
        b.counts.close - a.counts.close ||
        compareText(a.kind, b.kind) ||
        compareText(a.placeId, b.placeId),
    )
    .slice(0, options.topPlaces)
    .map((p) => ({
      kind: p.kind,
      place_id: p.placeId,
      category: options.categoryOf?.(p.kind, p.placeId) ?? null,
      close: p.counts.close,
      secondary: p.counts.secondary,
      share: total === 0 ? 0 : (p.counts.close + p.counts.secondary) / total,
    }));
  return report;
}
