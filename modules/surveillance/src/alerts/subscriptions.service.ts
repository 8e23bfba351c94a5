/**
 * Alert subscriptions of staff: receive alerts of an area (within one's own scope), from a level up,
 * optionally of some indicators, in the in-app inbox or at a webhook (its signing secret is shown once).
 * The inbox lists the notifications and marks them read. A webhook URL must lead to a public address
 * (the platform's SSRF guard) unless the deployment allows private ones.
 */
import { randomBytes } from 'node:crypto';
import {
  assertPublicUrlInput,
  invalidField,
  isWithinArea,
  newId,
  notFoundOrNoAccess,
  type Clock,
  type ListParams,
  type Page,
} from '@shuzhi/core';
import type { AccessContext } from '@shuzhi/identity';
import type { NotificationView, SubscriptionRequest, SubscriptionView } from './alerts.schema.js';
import { subscriptionRequestSchema } from './alerts.schema.js';
import type { SubscriptionRow, SubscriptionsRepository } from './subscriptions.repository.js';

function view(row: SubscriptionRow): SubscriptionView {
  return {
    id: row.id,
    channel: row.channel,
    url: row.url,
    minLevel: row.min_level,
    area: row.area_prefix,
    indicators: row.indicators,
    active: row.active,
    createdAt: row.created_at,
  };
}

export interface SubscriptionsOptions {
  /** `SHUZHI_ALLOW_PRIVATE_OUTBOUND`: accept webhooks on private and local addresses (default false). */
  allowPrivateAddresses?: boolean;
}

export class SubscriptionsService {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly clock: Clock,
    private readonly options: SubscriptionsOptions = {},
  ) {}

  async create(
    ctx: AccessContext,
    request: SubscriptionRequest,
  ): Promise<SubscriptionView & { secret: string | null }> {
    const parsed = subscriptionRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalidField('subscription', issue.path.join('.') || 'body', issue.message);
    }
    const input = parsed.data;
    if (input.channel === 'webhook' && !input.url)
      throw invalidField('subscription', 'url', 'a webhook needs a URL');
    if (input.url && !/^https?:\/\//.test(input.url))
      throw invalidField('subscription', 'url', 'must be http or https');
    if (input.channel === 'webhook' && input.url) {
      await assertPublicUrlInput(new URL(input.url), {
        record: 'subscription',
        allowPrivateAddresses: this.options.allowPrivateAddresses ?? false,
      });
    }
    const scope = ctx.principal.areaCode;
    const area = input.area ?? scope;
    if (area !== null && !isWithinArea(area, scope))
      throw invalidField('subscription', 'area', 'outside the area you may see');
    const secret = input.channel === 'webhook' ? randomBytes(32).toString('base64url') : null;
    const row: SubscriptionRow = {
      id: newId('asub'),
      owner_id: ctx.principal.id,
      owner_name: ctx.principal.displayName,
      channel: input.channel,
      url: input.channel === 'webhook' ? input.url! : null,
      secret,
      min_level: input.minLevel,
      area_prefix: area,
      indicators: input.indicators && input.indicators.length > 0 ? input.indicators : null,
      active: true,
      created_at: this.clock.now().toISOString(),
    };
    await this.subscriptions.insert(row);
    return { ...view(row), secret };
  }

  async list(ctx: AccessContext): Promise<SubscriptionView[]> {
    return (await this.subscriptions.ofOwner(ctx.principal.id)).map(view);
  }

  async cancel(ctx: AccessContext, id: string): Promise<void> {
    if (!(await this.subscriptions.deactivate(id, ctx.principal.id)))
      throw notFoundOrNoAccess(`subscription ${id}`);
  }

  async inbox(ctx: AccessContext, params: ListParams): Promise<Page<NotificationView> & { unread: number }> {
    const [page, unread] = await Promise.all([
      this.subscriptions.inbox(ctx.principal.id, params),
      this.subscriptions.unread(ctx.principal.id),
    ]);
    return {
      ...page,
      unread,
      items: page.items.map((n) => ({
        id: n.id,
        alertId: n.alert_id,
        event: n.event,
        level: n.level,
        areaCode: typeof n.body['areaCode'] === 'string' ? n.body['areaCode'] : '',
        indicator: typeof n.body['indicator'] === 'string' ? n.body['indicator'] : '',
        createdAt: n.created_at,
        readAt: n.read_at,
      })),
    };
  }

  async markRead(ctx: AccessContext, ids: readonly string[]): Promise<number> {
    return this.subscriptions.markRead(ctx.principal.id, ids, this.clock.now().toISOString());
  }
}
