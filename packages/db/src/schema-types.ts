/**
 * Column types for migrations that must read the same on both dialects: one migration, two databases.
 * Timestamps are timestamptz on PostgreSQL and ISO 8601 UTC text on SQLite (which sorts correctly).
 */
import { sql, type ColumnDataType, type Expression, type Kysely } from 'kysely';
import type { DialectName } from './connection.js';

export interface ColumnTypes {
  timestamp: ColumnDataType;
  json: ColumnDataType;
  bool: ColumnDataType;
  /** 64-bit integer (epoch milliseconds, counters). */
  bigint: ColumnDataType;
  double: ColumnDataType;
  text: ColumnDataType;
  /** An auto-incrementing 64-bit primary key column type (use with `.primaryKey()`). */
  serial: ColumnDataType | Expression<unknown>;
}

export function columnTypes(dialect: DialectName): ColumnTypes {
  return dialect === 'postgres'
    ? {
        timestamp: 'timestamptz',
        json: 'jsonb',
        bool: 'boolean',
        bigint: 'bigint',
        double: 'double precision',
        text: 'text',
        serial: 'bigserial',
      }
    : {
        timestamp: 'text',
        json: 'text',
        bool: 'integer',
        bigint: 'integer',
        double: 'real',
        text: 'text',
        serial: 'integer',
      };
}

/** The dialect of a Kysely instance, for the few places a migration must differ. */
export function dialectOf(db: Kysely<unknown>): DialectName {
  const adapter = db.getExecutor().adapter;
  return adapter.constructor.name.toLowerCase().includes('postgres') ? 'postgres' : 'sqlite';
}

/** `true`/`false` literal that both dialects accept in DEFAULT clauses. */
export function boolLiteral(dialect: DialectName, value: boolean) {
  return dialect === 'postgres' ? sql.lit(value) : sql.lit(value ? 1 : 0);
}

/** Adds an auto-incrementing 64-bit primary key column (`bigserial` / `integer primary key autoincrement`). */
export function serialPrimaryKey(dialect: DialectName): { type: ColumnDataType; autoIncrement: boolean } {
  return dialect === 'postgres'
    ? { type: 'bigserial', autoIncrement: false }
    : { type: 'integer', autoIncrement: true };
}
