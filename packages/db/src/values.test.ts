import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { columnTypes, dialectOf } from './schema-types.js';
import { decodeRow } from './values.js';
import { migrateToLatest } from './migrator.js';
import { fetchPage } from './pagination.js';
import { describeEachDatabase } from './testing/index.js';

interface Row {
  id: string;
  at: string;
  active: boolean;
  payload: { tags: string[] };
  n: number;
}

describeEachDatabase('value layer', (get, dialect) => {
  it('round-trips timestamps, booleans and JSON the same way on both databases', async () => {
    const { db } = get();
    const t = columnTypes(dialectOf(db));
    await db.schema
      .createTable('value_probe')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('active', t.bool, (c) => c.notNull())
      .addColumn('payload', t.json, (c) => c.notNull())
      .addColumn('n', t.bigint, (c) => c.notNull())
      .execute();
    await db
      .insertInto('value_probe')
      .values({
        id: 'a',
        at: '2026-03-01T08:15:00.000Z',
        active: true,
        payload: { tags: ['x', '密接'] },
        n: 2 ** 40,
      })
      .execute();
    const row = (await db.selectFrom('value_probe').selectAll().executeTakeFirstOrThrow()) as Row;
    const decoded = decodeRow(row, { bool: ['active'], json: ['payload'] });
    expect(decoded).toEqual({
      id: 'a',
      at: '2026-03-01T08:15:00.000Z',
      active: true,
      payload: { tags: ['x', '密接'] },
      n: 2 ** 40,
    });
    expect(dialectOf(db)).toBe(dialect);
  });

  it('compares timestamps in time order', async () => {
    const { db } = get();
    await db
      .insertInto('value_probe')
      .values({ id: 'b', at: '2026-03-02T00:00:00.000Z', active: false, payload: { tags: [] }, n: 1 })
      .execute();
    const rows = await db
      .selectFrom('value_probe')
      .select('id')
      .where('at', '>', '2026-03-01T12:00:00.000Z')
      .execute();
    expect(rows.map((r) => (r as { id: string }).id)).toEqual(['b']);
  });

  it('pages, sorts and searches without loading the table', async () => {
    const { db } = get();
    for (let i = 0; i < 30; i++) {
      await db
        .insertInto('value_probe')
        .values({
          id: `p${String(i).padStart(2, '0')}`,
          at: '2026-03-03T00:00:00.000Z',
          active: i % 2 === 0,
          payload: {},
          n: i,
        })
        .execute();
    }
    const page = await fetchPage<{ id: string }>(
      db.selectFrom('value_probe').select('id').where('id', 'like', 'p%'),
      { limit: 5, offset: 5, order: 'desc', sort: 'n', q: 'P1' },
      { sortable: { n: 'n', id: 'id' }, key: 'id', searchable: ['id'] },
    );
    expect(page.total).toBe(10);
    expect(page.items.map((r) => r.id)).toEqual(['p14', 'p13', 'p12', 'p11', 'p10']);
  });

  it('runs migrations once and reports what it applied', async () => {
    const database = get();
    const migrations = {
      'probe/0001_init': {
        up: async (db: typeof database.db) => {
          await db.schema.createTable('probe_m').addColumn('id', 'text').execute();
        },
      },
    };
    expect((await migrateToLatest(database, migrations)).applied).toEqual(['probe/0001_init']);
    expect((await migrateToLatest(database, migrations)).applied).toEqual([]);
    await sql`select id from probe_m`.execute(database.db);
  });
});

describe('database URLs', () => {
  it('rejects an unknown scheme with a clear message', async () => {
    const { openDatabase } = await import('./connection.js');
    expect(() => openDatabase('mysql://x')).toThrow(/sqlite: or postgres:\/\//);
  });
});
