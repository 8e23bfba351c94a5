/**
 * What the new-agreement form offers: the purposes and datasets the sharing API accepts (kept equal to the
 * hub's `agreementPurposes` and `servedDatasets` by a test), and for datasets served only in part, where.
 */
export const agreementPurposes = [
  'surveillance',
  'case_investigation',
  'contact_tracing',
  'health_code',
  'quarantine_management',
  'community_management',
  'port_health',
  'data_quality',
] as const;

export const agreementDatasets = [
  'persons',
  'observations',
  'conditions',
  'encounters',
  'immunizations',
  'cases',
  'presence',
  'contacts',
  'indicators',
  'feed',
] as const;

/** Datasets no REST or FHIR route serves: they reach a consumer only as noted (`sharing.datasetNotes.*`). */
export const partlyServedDatasets = ['presence', 'contacts', 'indicators'] as const;
