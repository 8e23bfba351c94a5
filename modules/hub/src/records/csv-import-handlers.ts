/**
 * Import handlers for the hub's CSV kinds — lab-results, case-reports, fever-clinic-visits, vaccinations,
 * pharmacy-sales and travelers — through the core's CSV templates and the one ingest pipeline. They appear on
 * the imports page with their downloadable template and work with `shuzhi import KIND FILE`.
 */
import { yieldToEventLoop } from '@shuzhi/core';
import { csvTemplate, exampleCsv, convertCsv, type CsvTemplate, type HubRecord } from '../core/index.js';
import { withEarlierPersonFields } from '../imports/earlier-person-records.js';
import type { ApplyResult, ImportHandler, ImportIssue } from '../imports/import-handler.js';
import { identifierForNewRef } from '../persons/person-refs.js';
import type { BulkLoad } from './bulk-load.js';
import type { IncomingRecord, IngestOutcome } from './incoming.js';
import { importIssue } from './import-issues.js';
import { newCaseWork } from './ingest.service.js';
import { FIRST_BATCH, nextBatchSize } from './time-sized-batches.js';
import { isStoredRecord } from './record-kinds.js';
import { OPERATOR_SOURCE, type RecordsService } from './records.service.js';
import { bindSource, PLACEHOLDER_SOURCE } from './source-binding.js';

export const hubCsvKinds = [
  'lab-results',
  'case-reports',
  'fever-clinic-visits',
  'vaccinations',
  'pharmacy-sales',
  'travelers',
] as const;

/** The most records applied per pipeline call: bounds memory, and lets progress move. */
const CHUNK = 2000;

export function csvImportHandler(
  kind: (typeof hubCsvKinds)[number],
  records: RecordsService,
): ImportHandler<IncomingRecord> {
  const template = csvTemplate(kind);
  if (!template) throw new Error(`no CSV template ${kind}`);
  return {
    kind,
    description: `${template.title.en}: ${template.description.en}`,
    descriptionZh: `${template.title['zh-CN']}：${template.description['zh-CN']}`,
    template: {
      fileName: `${kind}.csv`,
      contentType: 'text/csv',
      example: exampleCsv(template),
      columns: template.columns.map((c) => ({
        name: c.name,
        required: c.required,
        en: c.description.en,
        zh: c.description['zh-CN'],
      })),
    },
    parse(text, options) {
      return parseCsv(template, text, options.defaultDwellMinutes);
    },
    async apply(executor, items, context) {
      const sourceId = context.sourceId ?? OPERATOR_SOURCE;
      // An empty person cell leaves what the source sent before as it was (imports/earlier-person-records.ts).
      const bound = await withEarlierPersonFields(
        executor,
        items.map((item) => ({ ...item, record: bindSource(item.record, sourceId) })),
        sourceId,
      );
      const cases = newCaseWork();
      return applyInChunks(
        bound,
        (chunk) => records.storeIn(executor, chunk, { sourceId, channel: 'csv', atomic: false, cases }),
        context.progress,
        {
          beginBulkLoad: (count) => records.beginBulkLoad(count),
          settleCases: () => records.settleCasesIn(executor, cases),
        },
      );
    },
    afterCommit: () => records.committed(),
  };
}

function parseCsv(template: CsvTemplate, text: string, defaultDwellMinutes: number) {
  const conversion = convertCsv(template, text, { sourceId: PLACEHOLDER_SOURCE, defaultDwellMinutes });
  const items: IncomingRecord[] = [];
  for (const row of conversion.rows) {
    const person = row.records.find((r) => r.kind === 'person');
    const traveler = row.records.find((r) => r.kind === 'traveler');
    for (const record of row.records as HubRecord[]) {
      if (!isStoredRecord(record)) continue;
      const item: IncomingRecord = { position: row.line, record };
      if (record === person && traveler?.kind === 'traveler')
        item.alias = identifierForNewRef(traveler.personId);
      items.push(item);
    }
  }
  const issues: ImportIssue[] = conversion.errors.map((e) => importIssue(e.line, { ...e, field: e.column }));
  const warnings: ImportIssue[] = conversion.warnings.map((w) =>
    importIssue(w.line, { ...w, field: w.column }),
  );
  const lines = new Set([...conversion.rows.map((r) => r.line), ...conversion.errors.map((e) => e.line)]);
  // A header error stops the conversion: count the data lines the text holds instead.
  const headerFailed = conversion.errors.some((e) => e.line === 1);
  const total = headerFailed
    ? Math.max(0, text.split('\n').filter((l) => l.trim() !== '').length - 1)
    : lines.size;
  return { records: items, issues, warnings, total };
}

/** What an import does once for the whole file around its chunks. */
export interface WholeFile {
  /** Before the first chunk: a large file is a bulk load. */
  beginBulkLoad?: (records: number) => BulkLoad | null;
  /** After the last chunk: derives the cases the chunks collected (one derivation for the whole file). */
  settleCases?: () => Promise<void>;
}

/**
 * Applies records in chunks and sums up per line: accepted if any record of it changed, else unchanged. A
 * large file is a bulk load (`beginBulkLoad`): its deferred indexes are built again after the last chunk,
 * inside the import's transaction.
 */
export async function applyInChunks(
  items: readonly IncomingRecord[],
  store: (chunk: IncomingRecord[]) => Promise<IngestOutcome[]>,
  progress: (done: number, total: number) => void,
  whole: WholeFile = {},
): Promise<ApplyResult> {
  const { beginBulkLoad = () => null, settleCases = async () => undefined } = whole;
  const lineState = new Map<number, 'accepted' | 'unchanged' | 'rejected'>();
  const issues: ImportIssue[] = [];
  const bulk = beginBulkLoad(items.length);
  let size = Math.min(FIRST_BATCH, CHUNK);
  for (let i = 0; i < items.length;) {
    if (i > 0) await yieldToEventLoop(); // requests waiting on the server go between batches
    const started = performance.now();
    const chunk = items.slice(i, i + size);
    i += chunk.length;
    const outcomes = await store(chunk);
    size = nextBatchSize({ records: chunk.length, ms: performance.now() - started }, CHUNK);
    for (const outcome of outcomes) {
      const line = outcome.position;
      if (outcome.status === 'rejected') {
        lineState.set(line, 'rejected');
        for (const issue of outcome.issues) issues.push(importIssue(line, issue));
      } else if (lineState.get(line) !== 'rejected') {
        const changed = outcome.status !== 'unchanged';
        if (changed || !lineState.has(line)) lineState.set(line, changed ? 'accepted' : 'unchanged');
      }
    }
    progress(i, items.length);
  }
  await settleCases();
  await bulk?.finish();
  const counts = { accepted: 0, unchanged: 0 };
  for (const state of lineState.values()) if (state !== 'rejected') counts[state]++;
  return { ...counts, issues };
}
