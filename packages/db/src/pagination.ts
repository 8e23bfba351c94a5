/** Applies the shared list parameters (sort, order, limit, offset, search) to a Kysely select query. */
import { sql, type SelectQueryBuilder } from 'kysely';
import { AppError, type ListParams, type Page } from '@shuzhi/core';

export interface ListSpec {
  /** Public sort keys → column references; the first is the default. */
  sortable: Record<string, string>;
  /**
   * A unique key of the table: its primary key (qualified where the query joins tables), or columns ending
   * with it when rows with equal sort keys have a more telling order (feed order, say). Pages order by the sort
   * column and then by this key, in the same direction: rows with equal sort keys have no order of their own
   * (PostgreSQL sorts a shallow page and a deep one differently), so offset pages would repeat some rows and
   * skip others.
   */
  key: string | readonly [string, ...string[]];
  /** Columns a free-text search matches (case-insensitive substring). */
  searchable?: string[];
  /**
   * Rows a search matches besides, by a column's values found elsewhere for the same text (a person by the
   * names of every record linked to them, not only the name it shows).
   */
  searchAlso?: { column: string; values: readonly string[] };
}

/** The LIKE pattern (with `escape '\'`) of a case-insensitive substring search for `q`. */
export function containsPattern(q: string): string {
  return `%${q
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySelect = SelectQueryBuilder<any, any, any>;

/** Runs a paged query: one COUNT and one page of rows, never the whole table. */
export async function fetchPage<Row>(
  query: AnySelect,
  params: ListParams,
  spec: ListSpec,
): Promise<Page<Row>> {
  const keys = Object.keys(spec.sortable);
  const sortKey = params.sort ?? keys[0];
  const column = sortKey === undefined ? undefined : spec.sortable[sortKey];
  if (params.sort !== undefined && column === undefined) {
    throw new AppError('invalid_input', `sort: unknown key "${params.sort}"; one of ${keys.join(', ')}`, {
      issues: [{ field: 'sort', reason: `one of ${keys.join(', ')}` }],
    });
  }
  let filtered = query;
  const q = params.q?.trim();
  if (q && spec.searchable && spec.searchable.length > 0) {
    const pattern = containsPattern(q);
    const also = spec.searchAlso && spec.searchAlso.values.length > 0 ? spec.searchAlso : null;
    filtered = filtered.where((eb) =>
      eb.or([
        ...spec.searchable!.map((col) =>
          eb(sql`lower(${sql.ref(col)})`, 'like', sql`${pattern} escape '\\'`),
        ),
        ...(also ? [eb(sql.ref(also.column), 'in', [...also.values])] : []),
      ]),
    );
  }
  const countRow = await filtered
    .clearSelect()
    .clearOrderBy()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  let page = filtered;
  const order = [...new Set([column, ...(typeof spec.key === 'string' ? [spec.key] : spec.key)])];
  for (const ref of order) if (ref !== undefined) page = page.orderBy(sql.ref(ref), params.order);
  const items = (await page.limit(params.limit).offset(params.offset).execute()) as Row[];
  return {
    items,
    total: Number((countRow as { n?: number } | undefined)?.n ?? 0),
    limit: params.limit,
    offset: params.offset,
  };
}
