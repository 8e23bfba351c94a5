/** @shuzhi/hub: data sources, ingest, the master person index, provenance, the change feed and governed sharing. */
export * from './hub.migrations.js';
export * from './hub.module.js';
export * from './sources.schema.js';
export * from './sources.service.js';
export * from './sources.routes.js';
export * from './feed/feed.schema.js';
export * from './feed/change-feed.js';
export * from './persons/persons.service.js';
export * from './persons/person-refs.js';
export * from './imports/import-handler.js';
export * from './imports/imports.service.js';
export * from './feed/feed.routes.js';
export * from './feed/webhooks.service.js';
export * from './feed/signed-webhook.js';
export * from './sharing/sharing.schema.js';
export * from './sharing/sharing.service.js';
export * from './sharing/sharing.routes.js';
export * from './imports/imports.schema.js';
export * from './imports/imports.routes.js';
// CSV templates for import kinds that other modules implement (surveillance's `indicators`).
export { csvTemplate, CsvTemplateConverter, exampleCsv, type CsvTemplate } from './core/index.js';
// The FHIR answer to any error: the server's FHIR routes answer failures with it.
export { localizedOutcome, operationOutcomeOfError, prefersChinese } from './core/index.js';
// The stable codes of validation reasons, which the imports page translates.
export {
  reasonCodes,
  reasonTextIn,
  reasonTexts,
  sourceTypesZh,
  type ReasonCode,
  type ReasonParams,
} from './core/index.js';
export type { IndicatorRecord } from './core/index.js';
// The data side: record store, FHIR R4, master person index, derived facts, source quality.
export * from './records/records.module.js';
export * from './records/data-hub.routes.js';
export { OPERATOR_SOURCE } from './records/records.service.js';
export type { IncomingRecord, IngestOutcome } from './records/incoming.js';
export { importNdjsonStream, type StreamImportOptions } from './fhir/ndjson-stream-import.js';
export * from './mpi/mpi.schema.js';
export * from './facts/facts.schema.js';
export type { TimelineContributor } from './facts/facts.service.js';
export * from './quality/quality.schema.js';
