/**
 * Fast inserts of many rows for the ingest hot path, inside the caller's transaction. SQLite: one prepared
 * statement per table, run per row on the raw driver (better-sqlite3 is one connection, so the statements
 * join the open transaction). PostgreSQL: one `INSERT … SELECT FROM json_to_recordset($1)` per chunk, a
 * single parameter however many rows, sent through the transaction's own connection.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '@shuzhi/db';
import type SQLite from 'better-sqlite3';

export type BulkColumnType = 'text' | 'integer' | 'bigint' | 'double' | 'timestamp' | 'json' | 'bool';

export interface BulkTable {
  name: string;
  columns: readonly (readonly [name: string, type: BulkColumnType])[];
  /** Skip rows that violate this unique key (`ON CONFLICT (…) DO NOTHING`). */
  ignoreConflictsOn?: readonly string[];
}

export type BulkRow = Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Executor = Kysely<any> | Transaction<any>;

const postgresTypes: Record<BulkColumnType, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  double: 'double precision',
  timestamp: 'timestamptz',
  json: 'jsonb',
  bool: 'boolean',
};

/** Rows per PostgreSQL statement: large enough to amortise the round trip, small enough to stay in memory. */
const POSTGRES_CHUNK = 5000;

export class BulkWriter {
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(private readonly database: Database) {}

  async insert(executor: Executor, table: BulkTable, rows: readonly BulkRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.database.dialect === 'sqlite' && this.database.sqlite) {
      this.insertSqlite(this.database.sqlite, table, rows);
      return;
    }
    for (let i = 0; i < rows.length; i += POSTGRES_CHUNK)
      await this.insertPostgres(executor, table, rows.slice(i, i + POSTGRES_CHUNK));
  }

  private insertSqlite(sqlite: SQLite.Database, table: BulkTable, rows: readonly BulkRow[]): void {
    let statement = this.statements.get(table.name);
    if (!statement) {
      const names = table.columns.map(([name]) => name);
      const conflict = table.ignoreConflictsOn ? ' OR IGNORE' : '';
      statement = sqlite.prepare(
        `INSERT${conflict} INTO ${table.name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      );
      this.statements.set(table.name, statement);
    }
    const values: unknown[] = new Array<unknown>(table.columns.length);
    for (const row of rows) {
      for (let k = 0; k < table.columns.length; k++) {
        const [name, type] = table.columns[k]!;
        values[k] = sqliteValue(row[name], type);
      }
      statement.run(values);
    }
  }

  private async insertPostgres(
    executor: Executor,
    table: BulkTable,
    rows: readonly BulkRow[],
  ): Promise<void> {
    const names = table.columns.map(([name]) => name);
    const definitions = table.columns.map(([name, type]) => `${name} ${postgresTypes[type]}`).join(', ');
    const conflict = table.ignoreConflictsOn
      ? ` ON CONFLICT (${table.ignoreConflictsOn.join(', ')}) DO NOTHING`
      : '';
    const payload = postgresPayload(rows, table);
    await sql`${sql.raw(`INSERT INTO ${table.name} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_to_recordset(`)}${payload}${sql.raw(`::jsonb) AS x(${definitions})${conflict}`)}`.execute(
      executor,
    );
  }
}

function sqliteValue(value: unknown, type: BulkColumnType): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'json') return typeof value === 'string' ? value : JSON.stringify(value);
  if (type === 'bool') return value ? 1 : 0;
  return value;
}

/**
 * The rows as one JSON array for `jsonb_to_recordset`, written directly: a json column given as text (the
 * record store serialises each resource once, for its content hash) is embedded as it is instead of being
 * parsed and serialised again; every other value is `JSON.stringify`'d, undefined as null.
 */
export function postgresPayload(rows: readonly BulkRow[], table: BulkTable): string {
  const columns = table.columns.map(([name, type]) => ({
    name,
    key: `${JSON.stringify(name)}:`,
    json: type === 'json',
  }));
  const parts = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let text = '{';
    for (let k = 0; k < columns.length; k++) {
      const { name, key, json } = columns[k]!;
      const value = row[name];
      const encoded =
        value === undefined || value === null
          ? 'null'
          : json && typeof value === 'string'
            ? value
            : (JSON.stringify(value) ?? 'null');
      text += k === 0 ? key + encoded : `,${key}${encoded}`;
    }
    parts[r] = `${text}}`;
  }
  return `[${parts.join(',')}]`;
}
