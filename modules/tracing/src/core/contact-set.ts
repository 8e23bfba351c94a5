/**
 * The contact finder's compact result: contacts and their exposures as typed columns with dense ids
 * (24 bytes per exposure), which `formatTrace` turns into DESIGN.md's output. Exposures found by one scan
 * of one place share a run (kind, place, via). Exposures are unordered and may repeat (the same pair seen
 * through duplicate records); formatting sorts them and drops exact repeats.
 */
import type { ExposureKind } from './rules.js';
import type { TimeWindow } from './window.js';

/** Exposure kinds as stored in `runKind`. */
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
  /**
   * Start of each contact's earliest qualifying exposure (opens a close contact's secondary window);
   * NaN for secondary contacts of a search without exposure rows.
   */
  contactFirstExposure: Float64Array;
  closeCount: number;
  secondaryCount: number;
  /** false when the search was asked for contacts only: the exposure columns are then empty. */
  exposuresRecorded: boolean;
  /** One row per exposure: index into the contact columns, the clipped overlap, and its run. */
  exposureContact: Uint32Array;
  exposureFrom: Float64Array;
  exposureTo: Float64Array;
  exposureRun: Uint32Array;
  /** Per run: kind code, place (venue, trip, room or household number), via (dense person; -1 for degree 1). */
  runKind: Uint8Array;
  runPlace: Uint32Array;
  runVia: Int32Array;
}
