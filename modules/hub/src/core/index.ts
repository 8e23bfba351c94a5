/** The data hub's pure cores: identifiers, record linkage, FHIR R4 validation and CSV templates (no I/O). */

// Identifiers: resident IDs (GB 11643), passports, mainland mobiles, identifier systems.
export * from './identifiers/resident-id.js';
export * from './identifiers/passport.js';
export * from './identifiers/countries.js';
export * from './identifiers/phone.js';
export * from './identifiers/identifier-systems.js';
export { isCurrentCountyCode, isKnownProvincePrefix } from './identifiers/area-codes.js';

// Times and dates.
export * from './time/iso-instant.js';
export * from './time/partial-date-time.js';

// Normalised records (the output of both the FHIR and the CSV path) and the codes they interpret.
export type * from './records.js';
export * from './terminology.js';
export * from './submitter.js';
export * from './reasons.js';

// Record linkage: the master person index.
export { sourceRecordKey, LinkageTable, type LinkageRecord } from './linkage/linkage-record.js';
export { toLinkageRecord } from './linkage/person-to-linkage.js';
export { nameForm, type NameForm } from './linkage/person-name.js';
export { fieldLevels, linkageFields, type LinkageField } from './linkage/field-comparisons.js';
export {
  defaultMatchModel,
  levelWeights,
  type MatchModel,
  type FieldParameters,
} from './linkage/match-model.js';
export {
  estimateMatchModel,
  estimateUFromRandomPairs,
  type EmOptions,
  type EmResult,
} from './linkage/em-estimation.js';
export {
  defaultBlockingRules,
  defaultMaxBlockSize,
  type BlockingRule,
  type BlockingOptions,
} from './linkage/blocking.js';
export {
  defaultLinkageThresholds,
  matchProbability,
  priorLogOdds,
  type LinkageThresholds,
} from './linkage/pair-scoring.js';
export type { PairExplanation, FieldExplanation } from './linkage/pair-explanation.js';
export * from './linkage/link-records.js';
export * from './linkage/person-index.js';
export * from './linkage/linkage-evaluation.js';
export {
  generateDirtyRecords,
  defaultDirtyDataRates,
  type DirtyDataOptions,
  type DirtyDataRates,
  type DirtyDataSet,
} from './linkage/dirty-records.js';

// CSV: RFC 4180 reading and writing, import templates.
export * from './csv/csv-reader.js';
export * from './csv/csv-writer.js';
export type {
  Bilingual,
  ColumnSpec,
  ColumnType,
  CsvImportContext,
  CsvRowError,
  CsvTemplate,
} from './csv/csv-template.js';
export * from './csv/convert-csv.js';
export { exampleCsv } from './csv/example-file.js';
export * from './csv/templates/index.js';
export { defaultDwellMinutes } from './csv/templates/checkins.js';

// FHIR R4: validation and normalisation, Bundles, search, OperationOutcome, CapabilityStatement, NDJSON.
export * from './fhir/fhir-issue.js';
export type { Json } from './fhir/fhir-reader.js';
export {
  areaCodeExtensionUrl,
  type FhirValidation,
  type FhirValidationContext,
} from './fhir/resource-base.js';
export * from './fhir/validate-resource.js';
export { validatePatient } from './fhir/patient.js';
export { validateObservation } from './fhir/observation.js';
export { validateCondition } from './fhir/condition.js';
export { validateEncounter } from './fhir/encounter.js';
export { validateImmunization } from './fhir/immunization.js';
export { validateOrganization } from './fhir/organization.js';
export { validateLocation } from './fhir/location.js';
export * from './fhir/operation-outcome.js';
export * from './fhir/bundle-plan.js';
export * from './fhir/bundle-response.js';
export * from './fhir/search-parameters.js';
export * from './fhir/search-query.js';
export * from './fhir/capability-statement.js';
export * from './fhir/ndjson.js';
