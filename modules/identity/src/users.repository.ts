/** SQL for user accounts. */
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import { areaScopePrefix, type ListParams, type Page, type Role } from '@shuzhi/core';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  area_code: string | null;
  person_id: string | null;
  /** For a data_source account: the source it submits as. */
  source_id: string | null;
  password_hash: string;
  active: boolean;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export class UsersRepository {
  constructor(private readonly database: Database) {}

  async insert(row: UserRow): Promise<void> {
    await this.database.db.insertInto('users').values(row).execute();
  }

  async findByUsername(username: string): Promise<UserRow | undefined> {
    const row = await this.database.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row ? decodeRow(row as UserRow, { bool: ['active'] }) : undefined;
  }

  /** `committed`: read from the last commit (`reader`), for authentication, which must not wait on writers. */
  async findById(id: string, options: { committed?: boolean } = {}): Promise<UserRow | undefined> {
    const row = await (options.committed ? this.database.reader : this.database.db)
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? decodeRow(row as UserRow, { bool: ['active'] }) : undefined;
  }

  async touchLogin(id: string, at: string): Promise<void> {
    await this.database.db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
  }

  async setPassword(id: string, passwordHash: string, at: string): Promise<void> {
    await this.database.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  async setActive(id: string, active: boolean, at: string): Promise<void> {
    await this.database.db
      .updateTable('users')
      .set({ active, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  async setSource(id: string, sourceId: string, at: string): Promise<void> {
    await this.database.db
      .updateTable('users')
      .set({ source_id: sourceId, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  async list(filter: { role?: Role; areaScope: string | null }, params: ListParams): Promise<Page<UserRow>> {
    let q = this.database.db.selectFrom('users').selectAll();
    if (filter.role) q = q.where('role', '=', filter.role);
    if (filter.areaScope !== null) q = q.where('area_code', 'like', `${areaScopePrefix(filter.areaScope)}%`);
    const page = await fetchPage<UserRow>(q, params, {
      sortable: { username: 'username', role: 'role', created: 'created_at', lastLogin: 'last_login_at' },
      key: 'id',
      searchable: ['username', 'display_name'],
    });
    return { ...page, items: page.items.map((r) => decodeRow(r, { bool: ['active'] })) };
  }

  async count(): Promise<number> {
    const row = await this.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
