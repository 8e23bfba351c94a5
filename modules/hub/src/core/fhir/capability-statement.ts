/**
 * The server's CapabilityStatement (FHIR R4 capabilitystatement.html), served at `/fhir/r4/metadata`: the
 * supported resource types, their interactions and search parameters, transaction and batch, and `$import`.
 */
import type { Json } from './fhir-reader.js';
import { searchParameters } from './search-parameters.js';
import { supportedResourceTypes } from './validate-resource.js';

export interface CapabilityOptions {
  /** Absolute base URL of the FHIR endpoint, e.g. `https://hub.example.org/fhir/r4`. */
  baseUrl: string;
  softwareVersion: string;
  /** Publication date of this statement (explicit: no clock inside pure code), YYYY-MM-DD or a dateTime. */
  date: string;
  /** Resource-level interactions to advertise; default all the hub implements. */
  interactions?: readonly string[];
}

const defaultInteractions = ['read', 'vread', 'update', 'create', 'history-instance', 'search-type'];

export function buildCapabilityStatement(options: CapabilityOptions): Json {
  const interactions = options.interactions ?? defaultInteractions;
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: options.date,
    publisher: 'Shuzhi',
    kind: 'instance',
    software: { name: 'Shuzhi data hub', version: options.softwareVersion },
    implementation: {
      description: 'Shuzhi (数治) epidemic data hub, FHIR R4 endpoint',
      url: options.baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['json', 'application/fhir+json'],
    rest: [
      {
        mode: 'server',
        security: {
          description:
            'Data sources authenticate with Authorization: Bearer <apiKey>. A consumer reads under a data-sharing agreement and declares its purpose of use in X-Purpose-Of-Use on every read; fields the agreement does not grant are masked, and every read of personal data is audited with its purpose. Accept-Language: zh-CN adds each OperationOutcome issue in Chinese (issue.details.text).',
        },
        resource: supportedResourceTypes.map((type) => ({
          type,
          interaction: interactions.map((code) => ({ code })),
          versioning: 'versioned',
          readHistory: true,
          updateCreate: true,
          conditionalCreate: true,
          searchParam: searchParameters[type].map((p) => ({
            name: p.name,
            type: p.type,
            documentation: p.documentation,
          })),
        })),
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        operation: [
          {
            name: 'import',
            // The platform's own operation, not the Bulk Data IG's $import (which takes a manifest of URLs).
            definition: 'urn:shuzhi:fhir:OperationDefinition:import',
            documentation:
              'POST [base]/$import with an NDJSON body (application/fhir+ndjson), one resource per line, of any size: answered 202 with Content-Location naming the import job (GET it for progress and the report by line). All or nothing unless ?partial=true; ?wait=true answers with the outcome instead.',
          },
        ],
      },
    ],
  };
}
