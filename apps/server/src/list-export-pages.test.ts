import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listKey, readAllPages, type ListPage, type ReadPage } from './list-export-pages.js';

interface Row {
  id: string;
}

/** A list ordered as it stands, paged by offset like the list routes, changed by `between` before each read. */
function changingList(initial: string[], between: (rows: string[], read: number) => void) {
  const rows = [...initial];
  let reads = 0;
  const page = (offset: number, limit: number): ListPage => ({
    items: rows.slice(offset, offset + limit).map((id) => ({ id })),
    total: rows.length,
  });
  const readPage: ReadPage = async (offset, limit) => {
    reads += 1;
    between(rows, reads);
    return page(offset, limit);
  };
  return { first: page(0, 10), readPage, reads: () => reads };
}

async function exported(
  list: ReturnType<typeof changingList>,
  keyOf = listKey(['id'])!,
  overlap = 3,
): Promise<string[]> {
  const out: string[] = [];
  for await (const rows of readAllPages(list.first, list.readPage, { pageLimit: 10, overlap, keyOf })) {
    out.push(...(rows as Row[]).map((row) => row.id));
  }
  return out;
}

const ids = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('reading a list for export, page by page without a snapshot', () => {
  it('gives every row once when rows are inserted before its position between reads', async () => {
    // Newest first: each read finds two new rows at the top, as the audit trail does while it is exported.
    const list = changingList(ids(35), (rows, read) => rows.unshift(`new${read}a`, `new${read}b`));
    expect(await exported(list)).toEqual(ids(35));
  });

  it('gives every remaining row once when rows before its position are deleted between reads', async () => {
    // The rows deleted were given already; every later one moves two places up at each read.
    const list = changingList(ids(35), (rows) => rows.splice(0, 2));
    expect(await exported(list)).toEqual(ids(35));
  });

  it('includes a row inserted after its position and never gives a key twice', async () => {
    const list = changingList(ids(25), (rows, read) => {
      if (read === 1) rows.push('late');
      // r3 is updated and moves to the end: given once, where it was first met.
      if (read === 1) rows.push(...rows.splice(rows.indexOf('r3'), 1));
    });
    const out = await exported(list);
    expect(out).toContain('late');
    expect(out.filter((id) => id === 'r3')).toHaveLength(1);
    expect(new Set(out).size).toBe(out.length);
  });

  it('goes on past a larger shift than the overlap can find, and says so', async () => {
    let gaps = 0;
    const list = changingList(ids(35), (rows, read) => {
      if (read === 1) rows.unshift(...ids(10, 'burst'));
    });
    const out: string[] = [];
    const pages = readAllPages(list.first, list.readPage, {
      pageLimit: 10,
      overlap: 3,
      keyOf: listKey(['id'])!,
      onGap: () => (gaps += 1),
    });
    for await (const rows of pages) out.push(...(rows as Row[]).map((row) => row.id));
    expect(gaps).toBe(1);
    expect(new Set(out).size).toBe(out.length);
    // The read after the burst started at r7 again (offset 17): nothing was passed over this time.
    expect(out.filter((id) => id.startsWith('r'))).toEqual(ids(35));
  });

  it('catches a row that moved back a little between two reads (equal sort keys reordered)', async () => {
    // r12 and r6 swap places between the first and second read, as equal keys may on PostgreSQL.
    const list = changingList(ids(25), (rows, read) => {
      if (read === 1) [rows[6], rows[12]] = [rows[12]!, rows[6]!];
    });
    const out = await exported(list, listKey(['id'])!, 8);
    expect([...out].sort()).toEqual([...ids(25)].sort());
  });

  it('pages by offset when items carry no key, and when a page repeats one', async () => {
    const unchanged = changingList(ids(23), () => undefined);
    expect(await exported(unchanged, () => null)).toEqual(ids(23));
    // A key seen twice in one page is no key (a masked id, say): nothing is dropped as a repeat.
    const repeated = changingList([...ids(5), 'r2', ...ids(15, 's')], () => undefined);
    expect(await exported(repeated)).toEqual([...ids(5), 'r2', ...ids(15, 's')]);
  });

  it('stops reading once the reader stops asking', async () => {
    const list = changingList(ids(100), () => undefined);
    const pages = readAllPages(list.first, list.readPage, {
      pageLimit: 10,
      overlap: 3,
      keyOf: listKey(['id'])!,
    });
    await pages.next();
    await pages.next();
    await pages.return(undefined);
    expect(list.reads()).toBe(1);
  });

  it('keys rows by id, else by seq, else not at all', () => {
    expect(listKey(['seq', 'at'])!({ seq: 7 })).toBe('7');
    expect(listKey(['id', 'seq'])!({ id: 'p-1', seq: 7 })).toBe('p-1');
    expect(listKey(['name'])).toBeNull();
  });

  it('gives each row present throughout exactly once, whatever is inserted or deleted before it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 2 })), { maxLength: 20 }),
        async (size, changes) => {
          const original = ids(size);
          const removed = new Set<string>();
          const list = changingList(original, (rows, read) => {
            const [inserted, deleted] = changes[read - 1] ?? [0, 0];
            rows.unshift(...ids(inserted, `n${read}-`));
            for (const id of rows.splice(inserted, deleted)) removed.add(id);
          });
          const out = await exported(list);
          expect(new Set(out).size).toBe(out.length);
          // Rows inserted (n…) come before the position and are not given; deleted ones may have been.
          expect(out.filter((id) => !removed.has(id))).toEqual(original.filter((id) => !removed.has(id)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
