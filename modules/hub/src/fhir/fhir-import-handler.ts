/**
 * The `fhir` import kind (`shuzhi import fhir FILE`, the imports page, `POST /fhir/r4/$import`): a Bundle or
 * NDJSON file, validated as a whole first, then stored through the one ingest pipeline — all-or-nothing
 * unless partial.
 */
import type { Database } from '@shuzhi/db';
import type { ImportHandler } from '../imports/import-handler.js';
import type { IncomingRecord } from '../records/incoming.js';
import { newCaseWork } from '../records/ingest.service.js';
import { applyInChunks } from '../records/csv-import-handlers.js';
import { OPERATOR_SOURCE, type RecordsService } from '../records/records.service.js';
import { bindSource, PLACEHOLDER_SOURCE } from '../records/source-binding.js';
import { readFhirFile } from './fhir-file.js';
import { FhirSearchRepository } from './fhir-search.repository.js';
import { importNdjsonStream } from './ndjson-stream-import.js';
import { bindResentRecords, withOwnRecordId, type StoredIdLookup } from './resent-records.js';

const example = [
  '{"resourceType":"Patient","id":"p-0001","identifier":[{"system":"urn:shuzhi:id:cn-resident","value":"430202198503121235"}],"name":[{"text":"张晓明"}],"gender":"male","birthDate":"1985-03-12"}',
  '{"resourceType":"Observation","id":"o-0001","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"94500-6"}]},"subject":{"reference":"Patient/p-0001"},"effectiveDateTime":"2022-03-05T08:10:00+08:00","issued":"2022-03-05T20:30:00+08:00","valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"260385009","display":"Negative"}]}}',
  '',
].join('\n');

export function fhirImportHandler(
  records: RecordsService,
  database: Database,
): ImportHandler<IncomingRecord> {
  const search = new FhirSearchRepository(database);
  const lookup: StoredIdLookup = (executor, request) =>
    search.idsBySourceRecordIds(request.sourceId, request.resourceType, request.sourceRecordIds, executor);
  return {
    kind: 'fhir',
    description:
      'FHIR R4 resources: NDJSON (one resource per line) or a Bundle — Patient, Observation, Condition, Encounter, Immunization, Organization, Location',
    descriptionZh:
      'FHIR R4 资源：NDJSON（每行一个资源）或 Bundle——Patient、Observation、Condition、Encounter、Immunization、Organization、Location',
    template: {
      fileName: 'fhir-example.ndjson',
      contentType: 'application/x-ndjson',
      example,
      columns: [],
    },
    parse(text) {
      const contents = readFhirFile(text, PLACEHOLDER_SOURCE);
      return { records: contents.records, issues: contents.issues, total: contents.total };
    },
    async apply(executor, items, context) {
      const sourceId = context.sourceId ?? OPERATOR_SOURCE;
      const bound = items.map((item) => ({
        ...item,
        record: withOwnRecordId(bindSource(item.record, sourceId, item.resource), item.resource, sourceId),
      }));
      const resent = await bindResentRecords(executor, bound, { sourceId, lookup });
      const cases = newCaseWork();
      return applyInChunks(
        resent,
        (chunk) => records.storeIn(executor, chunk, { sourceId, channel: 'ndjson', atomic: false, cases }),
        context.progress,
        {
          beginBulkLoad: (count) => records.beginBulkLoad(count),
          settleCases: () => records.settleCasesIn(executor, cases),
        },
      );
    },
    afterCommit: () => records.committed(),
    // NDJSON of any size, streamed (`shuzhi import fhir FILE.ndjson`): bounded memory, same all-or-nothing.
    importStream: (chunks, context) => {
      const size = context.sizeBytes;
      return importNdjsonStream(database, records, chunks, {
        sourceId: context.sourceId ?? OPERATOR_SOURCE,
        partial: context.partial,
        ...(context.signal ? { signal: context.signal } : {}),
        // Progress in bytes of the file when its size is known (the job's progress bar); else none till the end.
        ...(size !== undefined && size > 0
          ? { sizeBytes: size, onProgress: (_lines, bytes) => context.progress(Math.min(bytes, size), size) }
          : {}),
      });
    },
  };
}
