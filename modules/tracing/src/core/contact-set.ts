/**
 * The contact finder's compact result: contacts and their exposures as typed columns with dense ids, so
 * a case with 175,000 secondary contacts costs a few megabytes; `formatTrace` turns it into DESIGN.md's
 * output. Exposures are unordered and may repeat (the same pair seen through duplicate records).
 */
import type { ExposureKind } from './rules.js';
import type { TimeWindow } from './window.js';

/** Exposure kinds as stored in `exposureKind`. */
export const exposureKinds: readonly ExposureKind[] = ['venue', 'trip', 'stay', 'household'];
export const VENUE_KIND = 0;
export const TRIP_KIND = 1;
export const STAY_KIND = 2;
export const HOUSEHOLD_KIND = 3;

export interface ContactSet {
  caseId: string;
  window: TimeWindow;
  /** Contacts in the order found: close contacts first. Dense person ids of the index. */
  contactPerson: Uint32Array;
  contactDegree: Uint8Array;
  /** Start of each contact's earliest qualifying exposure (opens a close contact's secondary window). */
  contactFirstExposure: Float64Array;
  closeCount: number;
  secondaryCount: number;
  /** One row per exposure: index into the contact columns, kind, place group, clipped overlap, via. */
  exposureContact: Uint32Array;
  exposureKind: Uint8Array;
  exposurePlace: Uint32Array;
  exposureFrom: Float64Array;
  exposureTo: Float64Array;
  /** Dense person id of the close contact a secondary contact was exposed through; -1 for degree 1. */
  exposureVia: Int32Array;
}
