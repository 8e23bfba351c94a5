/**
 * What arrives at the record store and what it answers: an incoming record (a normalised record, with the
 * FHIR resource it came as, if any) and the outcome per record. Preparing a record (pure) settles its
 * stored type, source record id, logical id where one is known, content hash and search fields.
 */
import type { Json, ReasonCode, ReasonParams } from '../core/index.js';
import type { RefIdentifier } from '../persons/person-refs.js';
import { contentJson, hashOfContentJson } from './content-hash.js';
import {
  idPrefixOf,
  naturalKeyOf,
  searchFieldsOf,
  storedTypeOf,
  type SearchFields,
  type StoredRecord,
} from './record-kinds.js';

export interface IncomingRecord {
  /** Where it was in the submission: a line (NDJSON, CSV) or an entry index (Bundle), for the error report. */
  position: number;
  record: StoredRecord;
  /** The FHIR resource as submitted (references already resolved); absent for CSV rows. */
  resource?: Json;
  /**
   * The logical id in the source's own namespace: given by the client (PUT, NDJSON) or planned by the server
   * (Bundle POST). The stored record's platform-wide id is the same unless another record holds it already.
   */
  id?: string;
  /** The id is the client's (PUT, NDJSON): update that resource, or create it under that id. */
  idIsBinding?: boolean;
  /** PUT with If-Match: the version the client expects to replace. */
  ifMatchVersion?: string;
  /** A traveller's `person_id`: an imported id that must resolve to this row's person. */
  alias?: RefIdentifier;
}

export type IngestStatus = 'created' | 'updated' | 'unchanged';

export interface IngestIssue {
  position: number;
  /** The element or column at fault. */
  field?: string;
  reason: string;
  /** The reason's stable code and parameters, when it has them (core/reasons.ts). */
  code?: ReasonCode;
  params?: ReasonParams;
}

export type IngestOutcome =
  | {
      position: number;
      status: IngestStatus;
      resourceType: string;
      /** The id the source knows the record by (in its own namespace). */
      id: string;
      /** The platform-wide id (what staff, consumers and the change feed see); usually the same. */
      storedId: string;
      version: number;
      lastModified: string;
      personId: string | null;
    }
  | { position: number; status: 'rejected'; httpStatus: number; issues: IngestIssue[] };

/** An incoming record with everything that does not depend on the database worked out. */
export interface PreparedRecord {
  item: IncomingRecord;
  resourceType: string;
  prefix: string;
  /** The source's own id of the record; undefined for a FHIR create without one (the new id is used). */
  sourceRecordId: string | undefined;
  /** Known before the store is consulted (client id, planned id, or derived from the source key). */
  id: string | undefined;
  hash: string;
  /** The JSON the hash was taken of (the resource without id and meta, or the CSV record), kept for storing. */
  contentJson: string;
  search: SearchFields;
}

export function prepareRecord(item: IncomingRecord): PreparedRecord {
  const { record } = item;
  const resourceType = storedTypeOf[record.kind];
  const prefix = idPrefixOf[record.kind];
  const search = searchFieldsOf(record);
  if (item.resource) {
    const { id: _id, meta: _meta, ...content } = item.resource;
    const json = contentJson(content);
    return {
      item,
      resourceType,
      prefix,
      sourceRecordId: naturalKeyOf(record) ?? (item.idIsBinding ? item.id : undefined),
      id: item.id,
      hash: hashOfContentJson(json),
      contentJson: json,
      search,
    };
  }
  const sourceRecordId = naturalKeyOf(record);
  const json = contentJson(record);
  return {
    item,
    resourceType,
    prefix,
    sourceRecordId,
    // No id of its own (a CSV row): a random one is drawn when it is first stored, and a re-sent row finds
    // that record by its source key. Never derived from the source record id, which may be an ID number:
    // a hash of it could be reversed by trying the few thousand numbers a masked ID leaves open.
    id: item.id,
    hash: hashOfContentJson(json),
    contentJson: json,
    search,
  };
}

/**
 * Splits records into rounds in which each record key appears once, keeping order: a file that sends the
 * same record twice (a person on every one of their result rows) stores the second as its next version.
 */
export function roundsOf(records: readonly PreparedRecord[]): PreparedRecord[][] {
  const rounds: PreparedRecord[][] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const key =
      record.id !== undefined
        ? `${record.resourceType}/${record.id}`
        : record.sourceRecordId !== undefined
          ? `${record.resourceType}|${record.sourceRecordId}`
          : null;
    const round = key === null ? 0 : (seen.get(key) ?? 0);
    if (key !== null) seen.set(key, round + 1);
    (rounds[round] ??= []).push(record);
  }
  return rounds;
}
