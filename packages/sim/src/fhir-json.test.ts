import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { observationJson, patientJson } from './fhir-json.js';
import { observation, patient, type ObservationFields, type PatientFields } from './fhir-resources.js';

const text = fc.string({
  unit: fc.constantFrom('a', 'Z', '王', '小', '"', '\\', ' ', '9', "'", '\n', 'é'),
  maxLength: 12,
});
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const observationFields: fc.Arbitrary<ObservationFields> = fc.record(
  {
    id: text,
    patientId: text,
    organizationId: text,
    kind: fc.constantFrom<'pcr' | 'antigen'>('pcr', 'antigen'),
    positive: fc.boolean(),
    effective: text,
    issued: text,
    pool: text,
  },
  { requiredKeys: ['id', 'patientId', 'organizationId', 'kind', 'positive', 'effective', 'issued'] },
);

const patientFields: fc.Arbitrary<PatientFields> = fc
  .record({
    id: text,
    sourceId: text,
    recordId: text,
    residentId: optional(text),
    passport: optional(text),
    family: text,
    given: text,
    text,
    gender: fc.constantFrom<'male' | 'female'>('male', 'female'),
    birthDate: optional(text),
    phone: optional(text),
    address: optional(fc.record({ text, district: text, city: text, state: text, areaCode: text })),
  })
  .map(
    (f) =>
      Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as unknown as PatientFields,
  );

describe('FHIR lines written without building objects', () => {
  it('are exactly JSON.stringify of the Observation builder', () => {
    fc.assert(
      fc.property(observationFields, (f) => {
        expect(observationJson(f)).toBe(JSON.stringify(observation(f)));
      }),
    );
  });

  it('are exactly JSON.stringify of the Patient builder', () => {
    fc.assert(
      fc.property(patientFields, (f) => {
        expect(patientJson(f)).toBe(JSON.stringify(patient(f)));
      }),
    );
  });
});
