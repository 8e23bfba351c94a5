import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { KeyLookup, type KeyQuery } from './key-lookup.js';

const query: KeyQuery = { table: 'lookup_rows', columns: ['part', 'k', 'n'], equal: ['part'], key: 'k' };
const withCondition: KeyQuery = { ...query, condition: 'n > 0' };

type Row = { part: string; k: string; n: number };

describeEachDatabase('prepared key look-ups', (getDatabase, dialect) => {
  beforeAll(async () => {
    await sql`create table lookup_rows (part text not null, k text not null, n integer not null)`.execute(
      getDatabase().db,
    );
  });

  const sorted = (rows: readonly Row[]) => rows.map((r) => JSON.stringify([r.part, r.k, r.n])).sort();

  if (dialect === 'sqlite') {
    it('finds, inside a transaction, exactly the rows an IN list finds, whatever the keys', async () => {
      const database = getDatabase();
      const lookup = new KeyLookup(database);
      let part = 0;
      // Any code points, lone surrogates and NUL included: JSON carries each key to the bytes the driver binds.
      const unit = fc.oneof(
        fc.constantFrom('\uD800', '\uDFFF', '\u0000', 'a', 'b'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      );
      const key = fc.string({ unit, maxLength: 4 });
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(key, { maxLength: 12 }),
          fc.array(key, { maxLength: 12 }),
          async (stored, other) => {
            const p = `p${++part}`;
            const asked = [...stored.filter((_, i) => i % 2 === 0), ...other];
            await database.db.transaction().execute(async (trx) => {
              if (stored.length > 0)
                await trx
                  .insertInto('lookup_rows')
                  .values(stored.map((k, n) => ({ part: p, k, n })))
                  .execute();
              for (const q of [query, withCondition]) {
                const found = lookup.rows<Row>(trx, q, [p], asked);
                let expected = trx.selectFrom('lookup_rows').select(['part', 'k', 'n']).where('part', '=', p);
                if (q.condition) expected = expected.where('n', '>', 0);
                const rows =
                  asked.length === 0 ? [] : ((await expected.where('k', 'in', asked).execute()) as Row[]);
                expect(sorted(found!)).toEqual(sorted(rows));
              }
            });
          },
        ),
        { numRuns: 200 },
      );
    });

    it('answers ordinary keys itself, and leaves reads outside a transaction to Kysely', async () => {
      const database = getDatabase();
      const lookup = new KeyLookup(database);
      await database.db
        .insertInto('lookup_rows')
        .values([
          { part: 'q', k: 'obs-1', n: 1 },
          { part: 'q', k: 'obs-2', n: 0 },
        ])
        .execute();
      await database.db.transaction().execute(async (trx) => {
        expect(lookup.rows<Row>(trx, query, ['q'], ['obs-1', 'obs-2', 'obs-3'])).toHaveLength(2);
        expect(lookup.rows<Row>(trx, withCondition, ['q'], ['obs-1', 'obs-2'])).toEqual([
          { part: 'q', k: 'obs-1', n: 1 },
        ]);
        expect(lookup.rows<Row>(trx, query, ['q'], [])).toEqual([]);
      });
      // Outside a transaction the read must wait for whatever transaction holds the connection, as Kysely's do.
      expect(lookup.rows<Row>(database.db, query, ['q'], ['obs-1'])).toBeUndefined();
    });
  } else {
    it('leaves every look-up on PostgreSQL to Kysely', async () => {
      const database = getDatabase();
      const lookup = new KeyLookup(database);
      await database.db.transaction().execute(async (trx) => {
        expect(lookup.rows<Row>(trx, query, ['q'], ['obs-1'])).toBeUndefined();
      });
    });
  }
});
