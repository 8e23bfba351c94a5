/**
 * FHIR search over the record store (FHIR R4 search.html): `_id`, `identifier`, `subject`/`patient`
 * (by id or `:identifier`), `code`, `date` and `onset-date` (ranges, all eight prefixes), `recorded-date`
 * and `_lastUpdated`, narrowed to the caller's area, paged by `_count` with an offset.
 */
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Database } from '@shuzhi/db';
import { instantBounds, type DateFilter, type SearchQuery, type TokenValue } from '../core/index.js';
import { inPersonScope } from '../mpi/person-area.js';
import type { Executor } from '../records/bulk-writer.js';
import { localIdOf } from '../records/local-ids.js';
import { decodeStored, type StoredRecordRow } from '../records/records.repository.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RecordsQuery = SelectQueryBuilder<any, 'hub_records', any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Eb = ExpressionBuilder<any, 'hub_records'>;

export interface SearchPage {
  total: number;
  rows: StoredRecordRow[];
}

export class FhirSearchRepository {
  constructor(private readonly database: Database) {}

  /**
   * Records of a type matching the query. Records that arrived as CSV rows (no stored resource) match too:
   * they are read as the FHIR resource made from their record. Organizations and Locations are reference
   * data with no area, so the caller's area does not narrow them (as on a read). `sourceId` narrows the
   * search to one source's own records (a conditional create looks only there).
   */
  async search(
    query: SearchQuery,
    options: { offset: number; areaScope: string | null; sourceId?: string },
  ): Promise<SearchPage> {
    let q = this.database.db
      .selectFrom('hub_records')
      .where('resource_type', '=', query.resourceType) as RecordsQuery;
    // Records with no area are filed at city level, as persons and feed events are (mpi/person-area.ts).
    if (options.areaScope !== null && !unscopedTypes.has(query.resourceType))
      q = q.where(inPersonScope('area_code', options.areaScope));
    if (options.sourceId !== undefined) q = q.where('source_id', '=', options.sourceId);
    for (const alternatives of query.tokens['_id'] ?? [])
      q = q.where(
        'id',
        'in',
        alternatives.flatMap((t) => (t.code ? [t.code] : [])),
      );
    for (const alternatives of query.tokens['identifier'] ?? [])
      q = q.where((eb) =>
        eb.or(alternatives.map((token) => this.identifierMatch(eb, query.resourceType, token))),
      );
    for (const alternatives of query.tokens['code'] ?? [])
      q = q.where((eb) => eb.or(alternatives.map((token) => codeMatch(eb, token))));
    for (const name of ['subject', 'patient'])
      for (const alternatives of query.references[name] ?? [])
        q = q.where((eb) =>
          eb.or(
            alternatives.map((ref) =>
              'identifier' in ref
                ? eb('subject_id', 'in', this.identifierOwners('Patient', ref.identifier))
                : eb('subject_id', '=', ref.id),
            ),
          ),
        );
    for (const name of ['date', 'onset-date'])
      for (const filter of query.dates[name] ?? []) q = q.where((eb) => rangeMatch(eb, filter));
    for (const filter of query.dates['recorded-date'] ?? [])
      q = q.where((eb) => instantMatch(eb, 'recorded_ms', filter));
    for (const filter of query.dates['_lastUpdated'] ?? [])
      q = q.where((eb) => instantMatch(eb, 'last_updated_ms', filter));
    const count: unknown = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const total = Number((count as { n?: number } | undefined)?.n ?? 0);
    if (query.count === 0) return { total, rows: [] };
    const rows = (await q
      .selectAll()
      .orderBy('last_updated_ms', 'desc')
      .orderBy('id')
      .limit(query.count)
      .offset(options.offset)
      .execute()) as StoredRecordRow[];
    return { total, rows: rows.map(decodeStored) };
  }

  /**
   * The ids of a source's records of one type by their source record ids (the value of the source's own
   * `urn:shuzhi:source:{sourceId}` identifier): a Bundle that sends a record again refers to it by that id,
   * the id the source knows it by (its own namespace, see records/local-ids.ts).
   * `executor`: an import's open transaction (on SQLite, a read outside it would wait for it forever).
   */
  async idsBySourceRecordIds(
    sourceId: string,
    resourceType: string,
    sourceRecordIds: readonly string[],
    executor: Executor = this.database.db,
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const keys = [...new Set(sourceRecordIds)];
    // In slices: a Bundle may hold more entries than SQLite takes bound parameters in one statement.
    for (let from = 0; from < keys.length; from += 500) {
      const rows = (await executor
        .selectFrom('hub_records')
        .select(['id', 'local_id', 'source_record_id'])
        .where('source_id', '=', sourceId)
        .where('resource_type', '=', resourceType)
        .where('source_record_id', 'in', keys.slice(from, from + 500))
        .execute()) as { id: string; local_id: string | null; source_record_id: string }[];
      for (const row of rows) found.set(row.source_record_id, localIdOf(row));
    }
    return found;
  }

  private identifierMatch(eb: Eb, resourceType: string, token: TokenValue) {
    const indexed = eb('id', 'in', this.identifierOwners(resourceType, token));
    const csvRow = csvRowIdentifierMatch(eb, token);
    return csvRow ? eb.or([indexed, csvRow]) : indexed;
  }

  /** Ids of records of a type holding an identifier matching the token (a subquery). */
  private identifierOwners(resourceType: string, token: TokenValue) {
    let sub = this.database.db
      .selectFrom('hub_record_identifiers')
      .select('id')
      .where('resource_type', '=', resourceType);
    if (typeof token.system === 'string') sub = sub.where('system', '=', token.system);
    if (token.code !== undefined) sub = sub.where('value', '=', token.code);
    return sub;
  }
}

const SOURCE_SYSTEM = 'urn:shuzhi:source:';

/**
 * A record that arrived as a CSV row has no stored resource and no indexed identifiers; the resource made
 * from it carries one identifier, its source record id under `urn:shuzhi:source:{sourceId}`. Matched on the
 * (source, type, source record id) key only when the token names that system, so the key's index serves it.
 */
function csvRowIdentifierMatch(eb: Eb, token: TokenValue) {
  if (typeof token.system !== 'string' || !token.system.startsWith(SOURCE_SYSTEM)) return null;
  if (token.code === undefined) return null;
  return eb.and([
    eb('source_id', '=', token.system.slice(SOURCE_SYSTEM.length)),
    eb('source_record_id', '=', token.code),
    eb('resource', 'is', null),
  ]);
}

/** Reference data without an area of its own, visible whatever the caller's area (as on a read). */
const unscopedTypes = new Set(['Organization', 'Location']);

function codeMatch(eb: Eb, token: TokenValue) {
  const parts = [];
  if (typeof token.system === 'string') parts.push(eb('code_system', '=', token.system));
  if (token.system === null) parts.push(eb('code_system', 'is', null));
  if (token.code !== undefined) parts.push(eb('code', '=', token.code));
  return parts.length === 0 ? eb('code', 'is not', null) : eb.and(parts);
}

/**
 * A stored range [date_from, date_to) against a search value's range [start, end), prefix by prefix as
 * `matchesDateFilter` in the core defines them (FHIR R4 search.html §3.1.1.4.2).
 */
function rangeMatch(eb: Eb, filter: DateFilter) {
  const { start, end } = filter.range;
  const contained = eb.and([eb('date_from', '>=', start), eb('date_to', '<=', end)]);
  const present = eb('date_from', 'is not', null);
  switch (filter.prefix) {
    case 'eq':
      return contained;
    case 'ne':
      return eb.and([present, eb.or([eb('date_from', '<', start), eb('date_to', '>', end)])]);
    case 'gt':
      return eb('date_to', '>', end);
    case 'lt':
      return eb('date_from', '<', start);
    case 'ge':
      return eb.or([eb('date_to', '>', end), contained]);
    case 'le':
      return eb.or([eb('date_from', '<', start), contained]);
    case 'sa':
      return eb('date_from', '>=', end);
    case 'eb':
      return eb('date_to', '<=', start);
  }
}

function instantMatch(eb: Eb, column: 'recorded_ms' | 'last_updated_ms', filter: DateFilter) {
  const bounds = instantBounds(filter);
  if ('notFrom' in bounds)
    return eb.and([
      eb(column, 'is not', null),
      eb.or([eb(column, '<', bounds.notFrom), eb(column, '>=', bounds.notTo)]),
    ]);
  const parts = [eb(column, 'is not', null)];
  if (bounds.from !== undefined) parts.push(eb(column, '>=', bounds.from));
  if (bounds.to !== undefined) parts.push(eb(column, '<', bounds.to));
  return eb.and(parts);
}
