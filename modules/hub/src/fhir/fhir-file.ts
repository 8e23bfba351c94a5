/**
 * Reads a FHIR file for import (pure): newline-delimited resources (the Bulk Data format) or one Bundle
 * (transaction, batch or collection). Each resource is validated and normalised; problems come back with the
 * line (NDJSON) or entry number (Bundle) and the element at fault.
 */
import {
  coded,
  NdjsonReader,
  planBundle,
  resolveReferences,
  validateResource,
  type FhirIssue,
  type Json,
  type NdjsonItem,
} from '../core/index.js';
import type { ImportIssue } from '../imports/import-handler.js';
import type { IncomingRecord } from '../records/incoming.js';
import { isStoredRecord } from '../records/record-kinds.js';
import { importIssue } from '../records/import-issues.js';
import { newRecordId } from '../records/record-ids.js';

export interface FhirFileContents {
  records: IncomingRecord[];
  issues: ImportIssue[];
  /** Resources in the file, good and bad. */
  total: number;
}

/** Reads a whole file: a Bundle when it is one JSON object of resourceType Bundle, NDJSON otherwise. */
export function readFhirFile(text: string, sourceId: string): FhirFileContents {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) {
    const whole = parseWhole(trimmed);
    if (whole && whole.resourceType === 'Bundle') return readBundle(whole, sourceId);
  }
  const reader = new NdjsonReader();
  const contents: FhirFileContents = { records: [], issues: [], total: 0 };
  for (const item of [...reader.push(text), ...reader.end()]) addNdjsonItem(contents, item, sourceId);
  return contents;
}

/** Validates one NDJSON line into `contents`. */
export function addNdjsonItem(contents: FhirFileContents, item: NdjsonItem, sourceId: string): void {
  contents.total++;
  if ('error' in item) {
    contents.issues.push(
      importIssue(item.line, { reason: item.error, code: item.code, params: item.params }),
    );
    return;
  }
  const validation = validateResource(item.value, { sourceId });
  if (!validation.ok) {
    contents.issues.push(...issuesOf(validation.issues, item.line));
    return;
  }
  if (!isStoredRecord(validation.record)) {
    contents.issues.push(
      importIssue(item.line, coded('record-not-imported', { kind: validation.record.kind })),
    );
    return;
  }
  const resource = item.value as Json;
  const id = typeof resource.id === 'string' ? resource.id : undefined;
  contents.records.push({
    position: item.line,
    record: validation.record,
    resource,
    ...(id !== undefined ? { id, idIsBinding: true } : {}),
  });
}

function readBundle(bundle: Json, sourceId: string): FhirFileContents {
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as Json[]) : [];
  if (bundle.type === 'collection') {
    const contents: FhirFileContents = { records: [], issues: [], total: 0 };
    entries.forEach((entry, k) => addNdjsonItem(contents, { line: k + 1, value: entry.resource }, sourceId));
    return contents;
  }
  const planning = planBundle(bundle, { sourceId, newId: () => newRecordId('res') });
  if (!planning.ok) return { records: [], issues: issuesOf(planning.issues, 1), total: entries.length };
  const { plan } = planning;
  const contents: FhirFileContents = { records: [], issues: [], total: entries.length };
  for (const rejected of plan.rejected)
    contents.issues.push(...issuesOf(rejected.issues, rejected.index + 1));
  for (const entry of plan.entries) {
    if ((entry.method !== 'POST' && entry.method !== 'PUT') || !entry.resource || !entry.record) {
      contents.issues.push(
        importIssue(entry.index + 1, {
          field: `Bundle.entry[${entry.index}].request.method`,
          ...coded('bundle-method-import'),
        }),
      );
      continue;
    }
    const record = resolveReferences(entry.record, plan.placeholders);
    if (!isStoredRecord(record)) continue;
    contents.records.push({
      position: entry.index + 1,
      record,
      resource: resolveReferences(entry.resource, plan.placeholders),
      ...(entry.id !== undefined ? { id: entry.id, idIsBinding: entry.method === 'PUT' } : {}),
      ...(entry.ifMatchVersion !== undefined ? { ifMatchVersion: entry.ifMatchVersion } : {}),
    });
  }
  return contents;
}

/** Errors of a resource as import issues (warnings are not reported: the resource is accepted). */
export function issuesOf(issues: readonly FhirIssue[], line: number): ImportIssue[] {
  return issues
    .filter((i) => i.severity === 'error' || i.severity === 'fatal')
    .map((i) =>
      importIssue(line, {
        field: i.expression,
        reason: i.diagnostics,
        code: i.reasonCode,
        params: i.reasonParams,
      }),
    );
}

/** The text as one JSON object, or null when it is not one (NDJSON with several lines fails fast). */
function parseWhole(text: string): Json | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}
