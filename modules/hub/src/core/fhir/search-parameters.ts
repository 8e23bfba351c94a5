/**
 * The FHIR search parameters the hub supports per resource type (FHIR R4 search.html and each resource's
 * search parameter table), shared by the query parser and the CapabilityStatement.
 */
import type { SupportedResourceType } from './validate-resource.js';

export type SearchParamType = 'token' | 'reference' | 'date' | 'number';

export interface SearchParameterDefinition {
  name: string;
  type: SearchParamType;
  documentation: string;
  /** For reference parameters: the resource types they may point at. */
  target?: readonly string[];
}

const common: SearchParameterDefinition[] = [
  { name: '_id', type: 'token', documentation: 'Logical id of the resource' },
  {
    name: '_lastUpdated',
    type: 'date',
    documentation: 'When the resource version last changed (prefixes eq ne lt le gt ge sa eb)',
  },
];
const identifier: SearchParameterDefinition = {
  name: 'identifier',
  type: 'token',
  documentation: 'An identifier, as system|value',
};
const subject: SearchParameterDefinition = {
  name: 'subject',
  type: 'reference',
  documentation: 'The patient, as Patient/id',
  target: ['Patient'],
};
const patient: SearchParameterDefinition = {
  name: 'patient',
  type: 'reference',
  documentation: 'The patient, as Patient/id or id',
  target: ['Patient'],
};
const code: SearchParameterDefinition = {
  name: 'code',
  type: 'token',
  documentation: 'The code, as system|code (LOINC for Observation, ICD-10 for Condition)',
};
const date = (what: string): SearchParameterDefinition => ({
  name: 'date',
  type: 'date',
  documentation: `${what} (prefixes eq ne lt le gt ge sa eb)`,
});

export const searchParameters: Record<SupportedResourceType, readonly SearchParameterDefinition[]> = {
  Patient: [...common, identifier],
  Observation: [
    ...common,
    identifier,
    subject,
    patient,
    code,
    date('Specimen collection time (effective[x])'),
  ],
  Condition: [
    ...common,
    identifier,
    subject,
    patient,
    code,
    { name: 'onset-date', type: 'date', documentation: 'Symptom onset (prefixes eq ne lt le gt ge sa eb)' },
    {
      name: 'recorded-date',
      type: 'date',
      documentation: 'When the diagnosis was recorded (prefixes eq ne lt le gt ge sa eb)',
    },
  ],
  Encounter: [...common, identifier, subject, patient, date('Visit period')],
  Immunization: [...common, identifier, patient, date('Vaccination date (occurrence[x])')],
  Organization: [...common, identifier],
  Location: [...common, identifier],
};
