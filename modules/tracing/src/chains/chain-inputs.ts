/**
 * What transmission chains and clusters are computed from: cases with their onset, exposures that two
 * cases shared (from tracing: one case was the other's close contact), and the places cases visited.
 */
import type { ExposureKind } from '../core/rules.js';
import type { TraceOutput } from '../core/trace-output.js';

export interface ChainCase {
  caseId: string;
  /** Symptom onset, or the first positive specimen when asymptomatic (epoch ms). */
  onset: number;
}

/** An exposure two cases shared: at this place, over this interval (epoch ms). */
export interface SharedExposure {
  caseA: string;
  caseB: string;
  kind: ExposureKind;
  placeId: string;
  from: number;
  to: number;
}

/** A case's own presence at a place (from the presence index or the database). */
export interface CaseVisit {
  caseId: string;
  kind: ExposureKind;
  placeId: string;
  from: number;
  to: number;
}

/**
 * The shared exposures in a set of traces: every close contact (degree 1) of a traced case who is a case
 * too, with each exposure that made them one. Secondary contacts do not link cases directly.
 */
export function sharedExposuresFromTraces(
  traces: readonly TraceOutput[],
  caseIds: Iterable<string>,
): SharedExposure[] {
  const isCase = new Set(caseIds);
  const shared: SharedExposure[] = [];
  for (const trace of traces) {
    for (const contact of trace.contacts) {
      if (contact.degree !== 1 || !isCase.has(contact.person_id) || contact.person_id === trace.case)
        continue;
      for (const e of contact.exposures) {
        shared.push({
          caseA: trace.case,
          caseB: contact.person_id,
          kind: e.kind,
          placeId: e.place_id,
          from: Date.parse(e.from),
          to: Date.parse(e.to),
        });
      }
    }
  }
  return shared;
}
