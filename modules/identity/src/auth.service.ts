/**
 * Authentication: password login with rate limiting, sessions (cookie for the web, bearer for API
 * clients) and hashed API keys for data sources. Turns a presented secret into a Principal or nothing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, MINUTE_MS, newId, newSecret, type Clock, type Role } from '@shuzhi/core';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password.js';
import type { Principal } from './principal.js';
import type { SourceStanding, SourceStandingLookup } from './source-standing.js';
import type { ApiKeyRow, SessionsRepository } from './sessions.repository.js';
import type { UserRow, UsersRepository } from './users.repository.js';

export interface AuthOptions {
  sessionTtlHours: number;
  loginMaxAttempts: number;
  loginWindowMinutes: number;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: UserRow;
}

export interface IssuedApiKey {
  id: string;
  apiKey: string;
}

/** An API key as shown to its administrators: never the secret, only its first characters. */
export interface ApiKeyView {
  id: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function apiKeyView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    prefix: row.key_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class AuthService {
  private sourceStandingLookup: SourceStandingLookup | null = null;

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly clock: Clock,
    private readonly options: AuthOptions,
  ) {}

  /** Checks a password; after too many failures for an account or an address, refuses for a while. */
  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - this.options.loginWindowMinutes * MINUTE_MS).toISOString();
    const [byUser, byAddress] = await Promise.all([
      this.sessions.countLoginFailures({ username, since }),
      this.sessions.countLoginFailures({ address, since }),
    ]);
    if (byUser >= this.options.loginMaxAttempts || byAddress >= this.options.loginMaxAttempts * 4) {
      throw new AppError('too_many_requests', 'too many failed logins; try again later', {
        retryAfterSeconds: this.options.loginWindowMinutes * 60,
      });
    }
    const user = await this.users.findByUsername(username);
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok || !user.active) {
      await this.sessions.recordLoginFailure(username, address, now.toISOString());
      throw new AppError('unauthenticated', 'wrong username or password');
    }
    await this.sessions.clearLoginFailures(username, address);
    const token = newSecret('szs');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.options.sessionTtlHours * 60 * MINUTE_MS).toISOString();
    await this.sessions.insertSession({
      token_hash: sha256Hex(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    });
    await this.users.touchLogin(user.id, now.toISOString());
    return { token, csrfToken, expiresAt, user };
  }

  async logout(token: string): Promise<void> {
    await this.sessions.revokeSession(sha256Hex(token), this.clock.now().toISOString());
  }

  /** Resolves a session token to its user, or undefined if unknown, expired, revoked or deactivated. */
  async resolveSession(
    token: string,
  ): Promise<{ principal: Principal; csrfToken: string; expiresAt: string } | undefined> {
    if (!token.startsWith('szs_')) return undefined;
    const session = await this.sessions.findSession(sha256Hex(token));
    const now = this.clock.now().toISOString();
    if (!session || session.revoked_at !== null || session.expires_at <= now) return undefined;
    const user = await this.users.findById(session.user_id, { committed: true });
    if (!user || !user.active) return undefined;
    return { principal: principalOfUser(user), csrfToken: session.csrf_token, expiresAt: session.expires_at };
  }

  /** Issues an API key for a subject (e.g. a data source); the secret is returned once and stored hashed. */
  async issueApiKey(subject: {
    kind: 'source';
    id: string;
    displayName: string;
    role: Role;
    areaCode: string | null;
  }): Promise<IssuedApiKey> {
    const apiKey = newSecret('szk');
    const id = newId('key');
    await this.sessions.insertApiKey({
      id,
      key_hash: sha256Hex(apiKey),
      key_prefix: apiKey.slice(0, 10),
      subject_kind: subject.kind,
      subject_id: subject.id,
      display_name: subject.displayName,
      role: subject.role,
      area_code: subject.areaCode,
      created_at: this.clock.now().toISOString(),
      revoked_at: null,
      last_used_at: null,
    });
    return { id, apiKey };
  }

  /** The API keys of a subject (never their secrets). */
  async apiKeysOf(subject: { kind: 'source'; id: string }): Promise<ApiKeyView[]> {
    const rows = await this.sessions.listApiKeysOf(subject.kind, subject.id);
    return rows.map(apiKeyView);
  }

  /** One key of a subject, or undefined (also when it belongs to another subject). */
  async apiKeyOf(subject: { kind: 'source'; id: string }, keyId: string): Promise<ApiKeyView | undefined> {
    const row = await this.sessions.findApiKeyById(keyId);
    return row && row.subject_kind === subject.kind && row.subject_id === subject.id
      ? apiKeyView(row)
      : undefined;
  }

  /** Whether a key still opens the platform (an open stream asks again while it runs). */
  async isApiKeyActive(keyId: string): Promise<boolean> {
    const row = await this.sessions.findApiKeyById(keyId);
    return row !== undefined && row.revoked_at === null;
  }

  /**
   * Revokes a key: every request with it fails from now on (keys are looked up on each request, never
   * cached). False when it was already revoked.
   */
  async revokeApiKey(id: string): Promise<boolean> {
    return this.sessions.revokeApiKey(id, this.clock.now().toISOString());
  }

  /**
   * The hub answers how a source stands (enabled, consumer only): identity resolves the keys and accounts of
   * sources but does not own them. Without it (identity alone, as in its own tests) every source stands.
   */
  useSourceStanding(lookup: SourceStandingLookup): void {
    this.sourceStandingLookup = lookup;
  }

  /** How the source a key or account acts for stands, read on every request (disabling takes effect at once). */
  async sourceStanding(sourceId: string): Promise<SourceStanding | undefined> {
    return this.sourceStandingLookup ? this.sourceStandingLookup(sourceId) : undefined;
  }

  async resolveApiKey(apiKey: string): Promise<Principal | undefined> {
    if (!apiKey.startsWith('szk_')) return undefined;
    const row = await this.sessions.findApiKey(sha256Hex(apiKey));
    if (!row || row.revoked_at !== null) return undefined;
    const now = this.clock.now();
    // Record use at most once a minute per key, to keep the hot path free of writes.
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > MINUTE_MS) {
      await this.sessions.touchApiKey(row.id, now.toISOString());
    }
    return {
      kind: 'api_key',
      id: row.id,
      role: row.role,
      displayName: row.display_name,
      areaCode: row.area_code,
      ...(row.subject_kind === 'source' ? { sourceId: row.subject_id } : {}),
    };
  }
}

export function principalOfUser(user: UserRow): Principal {
  return {
    kind: 'user',
    id: user.id,
    role: user.role,
    displayName: user.display_name,
    areaCode: user.area_code,
    ...(user.person_id ? { personId: user.person_id } : {}),
    // Only a data-source account submits as a source (an account of another role never carries one).
    ...(user.role === 'data_source' && user.source_id ? { sourceId: user.source_id } : {}),
  };
}
