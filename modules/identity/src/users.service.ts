/** User accounts: create, list and look up users, with their role and area scope. */
import { AppError, newId, type Clock, type ListParams, type Page, type Role } from '@shuzhi/core';
import { newUserSchema, type NewUser, type User } from './identity.schema.js';
import { hashPassword } from './password.js';
import type { UserRow, UsersRepository } from './users.repository.js';
import type { AccessContext } from './principal.js';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    areaCode: row.area_code,
    personId: row.person_id,
    active: row.active,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly clock: Clock,
  ) {}

  async createUser(input: NewUser): Promise<User> {
    const parsed = newUserSchema.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        record: input.username,
        field: i.path.join('.'),
        reason: i.message,
      }));
      throw new AppError(
        'invalid_input',
        `user ${input.username}: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`,
        { issues },
      );
    }
    const data = parsed.data;
    if (await this.users.findByUsername(data.username)) {
      throw new AppError('conflict', `user ${data.username} already exists`, {
        issues: [{ record: data.username, field: 'username', reason: 'already taken' }],
      });
    }
    const now = this.clock.now().toISOString();
    const row: UserRow = {
      id: newId('usr'),
      username: data.username,
      display_name: data.displayName,
      role: data.role,
      area_code: data.areaCode,
      person_id: data.personId,
      password_hash: await hashPassword(data.password),
      active: true,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    };
    await this.users.insert(row);
    return toUser(row);
  }

  async listUsers(ctx: AccessContext, filter: { role?: Role }, params: ListParams): Promise<Page<User>> {
    const page = await this.users.list({ ...filter, areaScope: ctx.principal.areaCode }, params);
    return { ...page, items: page.items.map(toUser) };
  }

  async getUser(id: string): Promise<User | undefined> {
    const row = await this.users.findById(id);
    return row ? toUser(row) : undefined;
  }

  async findByUsername(username: string): Promise<User | undefined> {
    const row = await this.users.findByUsername(username);
    return row ? toUser(row) : undefined;
  }

  countUsers(): Promise<number> {
    return this.users.count();
  }
}
