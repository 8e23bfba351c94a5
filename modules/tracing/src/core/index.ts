/** The contact-tracing core: presence index, contact definition, fast and reference finders. */
export { PresenceIndex } from './presence-index.js';
export type { PresenceIndexOptions, PresenceIndexStats } from './presence-index.js';
export type {
  HouseholdMembership,
  PresenceData,
  StayPresence,
  TripPresence,
  VenueCheckIn,
} from './presence.js';
export { defaultContactRules, tripRuleFor, venueRuleFor } from './rules.js';
export type { ContactRules, ExposureKind, TripRule, VenueTypeRule } from './rules.js';
export { parseContactRules } from './rules-schema.js';
export type { ContactRulesOverride } from './rules-schema.js';
export { infectiousWindow } from './window.js';
export type { InfectiousWindowInput, TimeWindow } from './window.js';
export { seatRow } from './seat.js';
export { personPresence } from './person-presence.js';
export type { PresenceRecord } from './person-presence.js';
export { findContacts } from './contact-finder.js';
export type { ContactQuery } from './contact-finder.js';
export { exposureKinds } from './contact-set.js';
export type { ContactSet } from './contact-set.js';
export { formatContacts, formatTrace, traceContacts, traceJson } from './trace.js';
export type { TraceOptions, TraceResult } from './trace.js';
export type { TraceContact, TraceExposure, TraceOutput } from './trace-output.js';
export { summarizeContacts, summarizeTrace } from './trace-report.js';
export type { DegreeCounts, PlaceContribution, TraceReport } from './trace-report.js';
export { referenceTrace } from './reference-finder.js';
