import { describe, expect, it } from 'vitest';
import {
  defaultDetectionOptions,
  unreportedPositives,
  untestedFeverVisits,
} from './asymptomatic-detection.js';
import type { FollowUpRow } from './cases.repository.js';
import type { ConditionFact, EncounterFact, ObservationFact } from './facts.repository.js';

const positive = (id: string, personId: string, resultedAt: string): ObservationFact => ({
  id,
  source_id: 'lab',
  person_id: personId,
  area_code: '430202',
  received_at: resultedAt,
  status: 'final',
  loinc_code: '94500-6',
  test_kind: 'pcr',
  result: 'positive',
  value_num: null,
  value_unit: null,
  specimen_at: resultedAt,
  resulted_at: resultedAt,
  performer: null,
});

const diagnosis = (personId: string): ConditionFact => ({
  id: `c-${personId}`,
  source_id: 'hosp',
  person_id: personId,
  area_code: '430202',
  received_at: '2026-03-01T00:00:00Z',
  code_system: 'http://hl7.org/fhir/sid/icd-10',
  code: 'U07.1',
  classification: 'confirmed',
  clinical_status: null,
  verification_status: null,
  onset: null,
  recorded_at: null,
});

const visit = (id: string, personId: string, start: string): EncounterFact => ({
  id,
  source_id: 'fc',
  person_id: personId,
  area_code: '430202',
  received_at: start,
  status: 'finished',
  encounter_class: 'AMB',
  setting: 'fever-clinic',
  start_at: start,
  end_at: null,
  fever: true,
  temperature_c: 38.1,
  symptoms: [],
  provider: null,
});

const task = (overrides: Partial<FollowUpRow>): FollowUpRow => ({
  id: 't',
  kind: 'positive-unreported',
  person_id: 'p1',
  area_code: null,
  trigger_id: 'x',
  status: 'resolved',
  due_at: '2026-02-01T00:00:00Z',
  created_at: '2026-02-01T00:00:00Z',
  detail: {},
  resolved_at: null,
  resolved_by: null,
  resolution: null,
  note: null,
  ...overrides,
});

const now = new Date('2026-03-02T12:00:00Z');
const options = defaultDetectionOptions;

describe('positive results without a clinical report', () => {
  it('raises one follow-up per person once the grace period has passed, for the earliest positive', () => {
    const found = unreportedPositives({
      now,
      positives: [
        positive('o2', 'p1', '2026-03-01T06:00:00Z'),
        positive('o1', 'p1', '2026-03-01T02:00:00Z'),
        positive('o3', 'p2', '2026-03-02T06:00:00Z'),
      ],
      diagnoses: [],
      tasks: [],
      options,
    });
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'positive-unreported',
        triggerId: 'o1',
        personId: 'p1',
        dueAt: '2026-03-02T02:00:00.000Z',
      }),
    ]);
  });

  it('raises none for a person with a COVID-19 diagnosis or a recent follow-up', () => {
    const positives = [
      positive('o1', 'p1', '2026-03-01T02:00:00Z'),
      positive('o4', 'p3', '2026-03-01T02:00:00Z'),
    ];
    expect(
      unreportedPositives({
        now,
        positives,
        diagnoses: [diagnosis('p1')],
        tasks: [task({ person_id: 'p3', created_at: '2026-02-25T00:00:00Z' })],
        options,
      }),
    ).toEqual([]);
    expect(
      unreportedPositives({
        now,
        positives,
        diagnoses: [diagnosis('p1')],
        tasks: [task({ person_id: 'p3' })],
        options,
      }).map((c) => c.personId),
    ).toEqual(['p3']);
  });
});

describe('fever-clinic visits without a test', () => {
  it('raises a follow-up when no specimen was taken from a day before the visit to a day after', () => {
    const found = untestedFeverVisits({
      now,
      visits: [
        visit('v1', 'p1', '2026-03-01T03:00:00Z'),
        visit('v2', 'p2', '2026-03-01T03:00:00Z'),
        visit('v3', 'p3', '2026-03-02T03:00:00Z'),
      ],
      specimens: [positive('o1', 'p2', '2026-03-01T20:00:00Z')],
      tasks: [],
      options,
    });
    expect(found.map((c) => c.triggerId)).toEqual(['v1']);
  });

  it('raises a visit once', () => {
    const found = untestedFeverVisits({
      now,
      visits: [visit('v1', 'p1', '2026-03-01T03:00:00Z')],
      specimens: [],
      tasks: [task({ kind: 'fever-clinic-untested', trigger_id: 'v1' })],
      options,
    });
    expect(found).toEqual([]);
  });
});

describe('merged persons', () => {
  // p1 was merged into p2: their facts keep the ids they arrived with.
  const groups = new Map([
    ['p1', 'p2'],
    ['p2', 'p2'],
  ]);

  it("counts the other record's case report, open task and test for the whole person", () => {
    const positives = [positive('o1', 'p1', '2026-03-01T02:00:00Z')];
    expect(
      unreportedPositives({ now, positives, diagnoses: [diagnosis('p2')], tasks: [], options, groups }),
    ).toEqual([]);
    expect(
      unreportedPositives({
        now,
        positives: [...positives, positive('o2', 'p2', '2026-03-01T03:00:00Z')],
        diagnoses: [],
        tasks: [task({ person_id: 'p2', status: 'open' })],
        options,
        groups,
      }),
    ).toEqual([]);
    expect(
      untestedFeverVisits({
        now,
        visits: [visit('v1', 'p1', '2026-03-01T03:00:00Z')],
        specimens: [positive('o3', 'p2', '2026-03-01T05:00:00Z')],
        tasks: [],
        options,
        groups,
      }),
    ).toEqual([]);
  });

  it('raises one follow-up for the person, under the id its earliest positive carries', () => {
    const found = unreportedPositives({
      now,
      positives: [positive('o2', 'p2', '2026-03-01T06:00:00Z'), positive('o1', 'p1', '2026-03-01T02:00:00Z')],
      diagnoses: [],
      tasks: [],
      options,
      groups,
    });
    expect(found).toEqual([expect.objectContaining({ triggerId: 'o1', personId: 'p1' })]);
  });
});
