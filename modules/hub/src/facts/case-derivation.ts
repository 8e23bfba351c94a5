/**
 * Derives a person's case from their diagnoses and results (pure). A COVID-19 diagnosis (ICD-10 U07.1,
 * U07.2) makes a confirmed case (clinically diagnosed U07.2 counts as confirmed, as China's protocol did in
 * 2020), an asymptomatic case when so classified, or a suspected one. A positive nucleic-acid (PCR) result
 * with no clinical report makes an asymptomatic infection (无症状感染者: virus identified, no symptoms
 * reported) until a clinician reports otherwise; a positive antigen test alone makes a suspected case,
 * since China's protocol confirmed antigen positives by PCR (Diagnosis and Treatment Protocol, 9th ed.).
 */
import { covidIcd10 } from '../core/index.js';
import type { ConditionFact, ObservationFact } from './facts.repository.js';

export type CaseClass = 'confirmed' | 'asymptomatic' | 'suspected';

export interface DerivedCase {
  classification: CaseClass;
  /** Symptom onset as the diagnosis gave it (a date or a UTC instant), if any. */
  onset: string | null;
  /** Collection time of the first positive specimen (UTC), if any. */
  firstPositiveSpecimen: string | null;
  /** When the hub first learned of the case: the earliest report or result among its evidence. */
  reportTime: string;
  /** The source of that first evidence. */
  sourceId: string | null;
  /** Ids of the records the case rests on. */
  basis: string[];
}

const excludedStatuses = new Set(['cancelled', 'entered-in-error']);
const refuted = new Set(['refuted', 'entered-in-error']);

export function isCovidDiagnosis(condition: ConditionFact): boolean {
  return (
    (condition.code === covidIcd10.confirmed || condition.code === covidIcd10.notIdentified) &&
    !refuted.has(condition.verification_status ?? '')
  );
}

export function isPositiveTest(observation: ObservationFact): boolean {
  return (
    observation.result === 'positive' &&
    (observation.test_kind === 'pcr' || observation.test_kind === 'antigen') &&
    !excludedStatuses.has(observation.status)
  );
}

/** The case these facts make, or null when they make none. */
export function deriveCase(evidence: {
  observations: readonly ObservationFact[];
  conditions: readonly ConditionFact[];
}): DerivedCase | null {
  const diagnoses = evidence.conditions.filter(isCovidDiagnosis);
  const positives = evidence.observations.filter(isPositiveTest);
  const pcrPositive = positives.some((o) => o.test_kind === 'pcr');
  const classes = new Set(diagnoses.map((d) => d.classification));
  let classification: CaseClass;
  if (classes.has('confirmed') || classes.has('clinical')) classification = 'confirmed';
  else if (classes.has('asymptomatic') || pcrPositive) classification = 'asymptomatic';
  else if (classes.has('suspected') || positives.length > 0) classification = 'suspected';
  else return null;

  const onsets = diagnoses
    .filter((d) => d.classification === 'confirmed' || d.classification === 'clinical')
    .flatMap((d) => (d.onset ? [d.onset] : []));
  const specimens = positives.flatMap((o) => (o.specimen_at ? [o.specimen_at] : []));
  const reports = [
    ...diagnoses.map((d) => ({ at: d.recorded_at ?? d.received_at, sourceId: d.source_id, id: d.id })),
    ...positives.map((o) => ({ at: o.resulted_at ?? o.received_at, sourceId: o.source_id, id: o.id })),
  ].sort((a, b) => compareInstants(a.at, b.at));
  return {
    classification,
    onset: earliest(onsets),
    firstPositiveSpecimen: earliest(specimens),
    reportTime: reports[0]!.at,
    sourceId: reports[0]?.sourceId ?? null,
    basis: reports.map((r) => r.id).sort(),
  };
}

/** What changed between the stored case and the derived one, as the change-feed topic to publish. */
export function caseTransition(
  before: {
    classification: string;
    onset: string | null;
    firstPositiveSpecimen: string | null;
    status: string;
  } | null,
  after: DerivedCase | null,
): 'hub.case.confirmed' | 'hub.case.updated' | 'hub.case.suspected' | 'hub.case.retracted' | null {
  const wasActive = before !== null && before.status === 'active';
  if (!after) return wasActive ? 'hub.case.retracted' : null;
  const infected = after.classification !== 'suspected';
  if (!wasActive) return infected ? 'hub.case.confirmed' : 'hub.case.suspected';
  const wasInfected = before.classification !== 'suspected';
  if (infected && !wasInfected) return 'hub.case.confirmed';
  if (
    before.classification !== after.classification ||
    before.onset !== after.onset ||
    !sameInstant(before.firstPositiveSpecimen, after.firstPositiveSpecimen)
  )
    return 'hub.case.updated';
  return null;
}

function earliest(values: readonly string[]): string | null {
  return values.length === 0 ? null : [...values].sort(compareInstants)[0]!;
}

/** Orders ISO dates and instants by the moment they start (a date before any instant on that day). */
function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return Date.parse(a) === Date.parse(b);
}
