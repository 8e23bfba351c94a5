/**
 * The server's CapabilityStatement (FHIR R4 capabilitystatement.html), served at `/fhir/r4/metadata`: the
 * supported resource types, their interactions and search parameters, transaction and batch.
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
            'Data sources authenticate with Authorization: Bearer <apiKey>; every read of personal data is purpose-bound and audited.',
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
      },
    ],
  };
}
