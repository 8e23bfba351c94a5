/** Offset pages of a list are slices of one total order: paging through gives every row exactly once. */
import { expect, it } from 'vitest';
import type { ListParams } from '@shuzhi/core';
import { columnTypes, dialectOf } from './schema-types.js';
import { fetchPage, type ListSpec } from './pagination.js';
import { describeEachDatabase } from './testing/index.js';

// Enough rows that PostgreSQL sorts a small page (a top-N heap sort) and a deep one (a full sort) differently.
const ROWS = 3000;
const LIMIT = 25;
const SAME_TIME = '2026-03-01T08:00:00.000Z';

const spec: ListSpec = {
  sortable: { updated: 'updated_at', ward: 'ward' },
  key: 'id',
  searchable: ['name'],
};

const ids = Array.from({ length: ROWS }, (_, i) => `p${String(i).padStart(5, '0')}`);
// Inserted out of key order, so the table's physical order is not already the key order.
const inserted = ids.map((_, i) => ids[(i * 7919) % ROWS]!);

const ward = (id: string): number => Number(id.slice(1)) % 3;
const byWardThenId = [...ids].sort((a, b) => ward(a) - ward(b) || a.localeCompare(b));

/** Ids given more than once, and ids never given. */
function repeatedAndMissed(seen: readonly string[]): { repeated: string[]; missed: string[] } {
  const given = new Set<string>();
  const repeated: string[] = [];
  for (const id of seen) {
    if (given.has(id)) repeated.push(id);
    given.add(id);
  }
  return { repeated, missed: ids.filter((id) => !given.has(id)) };
}

describeEachDatabase('list pages', (get) => {
  it('creates many rows with equal sort keys', async () => {
    const db = get().db;
    const t = columnTypes(dialectOf(db));
    await db.schema
      .createTable('paging_probe')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('ward', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    for (let i = 0; i < ROWS; i += 500)
      await db
        .insertInto('paging_probe')
        .values(
          inserted.slice(i, i + 500).map((id) => ({
            id,
            updated_at: SAME_TIME,
            ward: ward(id),
            name: `person ${id}`,
          })),
        )
        .execute();
  });

  async function readAll(params: Omit<ListParams, 'limit' | 'offset'>, listSpec = spec): Promise<string[]> {
    const seen: string[] = [];
    for (let offset = 0; ; offset += LIMIT) {
      const page = await fetchPage<{ id: string }>(
        get().db.selectFrom('paging_probe').select('id'),
        { ...params, limit: LIMIT, offset },
        listSpec,
      );
      expect(page.total).toBe(ROWS);
      seen.push(...page.items.map((r) => r.id));
      if (page.items.length < LIMIT) return seen;
    }
  }

  for (const order of ['asc', 'desc'] as const) {
    it(`gives every row exactly once, ordered by the key among equal sort keys (${order})`, async () => {
      const seen = await readAll({ order });
      expect(repeatedAndMissed(seen)).toEqual({ repeated: [], missed: [] });
      expect(seen).toEqual(order === 'asc' ? ids : [...ids].reverse());
    });

    it(`orders by the sort column first and by the key within it (${order})`, async () => {
      const seen = await readAll({ sort: 'ward', order });
      expect(repeatedAndMissed(seen)).toEqual({ repeated: [], missed: [] });
      expect(seen).toEqual(order === 'asc' ? byWardThenId : [...byWardThenId].reverse());
    });

    it(`orders equal sort keys by each column of a key of several (${order})`, async () => {
      const seen = await readAll({ order }, { ...spec, key: ['ward', 'id'] });
      expect(repeatedAndMissed(seen)).toEqual({ repeated: [], missed: [] });
      expect(seen).toEqual(order === 'asc' ? byWardThenId : [...byWardThenId].reverse());
    });
  }
});
