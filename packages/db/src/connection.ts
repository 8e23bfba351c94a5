/**
 * Opens the platform's database from a URL: `sqlite:PATH` (embedded, the default) or `postgres://…`.
 * Both dialects run the same Kysely queries; `values.ts` smooths over how each stores dates, booleans and JSON.
 */
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import { AppError } from '@shuzhi/core';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite-busy.js';
import { startCheckpointer, type CheckpointPolicy, type SqliteCheckpointer } from './sqlite-checkpoints.js';
import { prepareSqliteFile } from './sqlite-file.js';
import { SqliteValuesPlugin } from './values.js';

export type DialectName = 'sqlite' | 'postgres';

/** Untyped at this level: each module types the tables it owns (see `tablesOf`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKysely = Kysely<any>;

export interface Database {
  readonly db: AnyKysely;
  /**
   * For reads that may see the last committed state instead of waiting: on SQLite a second, read-only
   * connection, which WAL lets read while `db` holds a long import's transaction (every query on `db` waits
   * for it); on PostgreSQL `db` itself, whose pool has more than one connection.
   */
  readonly reader: AnyKysely;
  readonly dialect: DialectName;
  /** Where it lives, with any password removed: safe to print. */
  readonly description: string;
  /** The raw driver handles, for bulk paths (COPY, prepared statements) that bypass the query builder. */
  readonly sqlite?: SQLite.Database;
  readonly pool?: pg.Pool;
  /** On a SQLite file, the thread that checkpoints its WAL (absent when the connection does it itself). */
  readonly checkpointer?: SqliteCheckpointer;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * SQLite durability (default `full`): in WAL mode, `full` syncs the log at every commit, so a commit that
   * was acknowledged survives a power cut; `normal` syncs at checkpoints only (faster; the last commits may
   * be lost on power loss, never on a process crash). Tests use `normal` on their throw-away databases.
   */
  sqliteSynchronous?: 'full' | 'normal';
  /**
   * SQLite page cache in MiB (default 256). SQLite's own default is 2 MiB, which a city's record store
   * outgrows at once: every index probe of an import or a search then reads its pages back from the
   * operating system. Pages are allocated as they are used, so a small database never takes the full size.
   */
  sqliteCacheMb?: number;
  /**
   * How long a SQLite statement waits for another process's write lock (default `SQLITE_BUSY_TIMEOUT_MS`).
   * The wait blocks the event loop, so a server keeps it short; a one-off command may wait longer.
   */
  sqliteBusyTimeoutMs?: number;
  /**
   * Where SQLite's WAL checkpoints run (default `worker`): in a worker thread with its own connection, so that
   * copying a large import's WAL into the database file holds no request; `connection` leaves them to the
   * committing connection, as SQLite does by default (the event loop waits for them; for comparisons).
   */
  sqliteCheckpoints?: 'worker' | 'connection';
  /** Thresholds of the checkpoint worker (tests; the defaults are `defaultCheckpointPolicy`). */
  sqliteCheckpointPolicy?: Partial<CheckpointPolicy>;
  /** Where a warning about the database goes (default `process.emitWarning`, on standard error). */
  onWarning?: (message: string) => void;
}

export const DEFAULT_SQLITE_CACHE_MB = 256;

// node-postgres returns int8 (count(*), bigserial) as strings and timestamptz as Date; the platform uses
// numbers and UTC ISO strings everywhere (brianc/node-postgres#378).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString());

export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options);
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  throw new AppError(
    'invalid_input',
    `database URL must start with sqlite: or postgres:// (got "${redactUrl(url)}")`,
    {
      issues: [{ field: 'db', reason: 'unknown database URL scheme' }],
    },
  );
}

function openSqlite(file: string, options: OpenOptions): Database {
  // SQLite itself takes "" for a temporary database: a typo (`--db sqlite:`) would then serve from memory and
  // lose everything at exit. Memory is asked for by name.
  if (file.trim() === '')
    throw new AppError(
      'invalid_input',
      'database URL sqlite: has no file path (--db or SHUZHI_DB): write sqlite:./data/shuzhi.db, or sqlite::memory: for a database thrown away at exit',
      { issues: [{ field: 'db', reason: 'sqlite: needs a file path (sqlite::memory: for memory)' }] },
    );
  const warn = options.onWarning ?? ((message: string) => process.emitWarning(message));
  if (file !== ':memory:') prepareSqliteFile(file, warn);
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${options.sqliteBusyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS}`);
  // A negative cache_size is in KiB (https://sqlite.org/pragma.html#pragma_cache_size).
  sqlite.pragma(`cache_size = -${Math.round((options.sqliteCacheMb ?? DEFAULT_SQLITE_CACHE_MB) * 1024)}`);
  const synchronous = options.sqliteSynchronous === 'normal' ? 'NORMAL' : 'FULL';
  sqlite.pragma(`synchronous = ${synchronous}`);
  let checkpointer: SqliteCheckpointer | undefined;
  const db = new Kysely({
    dialect: new PlatformSqliteDialect(sqlite, () => checkpointer?.afterCommit()),
    plugins: [new SqliteValuesPlugin()],
  });
  // An in-memory database exists in its one connection only, and has no WAL.
  const { reader, readerSqlite } =
    file === ':memory:' ? { reader: db, readerSqlite: undefined } : openSqliteReader(file, options);
  // Started last: nothing after it can fail and leave the thread behind.
  if (file !== ':memory:' && (options.sqliteCheckpoints ?? 'worker') === 'worker')
    checkpointer = startCheckpointer(sqlite, {
      file,
      synchronous,
      policy: options.sqliteCheckpointPolicy,
      warn,
    });
  return {
    db,
    reader,
    dialect: 'sqlite',
    description: `sqlite:${file}`,
    sqlite,
    checkpointer,
    close: async () => {
      if (reader !== db) await reader.destroy();
      await db.destroy();
      // Kysely closes a connection only if it ran a query on it: one never used would stay open, and SQLite
      // checkpoints and removes the WAL only when the last connection to the file closes.
      if (readerSqlite?.open) readerSqlite.close();
      if (sqlite.open) sqlite.close();
      // Last, so that the worker's connection is the last one open: it checkpoints what is left and removes
      // the WAL, off the event loop, and the file is left whole for the next start.
      await checkpointer?.close();
    },
  };
}

/**
 * SQLite rolls a transaction back by itself when a write fails for want of room or on an I/O error
 * (SQLITE_FULL, SQLITE_IOERR: https://sqlite.org/lang_transaction.html, "Response To Errors Within A
 * Transaction"). Kysely's driver then sends its own ROLLBACK, which fails with "cannot rollback - no
 * transaction is active" and replaces the error that says why (a full disk) with one that says nothing.
 * This driver skips the ROLLBACK when no transaction is left, so the original error reaches the caller.
 */
class PlatformSqliteDriver extends SqliteDriver {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly afterCommit: () => void,
    config: SqliteDialectConfig,
  ) {
    super(config);
  }

  /** A commit may have grown the WAL by an import's worth: the checkpointer looks at once. */
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    this.afterCommit();
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.sqlite.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

class PlatformSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly afterCommit: () => void,
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new PlatformSqliteDriver(this.sqlite, this.afterCommit, { database: this.sqlite });
  }
}

function openSqliteReader(
  file: string,
  options: OpenOptions,
): { reader: AnyKysely; readerSqlite: SQLite.Database } {
  const readerSqlite = new SQLite(file, { readonly: true });
  readerSqlite.pragma(`busy_timeout = ${options.sqliteBusyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS}`);
  readerSqlite.pragma(
    `cache_size = -${Math.round((options.sqliteCacheMb ?? DEFAULT_SQLITE_CACHE_MB) * 1024)}`,
  );
  const reader = new Kysely({
    dialect: new SqliteDialect({ database: readerSqlite }),
    plugins: [new SqliteValuesPlugin()],
  });
  return { reader, readerSqlite };
}

function openPostgres(url: string, options: OpenOptions): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client losing its server must not crash the process; the next query reports the error.
  pool.on('error', () => undefined);
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    reader: db,
    dialect: 'postgres',
    description: redactUrl(url),
    pool,
    close: () => db.destroy(),
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** True when the database answers a trivial query; used by /readyz. */
export async function ping(database: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}
