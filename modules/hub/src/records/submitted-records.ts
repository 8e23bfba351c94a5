/**
 * Which records each type of data source may submit (pure), one rule for every channel: FHIR REST, Bundles,
 * FHIR files and streamed NDJSON, and CSV. A pharmacy that posts a diagnosis, or a transport operator a lab
 * result, would put a case on a person's record that no clinician made (MISSION: who submits what).
 * Import kinds (imports/import-kinds.ts) offer each type the files whose records this table lets it submit.
 */
import { coded, type CodedReason } from '../core/index.js';
import type { SourceType } from '../sources.schema.js';
import { storedTypeOf, type StoredKind } from './record-kinds.js';

/** A source's own premises and organisation, which any source of clinical records may describe. */
const premises: StoredKind[] = ['organization', 'location'];

export const recordKindsOfSourceType: Readonly<Record<SourceType, readonly StoredKind[]>> = {
  // Hospitals and the CDC report broadly: patients, results, diagnoses (case reports), visits, vaccinations.
  hospital: ['person', 'lab-result', 'diagnosis', 'encounter', 'vaccination', ...premises],
  cdc: ['person', 'lab-result', 'diagnosis', 'encounter', 'vaccination', 'traveler', ...premises],
  // A laboratory sends results; it diagnoses nobody and sees no visits.
  lab: ['person', 'lab-result', ...premises],
  // A fever clinic (发热门诊) sends its visits and the tests it takes; diagnoses come as the hospital's reports.
  fever_clinic: ['person', 'encounter', 'lab-result', ...premises],
  // Pharmacies send sales of antipyretics and cough medicine (an indicator), about no person.
  pharmacy: ['pharmacy-sale'],
  // Presence data (trips, stays, check-ins) goes to tracing, not to this record store.
  transport: [],
  hotel: [],
  venue: [],
  // Community health centres (社区卫生服务中心) vaccinate.
  community: ['person', 'vaccination', ...premises],
  // Ports send inbound travellers and the tests taken on arrival.
  port: ['person', 'traveler', 'lab-result', ...premises],
};

/**
 * Why a source of this type may not submit a record of this kind, or null when it may. A source whose type
 * is unknown (the operator's imports, a source id the hub has not registered) is not limited here.
 */
export function submissionRefusal(kind: StoredKind, sourceType: string | undefined): CodedReason | null {
  if (sourceType === undefined || !(sourceType in recordKindsOfSourceType)) return null;
  const allowed = recordKindsOfSourceType[sourceType as SourceType];
  if (allowed.includes(kind)) return null;
  const types = allowed.map((k) => storedTypeOf[k]);
  const params = { type: sourceType, kind: storedTypeOf[kind] };
  return types.length > 0
    ? coded('source-type-kind', { ...params, kinds: types.join(', ') })
    : coded('source-type-none', params);
}
