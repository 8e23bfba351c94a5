/**
 * A brute-force reference of DESIGN.md's contact definition, written straight from the text so the
 * property tests can hold the fast finder to it: every presence of the source person is compared with
 * every presence of everyone else. Quadratic; for small data in tests only.
 */
import type { ContactQuery } from './contact-finder.js';
import { optionalLabel } from './presence.js';
import type { PresenceData } from './presence.js';
import { tripRuleFor, venueRuleFor } from './rules.js';
import type { ContactRules, ExposureKind, TripRule } from './rules.js';
import { seatRow } from './seat.js';
import { compareText, formatExposures } from './trace-output.js';
import type { RawExposure, TraceOutput } from './trace-output.js';
import type { TimeWindow } from './window.js';

/** Any one presence: at a venue, on a trip, in a room, or in a household (which has no time). */
interface Presence {
  personId: string;
  kind: ExposureKind;
  placeId: string;
  /** What makes two places the same (a room is a hotel and a room, whatever characters they contain). */
  placeKey: string;
  from: number;
  to: number;
  venueType?: string;
  zone?: string | undefined;
  mode?: string;
  carriage?: string | undefined;
  seat?: string | null | undefined;
}

export function referenceTrace(data: PresenceData, query: ContactQuery): TraceOutput {
  const { caseId, window, rules } = query;
  const presences = allPresences(data);
  const presencesOf = (personId: string): Presence[] => presences.filter((p) => p.personId === personId);

  // Close contacts: anyone (but the case) whose presence meets the case's inside the infectious window.
  const close = new Map<string, RawExposure[]>();
  for (const own of presencesOf(caseId)) {
    for (const other of presences) {
      if (other.personId === caseId) continue;
      const met = meeting(own, other, window, rules);
      if (met) addTo(close, other.personId, { ...met, via: null });
    }
  }

  // Secondary contacts: anyone (but the case and close contacts) meeting a close contact between that
  // contact's first exposure to the case and their quarantine (or now).
  const secondary = new Map<string, RawExposure[]>();
  if ((query.maxDegree ?? 2) === 2) {
    for (const [contactId, exposures] of close) {
      const firstExposure = Math.min(...exposures.map((e) => e.from));
      const contactWindow = { from: firstExposure, to: query.quarantineAt?.get(contactId) ?? query.now };
      for (const own of presencesOf(contactId)) {
        for (const other of presences) {
          if (other.personId === caseId || close.has(other.personId)) continue;
          const met = meeting(own, other, contactWindow, rules);
          if (met) addTo(secondary, other.personId, { ...met, via: contactId });
        }
      }
    }
  }

  const contacts = [
    ...[...close].map(([personId, exposures]) => ({ personId, degree: 1 as const, exposures })),
    ...[...secondary].map(([personId, exposures]) => ({ personId, degree: 2 as const, exposures })),
  ].sort((a, b) => a.degree - b.degree || compareText(a.personId, b.personId));
  return {
    case: caseId,
    window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() },
    contacts: contacts.map((c) => ({
      person_id: c.personId,
      degree: c.degree,
      exposures: formatExposures(c.exposures),
    })),
  };
}

/** The exposure of `other` to `own` inside `window` when it qualifies under the rules, else null. */
function meeting(
  own: Presence,
  other: Presence,
  window: TimeWindow,
  rules: ContactRules,
): Omit<RawExposure, 'via'> | null {
  if (own.kind !== other.kind || own.placeKey !== other.placeKey || own.personId === other.personId)
    return null;
  const at = { kind: own.kind, placeId: own.placeId };
  if (own.kind === 'household') {
    // Membership has no time: the exposure spans the whole window.
    return rules.households.counts && window.to > window.from
      ? { ...at, from: window.from, to: window.to }
      : null;
  }
  const from = Math.max(own.from, other.from, window.from);
  const to = Math.min(own.to, other.to, window.to);
  if (to - from <= 0) return null;
  if (own.kind === 'venue') {
    const rule = venueRuleFor(rules, own.venueType!);
    const bothZoned = own.zone !== undefined && other.zone !== undefined;
    if (!rule.counts) return null;
    if (bothZoned && own.zone !== other.zone) return null;
    if (rule.zoneRequired && !bothZoned) return null;
    if (to - from < rule.minOverlapMinutes * 60_000) return null;
  }
  if (own.kind === 'trip') {
    const rule = tripRuleFor(rules, own.mode!);
    if (!rule.counts || !satClose(rule, own, other)) return null;
  }
  if (own.kind === 'stay' && !rules.stays.counts) return null;
  return { ...at, from, to };
}

/** Same carriage (when both carry one) or within the row distance, per the mode's rule. */
function satClose(rule: TripRule, a: Presence, b: Presence): boolean {
  if (rule.scope === 'vehicle') return true;
  if (a.carriage !== undefined && b.carriage !== undefined) {
    if (a.carriage !== b.carriage) return false;
    if (rule.scope === 'carriage') return true;
  }
  const rowA = seatRow(a.seat);
  const rowB = seatRow(b.seat);
  if (rowA !== null && rowB !== null) return Math.abs(rowA - rowB) <= rule.maxRowDistance;
  return rule.unknownSeat === 'contact';
}

function allPresences(data: PresenceData): Presence[] {
  return [
    ...data.checkIns.map((c) => ({
      personId: c.personId,
      kind: 'venue' as const,
      placeId: c.venueId,
      placeKey: c.venueId,
      from: c.start,
      to: c.end,
      venueType: c.venueType,
      zone: optionalLabel(c.zone),
    })),
    ...data.trips.map((t) => ({
      personId: t.personId,
      kind: 'trip' as const,
      placeId: t.tripId,
      placeKey: t.tripId,
      from: t.departure,
      to: t.arrival,
      mode: t.mode,
      carriage: optionalLabel(t.carriage),
      seat: t.seat,
    })),
    ...data.stays.map((s) => ({
      personId: s.personId,
      kind: 'stay' as const,
      placeId: `${s.hotelId}#${s.room}`,
      placeKey: JSON.stringify([s.hotelId, s.room]),
      from: s.checkIn,
      to: s.checkOut,
    })),
    ...data.households.map((h) => ({
      personId: h.personId,
      kind: 'household' as const,
      placeId: h.householdId,
      placeKey: h.householdId,
      from: -Infinity,
      to: Infinity,
    })),
  ];
}

function addTo(map: Map<string, RawExposure[]>, personId: string, exposure: RawExposure): void {
  const list = map.get(personId);
  if (list === undefined) map.set(personId, [exposure]);
  else list.push(exposure);
}
