/**
 * Reads every row of a list page by page for an export, without a snapshot: the list routes page by offset
 * only, so a row inserted before the export's position (a new record sorted first) would shift the next page
 * and repeat a row, and a row deleted there would skip one. Each read therefore starts `overlap` rows back and
 * is aligned on the last rows already given, by the list's key (`id`, or `seq` for the audit trail):
 *
 * - a row present for the whole export, whose sort position does not change, is given exactly once, however
 *   many rows are inserted before the position between two reads (up to `pageLimit - 1`) or deleted there
 *   (up to `overlap - 1`); beyond that the export fails rather than skip rows silently;
 * - a row inserted or deleted during the export is given or not, as the position had passed it or not;
 * - no key is given twice: a row whose sort key changes during the export is given at most once (at its
 *   first position; one that moves from behind the position to ahead of it is not given).
 *
 * A list whose items carry no key (or repeat one within a page) is read by plain offset, with the shifts above.
 */
import { AppError } from '@shuzhi/core';

export interface ListPage {
  items: unknown[];
  total: number;
}

export interface PagingOptions {
  /** Rows asked for per read. */
  pageLimit: number;
  /** Rows each read goes back over to find where the last one ended. */
  overlap: number;
  /** The item's unique key, or null when it has none. */
  keyOf: (item: unknown) => string | null;
}

export type ReadPage = (offset: number, limit: number) => Promise<ListPage>;

/** `id`, else `seq`, if the list's item schema declares one: the key rows are aligned on. */
export function listKey(columns: readonly string[]): ((item: unknown) => string | null) | null {
  const name = ['id', 'seq'].find((candidate) => columns.includes(candidate));
  if (!name) return null;
  return (item) => {
    const value = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[name] : null;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  };
}

/** Keys of a page, or null if one is missing or repeated (then offsets are all there is to go by). */
function pageKeys(items: readonly unknown[], keyOf: PagingOptions['keyOf']): string[] | null {
  const keys: string[] = [];
  const unique = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null || unique.has(key)) return null;
    unique.add(key);
    keys.push(key);
  }
  return keys;
}

/**
 * Yields the list's rows a page at a time, starting with `first` (the read at offset 0, already made). Stops
 * after a read that returns fewer rows than asked for.
 */
export async function* readAllPages(
  first: ListPage,
  readPage: ReadPage,
  options: PagingOptions,
): AsyncGenerator<unknown[]> {
  const { pageLimit } = options;
  const overlap = Math.min(options.overlap, pageLimit - 1);
  const given = new Set<string>();
  let aligned = true;
  // Keys of the last rows of the last read: where the next read, starting `overlap` rows back, must resume.
  let tail: string[] = [];
  let page = first;
  let offset = 0;
  let wentBack = 0;
  for (;;) {
    const keys = aligned ? pageKeys(page.items, options.keyOf) : null;
    let rows: unknown[];
    if (keys === null) {
      // Offset paging from here on; the rows this read went back over were given by the last one.
      aligned = false;
      rows = page.items.slice(wentBack);
      wentBack = 0;
    } else {
      let anchor = -1;
      if (tail.length > 0) {
        const wanted = new Set(tail);
        for (let i = keys.length - 1; i >= 0 && anchor < 0; i--) if (wanted.has(keys[i]!)) anchor = i;
        if (anchor < 0) throw listMovedTooFar(overlap, pageLimit);
      }
      rows = [];
      for (let i = anchor + 1; i < keys.length; i++) {
        if (given.has(keys[i]!)) continue;
        given.add(keys[i]!);
        rows.push(page.items[i]);
      }
      tail = keys.slice(-overlap);
      wentBack = Math.min(overlap, offset + page.items.length);
    }
    if (rows.length > 0) yield rows;
    if (page.items.length < pageLimit) return;
    offset += page.items.length - wentBack;
    page = await readPage(offset, pageLimit);
  }
}

function listMovedTooFar(overlap: number, pageLimit: number): AppError {
  const reason =
    `the list changed too much while it was exported (more than ${pageLimit - 1} rows inserted or ` +
    `${overlap - 1} deleted before the export's position between two reads); export it again`;
  return new AppError('conflict', `format: ${reason}`, { issues: [{ field: 'format', reason }] });
}
