/** Validates and normalises any supported FHIR R4 resource, dispatching on resourceType. */
import type { HubRecord } from '../records.js';
import { validateCondition } from './condition.js';
import { validateEncounter } from './encounter.js';
import { coded } from '../reasons.js';
import { diagnosticsOf, type FhirIssue } from './fhir-issue.js';
import { validateImmunization } from './immunization.js';
import { validateLocation } from './location.js';
import { validateObservation } from './observation.js';
import { validateOrganization } from './organization.js';
import { validatePatient } from './patient.js';
import type { FhirValidation, FhirValidationContext } from './resource-base.js';

export const supportedResourceTypes = [
  'Patient',
  'Observation',
  'Condition',
  'Encounter',
  'Immunization',
  'Organization',
  'Location',
] as const;
export type SupportedResourceType = (typeof supportedResourceTypes)[number];

const validators: Record<
  SupportedResourceType,
  (resource: unknown, context: FhirValidationContext) => FhirValidation<HubRecord>
> = {
  Patient: validatePatient,
  Observation: validateObservation,
  Condition: validateCondition,
  Encounter: validateEncounter,
  Immunization: validateImmunization,
  Organization: validateOrganization,
  Location: validateLocation,
};

export function isSupportedResourceType(type: unknown): type is SupportedResourceType {
  return typeof type === 'string' && (supportedResourceTypes as readonly string[]).includes(type);
}

export function validateResource(
  resource: unknown,
  context: FhirValidationContext,
): FhirValidation<HubRecord> {
  const type =
    typeof resource === 'object' && resource !== null
      ? (resource as { resourceType?: unknown }).resourceType
      : undefined;
  if (!isSupportedResourceType(type)) {
    const issue: FhirIssue = {
      severity: 'error',
      code: 'not-supported',
      expression: typeof type === 'string' ? type : 'resourceType',
      ...diagnosticsOf(coded('resource-type-supported', { types: supportedResourceTypes.join(', ') })),
    };
    return { ok: false, issues: [issue] };
  }
  return validators[type](resource, context);
}
