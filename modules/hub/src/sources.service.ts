/**
 * Data sources: register an organisation that submits (or, under an agreement, reads) data and give it an API
 * key (shown once); list, revoke and rotate its keys — a leaked key is cut without cutting the organisation;
 * disable and enable the organisation itself — every key and account of it at once.
 */
import {
  invalidInputOfZod,
  isWithinArea,
  newId,
  notFoundOrNoAccess,
  refusalIssue,
  type Clock,
  type ListParams,
  type Page,
} from '@shuzhi/core';
import { refused, sourceStandingRefusal, type AccessContext, type AuthService } from '@shuzhi/identity';
import {
  newSourceSchema,
  type ApiKey,
  type NewSource,
  type SilentSources,
  type Source,
  type SourceType,
} from './sources.schema.js';
import type { SourceRow, SourcesRepository } from './sources.repository.js';

/** Sources read per query by the silence check. */
const ACTIVITY_PAGE = 500;

export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    areaCode: row.area_code,
    active: row.active,
    createdAt: row.created_at,
    expectedIntervalHours: row.expected_interval_hours,
    consumerOnly: row.consumer_only,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
  };
}

export class SourcesService {
  constructor(
    private readonly sources: SourcesRepository,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {
    // The gatekeeper refuses a disabled or consumer-only source's keys and accounts; it asks here, on every
    // request of one, since identity resolves them but the hub owns the sources.
    auth.useSourceStanding(async (id) => {
      const row = await this.sources.findById(id);
      return row ? { active: row.active, consumerOnly: row.consumer_only } : undefined;
    });
  }

  async addSource(input: NewSource): Promise<{ id: string; apiKey: string; source: Source }> {
    const parsed = newSourceSchema.safeParse(input);
    if (!parsed.success) throw invalidInputOfZod(`source ${input.name}`, parsed.error.issues, input.name);
    const data = parsed.data;
    const at = (field: string) => ({ record: data.name, field });
    if (await this.sources.findByName(data.name))
      throw refused('conflict', refusalIssue('source-name-taken', { name: data.name }, at('name')));
    if (data.id && (await this.sources.findById(data.id)))
      throw refused('conflict', refusalIssue('source-id-taken', { source: data.id }, at('id')));
    const row: SourceRow = {
      id: data.id ?? newId('src'),
      name: data.name,
      type: data.type,
      area_code: data.areaCode,
      active: true,
      created_at: this.clock.now().toISOString(),
      expected_interval_hours: data.expectedIntervalHours,
      consumer_only: data.consumerOnly,
      disabled_at: null,
      disabled_reason: null,
      disabled_by: null,
    };
    await this.sources.insert(row);
    const key = await this.auth.issueApiKey({
      kind: 'source',
      id: row.id,
      displayName: row.name,
      role: 'data_source',
      areaCode: row.area_code,
    });
    return { id: row.id, apiKey: key.apiKey, source: toSource(row) };
  }

  async listSources(
    ctx: AccessContext,
    filter: { type?: SourceType },
    params: ListParams,
  ): Promise<Page<Source>> {
    const page = await this.sources.list({ ...filter, areaScope: ctx.principal.areaCode }, params);
    return { ...page, items: page.items.map(toSource) };
  }

  /**
   * The caller's sources silent longer than their expected interval (since their last accepted record, or
   * since registration if they never sent one — the rule of the data-sources table, quality/source-health.ts),
   * counted over all of them; the `limit` longest silent are named.
   */
  async silentSources(ctx: AccessContext, limit: number): Promise<SilentSources> {
    const now = this.clock.now().getTime();
    const silent: SilentSources['items'] = [];
    let afterId: string | null = null;
    for (;;) {
      const rows = await this.sources.activityPage(ctx.principal.areaCode, afterId, ACTIVITY_PAGE);
      for (const row of rows) {
        const hours = (now - Date.parse(row.last_accepted_at ?? row.created_at)) / 3_600_000;
        if (hours > row.expected_interval_hours)
          silent.push({
            id: row.id,
            name: row.name,
            lastRecordAt: row.last_accepted_at,
            silentForHours: Math.round(hours * 10) / 10,
            expectedIntervalHours: row.expected_interval_hours,
          });
      }
      if (rows.length < ACTIVITY_PAGE) break;
      afterId = rows.at(-1)!.id;
    }
    silent.sort((a, b) => b.silentForHours - a.silentForHours || a.name.localeCompare(b.name));
    return { count: silent.length, limit, items: silent.slice(0, limit) };
  }

  /**
   * Disables a source: its API keys and bound accounts are refused on every write, on read-back and on shared
   * reads, its agreements grant nothing and its webhooks pause (cause `source_disabled`); its records stay.
   * Nothing is revoked, so enabling restores it all — except paused webhooks, which its consumer resumes, as
   * after any other pause (the consumer learns its feed stopped and where it stands).
   */
  async disableSource(ctx: AccessContext, id: string, reason: string): Promise<Source> {
    const source = await this.visibleSource(ctx, id);
    const trimmed = reason.trim();
    if (trimmed.length < 3)
      throw refused(
        'invalid_input',
        refusalIssue('source-disable-reason', {}, { record: id, field: 'reason' }),
      );
    const at = this.clock.now().toISOString();
    if (!(await this.sources.disable(id, { at, reason: trimmed, by: ctx.principal.id })))
      throw refused('conflict', refusalIssue('source-already-disabled', { source: id }));
    return { ...source, active: false, disabledAt: at, disabledReason: trimmed };
  }

  /** Enables a disabled source: its keys and accounts work again (webhooks resume when their consumer asks). */
  async enableSource(ctx: AccessContext, id: string): Promise<Source> {
    const source = await this.visibleSource(ctx, id);
    if (!(await this.sources.enable(id)))
      throw refused('conflict', refusalIssue('source-not-disabled', { source: id }));
    return { ...source, active: true, disabledAt: null, disabledReason: null };
  }

  /**
   * Refuses a source that may not submit (disabled, or a consumer only), for write paths that run without a
   * source's own key: an administrator importing a file in its name.
   */
  async assertMaySubmit(id: string): Promise<void> {
    const source = await this.getSource(id);
    if (!source) throw notFoundOrNoAccess(refusalIssue('source-not-found', { source: id }));
    // The gatekeeper's rule for a source's own key, applied to an import in its name.
    const refusal = sourceStandingRefusal(id, source, {
      permission: 'hub:submit',
      sharedRead: false,
    });
    if (refusal) throw refusal;
  }

  async getSource(id: string): Promise<Source | undefined> {
    const row = await this.sources.findById(id);
    return row ? toSource(row) : undefined;
  }

  /** A source's API keys, oldest first (never their secrets). */
  async listKeys(ctx: AccessContext, sourceId: string): Promise<ApiKey[]> {
    await this.visibleSource(ctx, sourceId);
    return this.auth.apiKeysOf({ kind: 'source', id: sourceId });
  }

  /** Revokes one key of a source at once: its next request, and any stream it holds open, fail. */
  async revokeKey(ctx: AccessContext, sourceId: string, keyId: string): Promise<ApiKey> {
    const key = await this.keyOf(ctx, sourceId, keyId);
    if (key.revokedAt !== null || !(await this.auth.revokeApiKey(keyId))) throw keyRevoked(sourceId, keyId);
    return { ...key, revokedAt: this.clock.now().toISOString() };
  }

  /** Issues a new key for the source and revokes the old one; the new secret is shown once. */
  async rotateKey(
    ctx: AccessContext,
    sourceId: string,
    keyId: string,
  ): Promise<{ id: string; apiKey: string; revoked: ApiKey }> {
    const source = await this.visibleSource(ctx, sourceId);
    const old = await this.keyOf(ctx, sourceId, keyId);
    if (old.revokedAt !== null) throw keyRevoked(sourceId, keyId);
    const issued = await this.auth.issueApiKey({
      kind: 'source',
      id: source.id,
      displayName: source.name,
      role: 'data_source',
      areaCode: source.areaCode,
    });
    // Two rotations of one key at once: the second finds it revoked and takes back the key it just issued,
    // so one rotation never leaves two live replacements.
    if (!(await this.auth.revokeApiKey(keyId))) {
      await this.auth.revokeApiKey(issued.id);
      throw keyRevoked(sourceId, keyId);
    }
    return { ...issued, revoked: { ...old, revokedAt: this.clock.now().toISOString() } };
  }

  /** Whether an API key still opens the platform (an open change-feed stream asks on every poll). */
  async isKeyActive(keyId: string): Promise<boolean> {
    return this.auth.isApiKeyActive(keyId);
  }

  /** The source if it exists inside the caller's area; "not found or no access" otherwise. */
  private async visibleSource(ctx: AccessContext, sourceId: string): Promise<Source> {
    const source = await this.getSource(sourceId);
    if (!source || !isWithinArea(source.areaCode, ctx.principal.areaCode))
      throw notFoundOrNoAccess(refusalIssue('source-not-found', { source: sourceId }));
    return source;
  }

  private async keyOf(ctx: AccessContext, sourceId: string, keyId: string): Promise<ApiKey> {
    await this.visibleSource(ctx, sourceId);
    const key = await this.auth.apiKeyOf({ kind: 'source', id: sourceId }, keyId);
    if (!key) throw notFoundOrNoAccess(refusalIssue('api-key-not-found', { key: keyId, source: sourceId }));
    return key;
  }
}

/** A key revoked already (by an earlier call, or by a rotation of it running at the same time). */
function keyRevoked(sourceId: string, keyId: string) {
  return refused('conflict', refusalIssue('api-key-already-revoked', { key: keyId, source: sourceId }));
}
