/**
 * Look-ups of many keys at once on the ingest hot path, prepared once. Through Kysely each batch compiled an
 * `IN (?, ?, …)` list of up to thousands of values and SQLite prepared that text again (its length changes
 * with every batch): a third of the look-ups' time. On SQLite, inside the caller's transaction, this runs one
 * prepared statement per query on the raw driver (as `BulkWriter` does for inserts) with the keys as one JSON
 * array (`IN (SELECT value FROM json_each(?))`, which SQLite answers from the same index). Elsewhere it
 * declines, and the caller runs its Kysely query: PostgreSQL, and reads outside a transaction, which must
 * wait for the connection's open transaction as Kysely makes them wait.
 */
import type { Database } from '@shuzhi/db';
import type SQLite from 'better-sqlite3';
import type { Executor } from './bulk-writer.js';

export interface KeyQuery {
  table: string;
  /** The columns read (`*`: all, in table order, as `selectAll`). */
  columns: readonly string[] | '*';
  /** Columns compared with one value each (`fixed`, in this order). */
  equal: readonly string[];
  /** The column looked up by many values. */
  key: string;
  /** A further condition on the row that takes no parameter (`merged_into is not null`). */
  condition?: string;
}

export class KeyLookup {
  private readonly statements = new Map<KeyQuery, SQLite.Statement>();

  constructor(private readonly database: Database) {}

  /** The rows whose key is one of `keys`; undefined when the caller must run its own query (see above). */
  rows<Row>(
    executor: Executor,
    query: KeyQuery,
    fixed: readonly (string | number)[],
    keys: readonly string[],
  ): Row[] | undefined {
    const sqlite = this.database.sqlite;
    if (this.database.dialect !== 'sqlite' || !sqlite || !executor.isTransaction) return undefined;
    if (keys.length === 0) return [];
    return this.statementFor(sqlite, query).all(...fixed, JSON.stringify(keys)) as Row[];
  }

  private statementFor(sqlite: SQLite.Database, query: KeyQuery): SQLite.Statement {
    let statement = this.statements.get(query);
    if (!statement) {
      const columns = query.columns === '*' ? '*' : query.columns.map((c) => `"${c}"`).join(', ');
      const conditions = [
        ...query.equal.map((c) => `"${c}" = ?`),
        `"${query.key}" IN (SELECT value FROM json_each(?))`,
        ...(query.condition ? [query.condition] : []),
      ];
      statement = sqlite.prepare(`SELECT ${columns} FROM "${query.table}" WHERE ${conditions.join(' AND ')}`);
      this.statements.set(query, statement);
    }
    return statement;
  }
}
