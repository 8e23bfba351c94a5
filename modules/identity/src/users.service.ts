/**
 * User accounts: create, list and look up users, with their role and area scope; a data-source account is
 * bound to the registered source it submits as.
 */
import {
  AppError,
  codedValidationReason,
  fieldIssueOfZod,
  invalidInputOfZod,
  isWithinArea,
  newId,
  notFoundOrNoAccess,
  refusalIssue,
  type Clock,
  type ListParams,
  type Page,
  type Role,
} from '@shuzhi/core';
import { newUserSchema, sourceIdSchema, type NewUser, type User } from './identity.schema.js';
import { hashPassword } from './password.js';
import type { UserRow, UsersRepository } from './users.repository.js';
import { refused, type AccessContext } from './principal.js';

/**
 * Which data sources exist. The hub registers sources; identity knows each one as the subject of the API key
 * issued when it was registered (`SessionsRepository.sourceSubjectName`), so it needs no hub table.
 */
export interface SourceDirectory {
  /** The source's name, or undefined when no such source was registered. */
  sourceName(sourceId: string): Promise<string | undefined>;
  /** Whether the source only consumes (the hub says; false when identity runs without it). */
  consumerOnly?(sourceId: string): Promise<boolean>;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    areaCode: row.area_code,
    personId: row.person_id,
    sourceId: row.source_id,
    active: row.active,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    private readonly sources: SourceDirectory,
  ) {}

  async createUser(input: NewUser): Promise<User> {
    const parsed = newUserSchema.safeParse(input);
    if (!parsed.success)
      throw invalidInputOfZod(`user ${input.username}`, parsed.error.issues, input.username);
    const data = parsed.data;
    if (await this.users.findByUsername(data.username)) {
      const at = { record: data.username, field: 'username' };
      throw refused('conflict', refusalIssue('username-taken', { user: data.username }, at));
    }
    if (data.sourceId !== null) await this.assertSourceExists(data.username, data.sourceId);
    const now = this.clock.now().toISOString();
    const row: UserRow = {
      id: newId('usr'),
      username: data.username,
      display_name: data.displayName,
      role: data.role,
      area_code: data.areaCode,
      person_id: data.personId,
      source_id: data.sourceId,
      password_hash: await hashPassword(data.password),
      active: true,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    };
    await this.users.insert(row);
    return toUser(row);
  }

  /**
   * Binds a data-source account to the source it submits as (an account created before accounts had a
   * source, or moved to another source). `user` is the account's id or username. Sessions stay valid: the
   * binding is read on every request.
   */
  async setSource(ctx: AccessContext, user: string, sourceId: string): Promise<User> {
    const row = (await this.users.findById(user)) ?? (await this.users.findByUsername(user));
    if (!row || !this.inScope(ctx, row)) throw notFoundOrNoAccess(refusalIssue('user-not-found', { user }));
    const parsed = sourceIdSchema.safeParse(sourceId);
    if (!parsed.success) {
      // The schema parses the id alone, so its issue has no path: the field is sourceId.
      const issue = { ...fieldIssueOfZod(parsed.error.issues[0]!, row.username), field: 'sourceId' };
      throw new AppError('invalid_input', `user ${row.username}: sourceId: ${issue.reason}`, {
        issues: [issue],
      });
    }
    if (row.role !== 'data_source') {
      const coded = codedValidationReason('account-source-role', { role: row.role });
      throw new AppError('invalid_input', `user ${row.username}: sourceId: ${coded.reason}`, {
        issues: [{ record: row.username, field: 'sourceId', ...coded }],
      });
    }
    await this.assertSourceExists(row.username, parsed.data);
    const now = this.clock.now().toISOString();
    await this.users.setSource(row.id, parsed.data, now);
    return toUser({ ...row, source_id: parsed.data, updated_at: now });
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

  /**
   * The source exists and submits: a data-source account acts as its source (uploads, read-back), which a
   * consumer-only source never does, so an account bound to one could do nothing at all.
   */
  private async assertSourceExists(username: string, sourceId: string): Promise<void> {
    let code: 'account-source-unknown' | 'account-source-consumer-only' | null = null;
    if ((await this.sources.sourceName(sourceId)) === undefined) code = 'account-source-unknown';
    else if (await this.sources.consumerOnly?.(sourceId)) code = 'account-source-consumer-only';
    if (code === null) return;
    // The message is the coded reason alone (the issue names the account and field), so the web and the CLI
    // give it in the reader's language by its code.
    const issue = refusalIssue(code, { source: sourceId }, { record: username, field: 'sourceId' });
    throw new AppError('invalid_input', issue.reason, { issues: [issue] });
  }

  /** An area-scoped administrator manages only the accounts inside its area (as `listUsers` shows). */
  private inScope(ctx: AccessContext, row: UserRow): boolean {
    return isWithinArea(row.area_code, ctx.principal.areaCode);
  }
}
