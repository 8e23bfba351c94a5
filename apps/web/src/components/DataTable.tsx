/**
 * A server-side list: the server pages, sorts and searches (nothing loads a whole table); this component
 * renders the page, sortable headers, a search box and the pager, all keyboard-accessible; given the list's
 * API path, it offers the export of every matching row as CSV or XLSX.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from './ExportButtons';
import type { ExportQuery } from './export-file';
import { TableScroll } from './TableScroll';

export interface Column<Row> {
  key: string;
  header: string;
  /** Server sort key, when the column is sortable. */
  sort?: string;
  render: (row: Row) => ReactNode;
}

export interface PageResult<Row> {
  items: Row[];
  total: number;
}

export interface ListQuery {
  limit: number;
  offset: number;
  sort?: string;
  order: 'asc' | 'desc';
  q?: string;
}

interface DataTableProps<Row> {
  id: string;
  caption: string;
  columns: Column<Row>[];
  fetchPage: (query: ListQuery) => Promise<PageResult<Row>>;
  rowKey: (row: Row) => string;
  pageSize?: number;
  searchable?: boolean;
  toolbar?: ReactNode;
  defaultOrder?: 'asc' | 'desc';
  /**
   * The list's API path and the filters the page adds to `fetchPage`'s query: offers Export CSV / XLSX of
   * every row the current search, filters and sort select.
   */
  exportFrom?: { path: string; query?: ExportQuery };
}

export function DataTable<Row>({
  id,
  caption,
  columns,
  fetchPage,
  rowKey,
  pageSize = 20,
  searchable = true,
  toolbar,
  defaultOrder = 'asc',
  exportFrom,
}: DataTableProps<Row>) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<string | undefined>(undefined);
  const [order, setOrder] = useState<'asc' | 'desc'>(defaultOrder);
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const query: ListQuery = { limit: pageSize, offset, order, ...(sort ? { sort } : {}), ...(q ? { q } : {}) };
  const result = useQuery({
    queryKey: [id, query],
    queryFn: () => fetchPage(query),
    placeholderData: (prev) => prev,
  });
  const total = result.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.floor(offset / pageSize) + 1;

  const toggleSort = (key: string) => {
    if (sort === key) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setOrder('asc');
    }
    setOffset(0);
  };

  return (
    <div className="datatable">
      <div className="datatable-toolbar">
        {searchable && (
          <form
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              setQ(search.trim());
              setOffset(0);
            }}
          >
            <label className="inline-field">
              <span className="visually-hidden">{t('common.search')}</span>
              <input
                type="search"
                value={search}
                placeholder={t('common.search')}
                onChange={(e) => setSearch(e.target.value)}
              />
            </label>
            <button type="submit" className="button">
              {t('common.search')}
            </button>
          </form>
        )}
        {toolbar}
        {exportFrom && (
          <ExportButtons
            path={exportFrom.path}
            listLabel={caption}
            query={{ ...exportFrom.query, order, ...(sort ? { sort } : {}), ...(q ? { q } : {}) }}
          />
        )}
      </div>
      {result.isError && (
        <p role="alert" className="notice notice-error">
          {t('common.error')}: {(result.error as Error).message}
        </p>
      )}
      <TableScroll label={caption}>
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={
                    sort && c.sort === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                >
                  {c.sort ? (
                    <button type="button" className="sort-button" onClick={() => toggleSort(c.sort!)}>
                      {c.header}
                      <span aria-hidden="true">
                        {sort === c.sort ? (order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.data?.items.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.key}>{c.render(row)}</td>
                ))}
              </tr>
            ))}
            {result.data && result.data.items.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="empty-cell">
                  {t('common.empty')}
                </td>
              </tr>
            )}
            {!result.data && result.isPending && (
              <tr>
                <td colSpan={columns.length} className="empty-cell">
                  {t('common.loading')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
      <div className="pager">
        <span>{t('common.total', { count: total })}</span>
        <button
          type="button"
          className="button"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - pageSize))}
        >
          {t('common.previous')}
        </button>
        <span aria-live="polite">{t('common.pageOf', { page, pages })}</span>
        <button
          type="button"
          className="button"
          disabled={page >= pages}
          onClick={() => setOffset(offset + pageSize)}
        >
          {t('common.next')}
        </button>
      </div>
    </div>
  );
}
