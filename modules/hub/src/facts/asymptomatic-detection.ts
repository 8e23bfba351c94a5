/**
 * Asymptomatic detection (MISSION S8), pure: which facts call for a follow-up by a person. A positive PCR or
 * antigen result that no clinical case report (a COVID-19 diagnosis) has followed within a grace period may
 * be an asymptomatic infection nobody is managing; a fever-clinic visit with no SARS-CoV-2 test around it is
 * an infection that may have slipped through. Both rules and their times are configurable.
 */
import { isCovidDiagnosis, isPositiveTest } from './case-derivation.js';
import type { FollowUpKind, FollowUpRow } from './cases.repository.js';
import type { ConditionFact, EncounterFact, ObservationFact } from './facts.repository.js';

export interface DetectionOptions {
  /** How long after a positive result a case report may take before a follow-up is raised (default 24 h). */
  reportGraceHours: number;
  /** A test this long before a fever-clinic visit counts for it (default 24 h). */
  testBeforeVisitHours: number;
  /** …and this long after it (default 24 h); the follow-up is raised when it has passed. */
  testAfterVisitHours: number;
  /** A person with a follow-up of the same kind raised this recently gets no second one (default 14 days). */
  quietDays: number;
  /** How far back a sweep looks for facts whose grace period has passed (default 7 days). */
  lookbackDays: number;
}

export const defaultDetectionOptions: DetectionOptions = {
  reportGraceHours: 24,
  testBeforeVisitHours: 24,
  testAfterVisitHours: 24,
  quietDays: 14,
  lookbackDays: 7,
};

export interface FollowUpCandidate {
  kind: FollowUpKind;
  triggerId: string;
  personId: string;
  areaCode: string | null;
  dueAt: string;
  detail: Record<string, unknown>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When a positive result counts as reported: its result time, else when the hub received it. */
export function reportedAt(observation: ObservationFact): number {
  return Date.parse(observation.resulted_at ?? observation.received_at);
}

/**
 * The person a fact's person id stands for now: facts keep the id they arrived with, so after a merge one
 * person's results, reports and tasks sit under several ids (see `mpi/person-groups.ts`). Maps each id to its
 * survivor; ids not in the map stand for themselves.
 */
export type PersonGroups = ReadonlyMap<string, string>;

function groupKey(groups: PersonGroups | undefined, personId: string): string {
  return groups?.get(personId) ?? personId;
}

/**
 * Positive results past their grace period with no case report, at most one per person (the earliest). A
 * report or task under any id of the same merged person counts for the whole person.
 */
export function unreportedPositives(input: {
  now: Date;
  positives: readonly ObservationFact[];
  diagnoses: readonly ConditionFact[];
  tasks: readonly FollowUpRow[];
  options: DetectionOptions;
  groups?: PersonGroups;
}): FollowUpCandidate[] {
  const { now, options, groups } = input;
  const grace = options.reportGraceHours * HOUR;
  const reported = new Set(
    input.diagnoses
      .filter(isCovidDiagnosis)
      .flatMap((d) => (d.person_id === null ? [] : [groupKey(groups, d.person_id)])),
  );
  const candidates = new Map<string, FollowUpCandidate>();
  const sorted = input.positives.filter(isPositiveTest).sort((a, b) => reportedAt(a) - reportedAt(b));
  for (const positive of sorted) {
    const personId = positive.person_id;
    if (personId === null) continue;
    const person = groupKey(groups, personId);
    if (reported.has(person) || candidates.has(person)) continue;
    const at = reportedAt(positive);
    if (at + grace > now.getTime()) continue;
    if (
      recentTask(input.tasks, { kind: 'positive-unreported', person, groups }, at - options.quietDays * DAY)
    )
      continue;
    candidates.set(person, {
      kind: 'positive-unreported',
      triggerId: positive.id,
      personId,
      areaCode: positive.area_code,
      dueAt: new Date(at + grace).toISOString(),
      detail: {
        testKind: positive.test_kind,
        specimenAt: positive.specimen_at,
        reportedAt: new Date(at).toISOString(),
        sourceId: positive.source_id,
      },
    });
  }
  return [...candidates.values()];
}

/**
 * Fever-clinic visits whose test window has passed with no PCR or antigen specimen taken in it (under any id
 * of the same merged person).
 */
export function untestedFeverVisits(input: {
  now: Date;
  visits: readonly EncounterFact[];
  specimens: readonly ObservationFact[];
  tasks: readonly FollowUpRow[];
  options: DetectionOptions;
  groups?: PersonGroups;
}): FollowUpCandidate[] {
  const { now, options, groups } = input;
  const before = options.testBeforeVisitHours * HOUR;
  const after = options.testAfterVisitHours * HOUR;
  const specimensByPerson = new Map<string, number[]>();
  for (const s of input.specimens) {
    if (s.person_id === null || s.specimen_at === null) continue;
    const person = groupKey(groups, s.person_id);
    const list = specimensByPerson.get(person) ?? [];
    list.push(Date.parse(s.specimen_at));
    specimensByPerson.set(person, list);
  }
  const raised = new Set(
    input.tasks.filter((t) => t.kind === 'fever-clinic-untested').map((t) => t.trigger_id),
  );
  const out: FollowUpCandidate[] = [];
  for (const visit of input.visits) {
    if (visit.person_id === null || visit.start_at === null || raised.has(visit.id)) continue;
    if (visit.status === 'cancelled' || visit.status === 'entered-in-error') continue;
    const start = Date.parse(visit.start_at);
    if (start + after > now.getTime()) continue;
    const tested = (specimensByPerson.get(groupKey(groups, visit.person_id)) ?? []).some(
      (t) => t >= start - before && t <= start + after,
    );
    if (tested) continue;
    out.push({
      kind: 'fever-clinic-untested',
      triggerId: visit.id,
      personId: visit.person_id,
      areaCode: visit.area_code,
      dueAt: new Date(start + after).toISOString(),
      detail: {
        visitStart: visit.start_at,
        provider: visit.provider,
        fever: visit.fever,
        sourceId: visit.source_id,
      },
    });
  }
  return out;
}

function recentTask(
  tasks: readonly FollowUpRow[],
  of: { kind: FollowUpKind; person: string; groups: PersonGroups | undefined },
  since: number,
): boolean {
  return tasks.some(
    (t) =>
      t.kind === of.kind &&
      groupKey(of.groups, t.person_id) === of.person &&
      (t.status === 'open' || Date.parse(t.created_at) >= since),
  );
}
