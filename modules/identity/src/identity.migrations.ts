/** Tables owned by the identity module: users, sessions, API keys, login failures and the audit chain. */
import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf, type MigrationMap } from '@shuzhi/db';

export const identityMigrations: MigrationMap = {
  'identity/0001_init': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      const dialect = dialectOf(db);
      const t = columnTypes(dialect);
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text')
        .addColumn('person_id', 'text')
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('active', t.bool, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_login_at', t.timestamp)
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('revoked_at', t.timestamp)
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('key_prefix', 'text', (c) => c.notNull())
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('revoked_at', t.timestamp)
        .addColumn('last_used_at', t.timestamp)
        .execute();
      await db.schema
        .createTable('login_failures')
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('login_failures_user_at')
        .on('login_failures')
        .columns(['username', 'at'])
        .execute();
      await db.schema
        .createIndex('login_failures_address_at')
        .on('login_failures')
        .columns(['address', 'at'])
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', t.bigint, (c) => c.primaryKey())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('resource_type', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text')
        .addColumn('request_id', 'text')
        .addColumn('detail', t.json)
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
      await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
      await db.schema
        .createIndex('audit_log_resource')
        .on('audit_log')
        .columns(['resource_type', 'resource_id'])
        .execute();
      // The chain head: the last sequence number and hash. Locked while appending so concurrent writers
      // (several API processes on one PostgreSQL) extend the chain one at a time.
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', t.bigint, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.insertInto('audit_head').values({ id: 1, seq: 0, hash: GENESIS_HASH }).execute();
      // Append-only: ordinary updates and deletes are refused by the database itself. Someone with the
      // power to drop these triggers can still tamper, and `shuzhi audit verify` then finds the break.
      if (dialect === 'postgres') {
        await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit_log is append-only'; end $$`.execute(db);
        await sql`create trigger audit_log_no_update before update or delete on audit_log
          for each row execute function audit_log_append_only()`.execute(db);
      } else {
        await sql`create trigger audit_log_no_update before update on audit_log
          begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
        await sql`create trigger audit_log_no_delete before delete on audit_log
          begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
      }
    },
  },
  'identity/0002_user_source': {
    // A data-source user account submits as one registered source (its uploads carry that source's
    // provenance and record-id namespace); null for every other role, and for accounts created before
    // sources were bound, which may not submit until an administrator binds them.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.alterTable('users').addColumn('source_id', 'text').execute();
      await db.schema.createIndex('users_source').on('users').column('source_id').execute();
    },
  },
};

/** The hash the chain starts from: sha256 of the empty string. */
export const GENESIS_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
