/**
 * FHIR search over the record store (FHIR R4 search.html): `_id`, `identifier`, `subject`/`patient`
 * (by id or `:identifier`), `code`, `date` and `onset-date` (ranges, all eight prefixes), `recorded-date`
 * and `_lastUpdated`, narrowed to the caller's area, paged by `_count` with an offset.
 */
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import { areaScopePrefix } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import { instantBounds, type DateFilter, type SearchQuery, type TokenValue } from '../core/index.js';
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

  async search(
    query: SearchQuery,
    options: { offset: number; areaScope: string | null },
  ): Promise<SearchPage> {
    let q = this.database.db
      .selectFrom('hub_records')
      .where('resource_type', '=', query.resourceType)
      .where('resource', 'is not', null) as RecordsQuery;
    if (options.areaScope !== null)
      q = q.where('area_code', 'like', `${areaScopePrefix(options.areaScope)}%`);
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

  private identifierMatch(eb: Eb, resourceType: string, token: TokenValue) {
    return eb('id', 'in', this.identifierOwners(resourceType, token));
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
