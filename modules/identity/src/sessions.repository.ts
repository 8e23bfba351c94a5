/** SQL for login sessions, API keys and failed-login records. Secrets are stored only as SHA-256 hashes. */
import type { Database } from '@shuzhi/db';
import type { Role } from '@shuzhi/core';

export interface SessionRow {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface ApiKeyRow {
  id: string;
  key_hash: string;
  key_prefix: string;
  subject_kind: string;
  subject_id: string;
  display_name: string;
  role: Role;
  area_code: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export class SessionsRepository {
  constructor(private readonly database: Database) {}

  async insertSession(row: SessionRow): Promise<void> {
    await this.database.db.insertInto('sessions').values(row).execute();
  }

  /**
   * Read from the last commit (`reader`): authenticating a request must not wait behind a long import's
   * transaction on SQLite's one writing connection.
   */
  async findSession(tokenHash: string): Promise<SessionRow | undefined> {
    return (await this.database.reader
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst()) as SessionRow | undefined;
  }

  async revokeSession(tokenHash: string, at: string): Promise<void> {
    await this.database.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('token_hash', '=', tokenHash)
      .execute();
  }

  async revokeSessionsOfUser(userId: string, at: string): Promise<void> {
    await this.database.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async insertApiKey(row: ApiKeyRow): Promise<void> {
    await this.database.db.insertInto('api_keys').values(row).execute();
  }

  /** Read from the last commit, as `findSession`. */
  async findApiKey(keyHash: string): Promise<ApiKeyRow | undefined> {
    return (await this.database.reader
      .selectFrom('api_keys')
      .selectAll()
      .where('key_hash', '=', keyHash)
      .executeTakeFirst()) as ApiKeyRow | undefined;
  }

  async listApiKeysOf(subjectKind: string, subjectId: string): Promise<ApiKeyRow[]> {
    return (await this.database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('subject_kind', '=', subjectKind)
      .where('subject_id', '=', subjectId)
      .orderBy('created_at')
      .execute()) as ApiKeyRow[];
  }

  /**
   * The name a source's first API key was issued under, or undefined when no key was ever issued to that
   * source id (revoked keys count: their rows stay).
   */
  async sourceSubjectName(sourceId: string): Promise<string | undefined> {
    const row = await this.database.db
      .selectFrom('api_keys')
      .select('display_name')
      .where('subject_kind', '=', 'source')
      .where('subject_id', '=', sourceId)
      .orderBy('created_at', 'asc')
      .executeTakeFirst();
    return (row as { display_name: string } | undefined)?.display_name;
  }

  async findApiKeyById(id: string): Promise<ApiKeyRow | undefined> {
    return (await this.database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()) as ApiKeyRow | undefined;
  }

  /** Revokes a key still in use; false when it was already revoked (by someone else meanwhile). */
  async revokeApiKey(id: string, at: string): Promise<boolean> {
    const result = await this.database.db
      .updateTable('api_keys')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async touchApiKey(id: string, at: string): Promise<void> {
    await this.database.db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async recordLoginFailure(username: string, address: string, at: string): Promise<void> {
    await this.database.db.insertInto('login_failures').values({ username, address, at }).execute();
  }

  async countLoginFailures(filter: { username?: string; address?: string; since: string }): Promise<number> {
    let q = this.database.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('at', '>=', filter.since);
    if (filter.username !== undefined) q = q.where('username', '=', filter.username);
    if (filter.address !== undefined) q = q.where('address', '=', filter.address);
    return Number((await q.executeTakeFirst())?.n ?? 0);
  }

  async clearLoginFailures(username: string, address: string): Promise<void> {
    await this.database.db
      .deleteFrom('login_failures')
      .where('username', '=', username)
      .where('address', '=', address)
      .execute();
  }
}
