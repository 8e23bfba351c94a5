/**
 * Reads every row of a list page by page for an export, without a snapshot: the list routes page by offset
 * only, so a row inserted before the export's position (a new record sorted first) would shift the next page
 * and repeat a row, and a row deleted there would skip one. Each read therefore starts `overlap` rows back, and
 * rows are told apart by the list's key (`id`, or `seq` for the audit trail):
 *
 * - no key is given twice;
 * - a row present for the whole export whose place in the order does not change is given exactly once,
 *   however many rows are inserted before the export's position between two reads (up to `pageLimit - 1`) or
 *   deleted there (up to `overlap - 1`);
 * - a row inserted or deleted during the export may be given or not; a row whose sort key changes is given at
 *   most once (a row moving from behind the position to ahead of it is given, in its new place, if not yet);
 * - past a larger shift a read may start beyond rows not yet given: the export goes on and `onGap` is told (the
 *   export's audit entry counts such reads), as the file may lack rows.
 *
 * Rows with equal sort keys: the list routes order by the sort column and then by the table's unique key
 * (`ListSpec.key` of `fetchPage` in packages/db), so every read sees one total order and such rows are neither
 * repeated nor missed; the overlap is for rows written between reads.
 *
 * A list whose items carry no key (or repeat one within a page) is read by plain offset, with the shifts above.
 */
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
  /** Told when a read found none of the last read's final rows: rows may have been passed over. */
  onGap?: () => void;
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
  // Keys of the last rows of the last read: the next read, starting `overlap` rows back, should meet them.
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
      const last = new Set(tail);
      if (last.size > 0 && !keys.some((key) => last.has(key))) options.onGap?.();
      // Every row not given yet, wherever it is in the window: one that moved a little is still caught.
      rows = [];
      for (let i = 0; i < keys.length; i++) {
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
