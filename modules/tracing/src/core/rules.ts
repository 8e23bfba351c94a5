/**
 * The contact definition's parameters, configurable per pathogen (DESIGN.md "Contact definition").
 * Defaults are the DESIGN.md definition; trip defaults follow China's NHC COVID-19 protocol (6th ed.,
 * 2020, annex on close-contact management: flights the same row and three rows either side, trains the
 * same carriage, ventilated buses three rows either side).
 */

export type ExposureKind = 'venue' | 'trip' | 'stay' | 'household';

/** A rule for one venue type (e.g. `mall`, `station`, `hospital`). */
export interface VenueTypeRule {
  /** false: presence at venues of this type never makes a contact. */
  counts: boolean;
  /** Minimum overlap at this type, replacing the general minimum when set. */
  minOverlapMinutes?: number | undefined;
  /** true: co-presence counts only when both check-ins carry the same zone (no venue-level contact). */
  zoneRequired: boolean;
}

/**
 * Who on the same trip is a contact. `vehicle`: everyone aboard. `carriage`: the same carriage when both
 * carry one, otherwise rows. `rows`: within `maxRowDistance` rows (and the same carriage when both carry
 * one). When the seat information a rule needs is missing, `unknownSeat` decides: `contact` counts the
 * coarsest unit that is known (the carriage, else the whole vehicle), `no-contact` does not.
 */
export interface TripRule {
  counts: boolean;
  scope: 'vehicle' | 'carriage' | 'rows';
  maxRowDistance: number;
  unknownSeat: 'contact' | 'no-contact';
}

export interface ContactRules {
  /** The infectious window opens this many days before symptom onset… */
  daysBeforeOnset: number;
  /** …or before the first positive specimen when the case is asymptomatic. */
  daysBeforeSpecimen: number;
  /** Minimum venue overlap, inclusive. */
  minOverlapMinutes: number;
  /** Rules per venue type; a type not listed counts with the general minimum, zones optional. */
  venueTypes: Readonly<Record<string, VenueTypeRule>>;
  /** Rules per trip mode (`flight`, `train`, `bus`, `metro`…), and for any other mode. */
  trips: { byMode: Readonly<Record<string, TripRule>>; otherModes: TripRule };
  stays: { counts: boolean };
  households: { counts: boolean };
}

const rowsRule: TripRule = { counts: true, scope: 'rows', maxRowDistance: 3, unknownSeat: 'contact' };
const carriageRule: TripRule = { counts: true, scope: 'carriage', maxRowDistance: 3, unknownSeat: 'contact' };

export const defaultContactRules: ContactRules = {
  daysBeforeOnset: 2,
  daysBeforeSpecimen: 2,
  minOverlapMinutes: 15,
  venueTypes: {},
  trips: {
    byMode: { flight: rowsRule, train: carriageRule, metro: carriageRule, bus: rowsRule },
    otherModes: rowsRule,
  },
  stays: { counts: true },
  households: { counts: true },
};

const anyVenueType: VenueTypeRule = { counts: true, zoneRequired: false };

/** The effective rule for a venue type, with its minimum overlap resolved. */
export function venueRuleFor(
  rules: ContactRules,
  venueType: string,
): { counts: boolean; zoneRequired: boolean; minOverlapMinutes: number } {
  const rule = Object.hasOwn(rules.venueTypes, venueType) ? rules.venueTypes[venueType]! : anyVenueType;
  return {
    counts: rule.counts,
    zoneRequired: rule.zoneRequired,
    minOverlapMinutes: rule.minOverlapMinutes ?? rules.minOverlapMinutes,
  };
}

export function tripRuleFor(rules: ContactRules, mode: string): TripRule {
  return Object.hasOwn(rules.trips.byMode, mode) ? rules.trips.byMode[mode]! : rules.trips.otherModes;
}
