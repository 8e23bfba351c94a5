/** SQL for the record store: current versions, earlier versions, identifiers and the per-source intake log. */
import { decodeRow, type Database } from '@shuzhi/db';
import type { Json } from '../core/index.js';
import { BulkWriter, type BulkTable, type Executor } from './bulk-writer.js';
import { KeyLookup, type KeyQuery } from './key-lookup.js';

/** A row of hub_records; `Content` is the JSON of the resource or record (parsed, or as text to insert). */
export interface RecordColumns<Content> {
  resource_type: string;
  /** The platform-wide id: what staff, consumers, the change feed and fact rows name the record by. */
  id: string;
  /**
   * The id its source gave it, when that differs from `id` (another source held that id already); null when
   * the source knows the record by `id` itself. Ids a source gives live in its own namespace (see local-ids.ts).
   */
  local_id: string | null;
  source_id: string;
  source_record_id: string;
  version: number;
  content_hash: string;
  created_at: string;
  received_at: string;
  last_updated_ms: number;
  effective_at: string | null;
  person_id: string | null;
  subject_id: string | null;
  code_system: string | null;
  code: string | null;
  date_from: number | null;
  date_to: number | null;
  recorded_ms: number | null;
  area_code: string | null;
  /** The FHIR resource as submitted (without meta), or null for a CSV row. */
  resource: Content | null;
  /** The normalised record of a CSV row (FHIR resources are normalised again when needed). */
  record: Content | null;
}

export type StoredRecordRow = RecordColumns<Json>;

/** A record to insert, its resource or record already serialised (JSON text, inserted as it is). */
export type NewRecordRow = RecordColumns<string>;

/** What lookups need of a stored record to classify an incoming one. */
export type StoredKeyRow = Pick<
  StoredRecordRow,
  | 'resource_type'
  | 'id'
  | 'local_id'
  | 'source_id'
  | 'source_record_id'
  | 'version'
  | 'content_hash'
  | 'created_at'
  | 'person_id'
  | 'subject_id'
>;

export interface VersionRow {
  resource_type: string;
  id: string;
  version: number;
  source_id: string;
  content_hash: string;
  received_at: string;
  resource: Json | null;
  record: Json | null;
}

export interface IntakeRow {
  source_id: string;
  at: string;
  channel: string;
  accepted: number;
  unchanged: number;
  rejected: number;
}

export const recordTable: BulkTable = {
  name: 'hub_records',
  columns: [
    ['resource_type', 'text'],
    ['id', 'text'],
    ['local_id', 'text'],
    ['source_id', 'text'],
    ['source_record_id', 'text'],
    ['version', 'integer'],
    ['content_hash', 'text'],
    ['created_at', 'timestamp'],
    ['received_at', 'timestamp'],
    ['last_updated_ms', 'bigint'],
    ['effective_at', 'timestamp'],
    ['person_id', 'text'],
    ['subject_id', 'text'],
    ['code_system', 'text'],
    ['code', 'text'],
    ['date_from', 'bigint'],
    ['date_to', 'bigint'],
    ['recorded_ms', 'bigint'],
    ['area_code', 'text'],
    ['resource', 'json'],
    ['record', 'json'],
  ],
};

const versionTable: BulkTable = {
  name: 'hub_record_versions',
  columns: [
    ['resource_type', 'text'],
    ['id', 'text'],
    ['version', 'integer'],
    ['source_id', 'text'],
    ['content_hash', 'text'],
    ['received_at', 'timestamp'],
    ['resource', 'json'],
    ['record', 'json'],
  ],
};

const identifierTable: BulkTable = {
  name: 'hub_record_identifiers',
  columns: [
    ['resource_type', 'text'],
    ['system', 'text'],
    ['value', 'text'],
    ['id', 'text'],
  ],
  ignoreConflictsOn: ['resource_type', 'system', 'value', 'id'],
};

const keyColumns = [
  'resource_type',
  'id',
  'local_id',
  'source_id',
  'source_record_id',
  'version',
  'content_hash',
  'created_at',
  'person_id',
  'subject_id',
] as const;

// Values per IN list: well inside SQLite's 32 766 and PostgreSQL's 65 535 bound parameters, few round trips.
const CHUNK = 4000;

/** Classification's look-ups (see key-lookup.ts): by platform id, by a source's own id, by source key. */
const byIdQuery: KeyQuery = {
  table: 'hub_records',
  columns: keyColumns,
  equal: ['resource_type'],
  key: 'id',
};
const byLocalIdQuery: KeyQuery = {
  table: 'hub_records',
  columns: keyColumns,
  equal: ['source_id', 'resource_type'],
  key: 'local_id',
};
const bySourceKeyQuery: KeyQuery = {
  table: 'hub_records',
  columns: keyColumns,
  equal: ['source_id', 'resource_type'],
  key: 'source_record_id',
};

export class RecordsRepository {
  readonly bulk: BulkWriter;
  private readonly lookup: KeyLookup;

  constructor(private readonly database: Database) {
    this.bulk = new BulkWriter(database);
    this.lookup = new KeyLookup(database);
  }

  get db(): Database {
    return this.database;
  }

  /** Stored records of one type by source record id, for one source. */
  async findBySourceKeys(
    executor: Executor,
    sourceId: string,
    resourceType: string,
    sourceRecordIds: readonly string[],
  ): Promise<StoredKeyRow[]> {
    const prepared = this.lookup.rows<StoredKeyRow>(
      executor,
      bySourceKeyQuery,
      [sourceId, resourceType],
      sourceRecordIds,
    );
    if (prepared) return prepared;
    const out: StoredKeyRow[] = [];
    for (let i = 0; i < sourceRecordIds.length; i += CHUNK) {
      const rows = await executor
        .selectFrom('hub_records')
        .select([...keyColumns])
        .where('source_id', '=', sourceId)
        .where('resource_type', '=', resourceType)
        .where('source_record_id', 'in', sourceRecordIds.slice(i, i + CHUNK))
        .execute();
      out.push(...(rows as StoredKeyRow[]));
    }
    return out;
  }

  /**
   * A source's own records of one type by the ids it knows them by, and which of those ids are taken as
   * platform ids by other records (so a new record of the source under that id needs an id of its own). Two
   * look-ups: platform ids (the primary key) for the common case where the source's id is the record's, and
   * the few records stored under an id of their own (`local_id`, a partial index).
   */
  async findOwnByLocalIds(
    executor: Executor,
    sourceId: string,
    resourceType: string,
    localIds: readonly string[],
  ): Promise<{ own: Map<string, StoredKeyRow>; taken: Set<string> }> {
    const own = new Map<string, StoredKeyRow>();
    const taken = new Set<string>();
    for (let i = 0; i < localIds.length; i += CHUNK) {
      const slice = localIds.slice(i, i + CHUNK);
      const byId =
        this.lookup.rows<StoredKeyRow>(executor, byIdQuery, [resourceType], slice) ??
        ((await executor
          .selectFrom('hub_records')
          .select([...keyColumns])
          .where('resource_type', '=', resourceType)
          .where('id', 'in', slice)
          .execute()) as StoredKeyRow[]);
      for (const row of byId) {
        taken.add(row.id);
        if (row.source_id === sourceId && row.local_id === null) own.set(row.id, row);
      }
      const byLocalId =
        this.lookup.rows<StoredKeyRow>(executor, byLocalIdQuery, [sourceId, resourceType], slice) ??
        ((await executor
          .selectFrom('hub_records')
          .select([...keyColumns])
          .where('source_id', '=', sourceId)
          .where('resource_type', '=', resourceType)
          .where('local_id', 'in', slice)
          .execute()) as StoredKeyRow[]);
      for (const row of byLocalId) own.set(row.local_id!, row);
    }
    return { own, taken };
  }

  /**
   * Platform ids of records a source names by its own ids, where they differ (most records are known by
   * their platform id, and are left out): to show another reader the references the source wrote.
   */
  async platformIdsOf(
    sourceId: string,
    references: readonly { resourceType: string; localId: string }[],
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const byType = new Map<string, Set<string>>();
    for (const r of references)
      byType.set(r.resourceType, (byType.get(r.resourceType) ?? new Set()).add(r.localId));
    for (const [type, unique] of byType) {
      const ids = [...unique];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = (await this.database.db
          .selectFrom('hub_records')
          .select(['id', 'local_id'])
          .where('source_id', '=', sourceId)
          .where('resource_type', '=', type)
          .where('local_id', 'in', ids.slice(i, i + CHUNK))
          .execute()) as { id: string; local_id: string }[];
        for (const row of rows) out.set(`${type}/${row.local_id}`, `${type}/${row.id}`);
      }
    }
    return out;
  }

  async insertRecords(executor: Executor, rows: readonly NewRecordRow[]): Promise<void> {
    await this.bulk.insert(executor, recordTable, rows as unknown as Record<string, unknown>[]);
  }

  /**
   * Replaces the current version of a record with a new one, keeping the old one in the history: the old
   * row is copied to hub_record_versions first, in the same transaction.
   */
  async replaceRecord(executor: Executor, row: StoredRecordRow): Promise<void> {
    const old = await executor
      .selectFrom('hub_records')
      .select([
        'resource_type',
        'id',
        'version',
        'source_id',
        'content_hash',
        'received_at',
        'resource',
        'record',
      ])
      .where('resource_type', '=', row.resource_type)
      .where('id', '=', row.id)
      .executeTakeFirst();
    if (old) {
      const decoded = decodeRow(old as VersionRow, { json: ['resource', 'record'] });
      await this.bulk.insert(executor, versionTable, [decoded as unknown as Record<string, unknown>]);
    }
    const { resource_type: type, id, created_at: _created, ...rest } = row;
    await executor
      .updateTable('hub_records')
      .set({
        ...rest,
        resource: rest.resource === null ? null : JSON.stringify(rest.resource),
        record: rest.record === null ? null : JSON.stringify(rest.record),
      })
      .where('resource_type', '=', type)
      .where('id', '=', id)
      .execute();
  }

  async insertIdentifiers(
    executor: Executor,
    rows: readonly { resource_type: string; system: string; value: string; id: string }[],
  ): Promise<void> {
    await this.bulk.insert(executor, identifierTable, rows);
  }

  async deleteIdentifiers(executor: Executor, resourceType: string, id: string): Promise<void> {
    await executor
      .deleteFrom('hub_record_identifiers')
      .where('resource_type', '=', resourceType)
      .where('id', '=', id)
      .execute();
  }

  /** Records about a subject record (and the record itself) now belong to another person (a split). */
  async repointPerson(executor: Executor, subjectIds: readonly string[], personId: string): Promise<void> {
    if (subjectIds.length === 0) return;
    await executor
      .updateTable('hub_records')
      .set({ person_id: personId })
      .where((eb) => eb.or([eb('subject_id', 'in', [...subjectIds]), eb('id', 'in', [...subjectIds])]))
      .execute();
  }

  /** The registered area of a data source, read inside the caller's transaction (null when unregistered). */
  async sourceArea(executor: Executor, sourceId: string): Promise<string | null> {
    const row = await executor
      .selectFrom('sources')
      .select('area_code')
      .where('id', '=', sourceId)
      .executeTakeFirst();
    return (row as { area_code: string | null } | undefined)?.area_code ?? null;
  }

  /** The registered type of a data source (`fever_clinic`, `lab`…); undefined for an unregistered one. */
  async sourceTypeOf(executor: Executor, sourceId: string): Promise<string | undefined> {
    const row = await executor
      .selectFrom('sources')
      .select('type')
      .where('id', '=', sourceId)
      .executeTakeFirst();
    return row?.type as string | undefined;
  }

  async insertIntake(executor: Executor, row: IntakeRow): Promise<void> {
    await executor.insertInto('hub_intake').values(row).execute();
  }

  async read(
    resourceType: string,
    id: string,
    executor: Executor = this.database.db,
  ): Promise<StoredRecordRow | undefined> {
    const row = await executor
      .selectFrom('hub_records')
      .selectAll()
      .where('resource_type', '=', resourceType)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? decodeStored(row as StoredRecordRow) : undefined;
  }

  /** A source's own record by the id it knows it by (its own namespace), or undefined. */
  async readOwn(
    sourceId: string,
    resourceType: string,
    localId: string,
  ): Promise<StoredRecordRow | undefined> {
    const row = await this.database.db
      .selectFrom('hub_records')
      .selectAll()
      .where('source_id', '=', sourceId)
      .where('resource_type', '=', resourceType)
      .where((eb) =>
        eb.or([eb.and([eb('id', '=', localId), eb('local_id', 'is', null)]), eb('local_id', '=', localId)]),
      )
      .executeTakeFirst();
    return row ? decodeStored(row as StoredRecordRow) : undefined;
  }

  async readMany(resourceType: string, ids: readonly string[]): Promise<StoredRecordRow[]> {
    const out: StoredRecordRow[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.database.db
        .selectFrom('hub_records')
        .selectAll()
        .where('resource_type', '=', resourceType)
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute();
      out.push(...(rows as StoredRecordRow[]).map(decodeStored));
    }
    return out;
  }

  /** The stored content (resource or normalised record) of records, read inside the caller's transaction. */
  async readContents(
    executor: Executor,
    resourceType: string,
    ids: readonly string[],
  ): Promise<Map<string, { resource: Json | null; record: Json | null }>> {
    const out = new Map<string, { resource: Json | null; record: Json | null }>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await executor
        .selectFrom('hub_records')
        .select(['id', 'resource', 'record'])
        .where('resource_type', '=', resourceType)
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute();
      for (const row of rows as { id: string; resource: Json | null; record: Json | null }[]) {
        const decoded = decodeRow(row, { json: ['resource', 'record'] });
        out.set(row.id, { resource: decoded.resource, record: decoded.record });
      }
    }
    return out;
  }

  /** Earlier versions, newest first. */
  async versions(resourceType: string, id: string): Promise<VersionRow[]> {
    const rows = await this.database.db
      .selectFrom('hub_record_versions')
      .selectAll()
      .where('resource_type', '=', resourceType)
      .where('id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return (rows as VersionRow[]).map((r) => decodeRow(r, { json: ['resource', 'record'] }));
  }

  async version(resourceType: string, id: string, version: number): Promise<VersionRow | undefined> {
    const row = await this.database.db
      .selectFrom('hub_record_versions')
      .selectAll()
      .where('resource_type', '=', resourceType)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? decodeRow(row as VersionRow, { json: ['resource', 'record'] }) : undefined;
  }

  /** Ids of records of a type holding an identifier. */
  async idsByIdentifier(
    resourceType: string,
    system: string | null | undefined,
    value: string | undefined,
  ): Promise<string[]> {
    let q = this.database.db
      .selectFrom('hub_record_identifiers')
      .select('id')
      .where('resource_type', '=', resourceType);
    if (typeof system === 'string') q = q.where('system', '=', system);
    if (value !== undefined) q = q.where('value', '=', value);
    const rows = (await q.limit(10_000).execute()) as { id: string }[];
    return rows.map((r) => r.id);
  }
}

export function decodeStored(row: StoredRecordRow): StoredRecordRow {
  const decoded = decodeRow(row, { json: ['resource', 'record'] });
  return {
    ...decoded,
    version: Number(decoded.version),
    last_updated_ms: Number(decoded.last_updated_ms),
    date_from: decoded.date_from === null ? null : Number(decoded.date_from),
    date_to: decoded.date_to === null ? null : Number(decoded.date_to),
    recorded_ms: decoded.recorded_ms === null ? null : Number(decoded.recorded_ms),
  };
}
