import { describe, expect, it } from 'vitest';
import { caseTransition, deriveCase } from './case-derivation.js';
import type { ConditionFact, ObservationFact } from './facts.repository.js';

function observation(overrides: Partial<ObservationFact>): ObservationFact {
  return {
    id: 'o1',
    source_id: 'lab',
    person_id: 'per_1',
    area_code: '430202',
    received_at: '2026-03-01T10:00:00.000Z',
    status: 'final',
    loinc_code: '94500-6',
    test_kind: 'pcr',
    result: 'positive',
    value_num: null,
    value_unit: null,
    specimen_at: '2026-02-28T01:00:00.000Z',
    resulted_at: '2026-02-28T09:00:00.000Z',
    performer: null,
    ...overrides,
  };
}

function condition(overrides: Partial<ConditionFact>): ConditionFact {
  return {
    id: 'c1',
    source_id: 'hosp',
    person_id: 'per_1',
    area_code: '430202',
    received_at: '2026-03-01T12:00:00.000Z',
    code_system: 'http://hl7.org/fhir/sid/icd-10',
    code: 'U07.1',
    classification: 'confirmed',
    clinical_status: 'active',
    verification_status: 'confirmed',
    onset: '2026-02-26',
    recorded_at: '2026-03-01T11:00:00.000Z',
    ...overrides,
  };
}

describe('case derivation', () => {
  it('makes no case from negative results', () => {
    expect(deriveCase({ observations: [observation({ result: 'negative' })], conditions: [] })).toBeNull();
  });

  it('makes an asymptomatic infection of a positive PCR result without a clinical report', () => {
    expect(deriveCase({ observations: [observation({})], conditions: [] })).toMatchObject({
      classification: 'asymptomatic',
      onset: null,
      firstPositiveSpecimen: '2026-02-28T01:00:00.000Z',
      reportTime: '2026-02-28T09:00:00.000Z',
      sourceId: 'lab',
      basis: ['o1'],
    });
  });

  it('makes a suspected case of a positive antigen test alone', () => {
    expect(
      deriveCase({ observations: [observation({ test_kind: 'antigen' })], conditions: [] })?.classification,
    ).toBe('suspected');
  });

  it('confirms with a U07.1 diagnosis and takes its onset, keeping the first positive specimen', () => {
    const derived = deriveCase({
      observations: [observation({ id: 'o2', specimen_at: '2026-03-01T01:00:00.000Z' }), observation({})],
      conditions: [condition({})],
    });
    expect(derived).toMatchObject({
      classification: 'confirmed',
      onset: '2026-02-26',
      firstPositiveSpecimen: '2026-02-28T01:00:00.000Z',
      basis: ['c1', 'o1', 'o2'],
    });
  });

  it('ignores refuted diagnoses and cancelled results', () => {
    expect(
      deriveCase({
        observations: [observation({ status: 'entered-in-error' })],
        conditions: [condition({ verification_status: 'refuted' })],
      }),
    ).toBeNull();
  });

  it('keeps a diagnosed asymptomatic infection asymptomatic, and a U07.2 suspected case suspected', () => {
    expect(
      deriveCase({
        observations: [],
        conditions: [condition({ classification: 'asymptomatic', onset: null })],
      })?.classification,
    ).toBe('asymptomatic');
    expect(
      deriveCase({
        observations: [],
        conditions: [condition({ code: 'U07.2', classification: 'suspected' })],
      })?.classification,
    ).toBe('suspected');
  });
});

describe('case transitions', () => {
  const derived = deriveCase({ observations: [observation({})], conditions: [] });
  it('announces a new infected case as confirmed (tracing starts) and a new suspected case as suspected', () => {
    expect(caseTransition(null, derived)).toBe('hub.case.confirmed');
    expect(caseTransition(null, { ...derived!, classification: 'suspected' })).toBe('hub.case.suspected');
  });

  it('announces a reclassification or a new onset as an update, and nothing when nothing changed', () => {
    const stored = {
      classification: 'asymptomatic',
      onset: null,
      firstPositiveSpecimen: '2026-02-28T01:00:00Z',
      status: 'active',
    };
    expect(caseTransition(stored, derived)).toBeNull();
    expect(caseTransition(stored, { ...derived!, classification: 'confirmed', onset: '2026-02-26' })).toBe(
      'hub.case.updated',
    );
    expect(caseTransition(stored, null)).toBe('hub.case.retracted');
    expect(caseTransition({ ...stored, classification: 'suspected' }, derived)).toBe('hub.case.confirmed');
  });
});
