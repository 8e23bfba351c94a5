/**
 * Inserts many presence rows inside the caller's transaction, skipping rows whose unique key is already
 * stored, and counts what was new. SQLite: one prepared `INSERT OR IGNORE` run per row on the raw driver
 * (better-sqlite3 is one connection, so it joins the open transaction). PostgreSQL: one
 * `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING` per chunk, one array parameter per column.
 */
import { sql } from 'kysely';
import type { Database } from '@shuzhi/db';
import type SQLite from 'better-sqlite3';
import type { Executor } from '@shuzhi/hub';

export type BulkType = 'bigint' | 'text' | 'bool';

export interface BulkTable {
  name: string;
  columns: readonly (readonly [name: string, type: BulkType])[];
}

/** Rows per PostgreSQL statement: large enough to amortise the round trip, small enough for memory. */
const POSTGRES_CHUNK = 10_000;

const postgresArrayType: Record<BulkType, string> = {
  bigint: 'bigint[]',
  text: 'text[]',
  bool: 'boolean[]',
};

export class BulkInserter {
  readonly #statements = new Map<string, SQLite.Statement>();

  constructor(private readonly database: Database) {}

  /** Inserts rows given as columns (one array per column, same order as the table's); returns how many were new. */
  async insert(executor: Executor, table: BulkTable, columns: readonly unknown[][]): Promise<number> {
    const count = columns[0]?.length ?? 0;
    if (count === 0) return 0;
    if (this.database.dialect === 'sqlite' && this.database.sqlite)
      return this.#insertSqlite(this.database.sqlite, table, columns, count);
    let inserted = 0;
    for (let start = 0; start < count; start += POSTGRES_CHUNK) {
      const chunk = columns.map((values) => values.slice(start, start + POSTGRES_CHUNK));
      inserted += await this.#insertPostgres(executor, table, chunk);
    }
    return inserted;
  }

  #insertSqlite(sqlite: SQLite.Database, table: BulkTable, columns: readonly unknown[][], count: number) {
    let statement = this.#statements.get(table.name);
    if (!statement) {
      const names = table.columns.map(([name]) => name);
      statement = sqlite.prepare(
        `INSERT OR IGNORE INTO ${table.name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      );
      this.#statements.set(table.name, statement);
    }
    const values = new Array<unknown>(columns.length);
    const isBool = table.columns.map(([, type]) => type === 'bool');
    let inserted = 0;
    for (let row = 0; row < count; row++) {
      for (let k = 0; k < columns.length; k++) {
        const value = columns[k]![row];
        values[k] = value === undefined ? null : isBool[k] ? (value ? 1 : 0) : value;
      }
      inserted += statement.run(values).changes;
    }
    return inserted;
  }

  async #insertPostgres(
    executor: Executor,
    table: BulkTable,
    columns: readonly unknown[][],
  ): Promise<number> {
    const names = table.columns.map(([name]) => name).join(', ');
    const arrays = sql.join(
      table.columns.map(([, type], k) => sql`${columns[k]!}::${sql.raw(postgresArrayType[type])}`),
    );
    const result =
      await sql`INSERT INTO ${sql.raw(table.name)} (${sql.raw(names)}) SELECT * FROM unnest(${arrays}) ON CONFLICT DO NOTHING`.execute(
        executor,
      );
    return Number(result.numAffectedRows ?? 0n);
  }
}
