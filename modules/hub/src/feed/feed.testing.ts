/**
 * Test set-up shared by the change-feed tests (feed routes, webhook deliveries and lifecycle): a consumer
 * source with its key and an agreement, cases published to the feed, and a webhook service that posts to a
 * recorder instead of the network.
 */
import type { OutboundFetch, Purpose } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { Principal } from '@shuzhi/identity';
import type { Dataset } from '../sharing/sharing.schema.js';
import type { HubFixture } from '../testing.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { defaultWebhookOptions, WebhooksService, type WebhookOptions } from './webhooks.service.js';

export const LEGAL_BASIS = '《传染病防治法》第三十三条';

/** A consumer as its API key acts: the key's principal, the source, and the agreement granting it the feed. */
export interface TestConsumer {
  sourceId: string;
  apiKey: string;
  keyId: string;
  agreementId: string;
  principal: Principal;
}

/** The principal of a source's API key, as the gatekeeper builds it. */
export function keyPrincipal(sourceId: string, keyId: string, areaCode: string | null = null): Principal {
  return { kind: 'api_key', id: keyId, role: 'data_source', displayName: sourceId, areaCode, sourceId };
}

/**
 * Registers a consumer source (with its first key) and an agreement granting it `datasets` (default the feed
 * and cases) for surveillance until `expiresAt` (default 2099).
 */
export async function consumerWithAgreement(
  f: HubFixture,
  consumer: { name: string; areaCode?: string; datasets?: Dataset[]; expiresAt?: string },
): Promise<TestConsumer> {
  const areaCode = consumer.areaCode ?? null;
  const source = await f.hub.sources.addSource({
    name: consumer.name,
    type: 'cdc',
    ...(areaCode ? { areaCode } : {}),
  });
  const [key] = await f.hub.sources.listKeys(f.ctx, source.id);
  const agreement = await f.hub.sharing.createAgreement(f.ctx, {
    consumerSourceId: source.id,
    title: '病例推送 Case notifications',
    datasets: consumer.datasets ?? ['feed', 'cases'],
    purpose: 'surveillance',
    legalBasis: LEGAL_BASIS,
    expiresAt: consumer.expiresAt ?? '2099-01-01T00:00:00Z',
  });
  return {
    sourceId: source.id,
    apiKey: source.apiKey,
    keyId: key!.id,
    agreementId: agreement.id,
    principal: keyPrincipal(source.id, key!.id, areaCode),
  };
}

/** Publishes confirmed cases (entity `id`, person `per_<id>`, in `area`) in one committed transaction. */
export async function publishCases(
  database: Database,
  f: HubFixture,
  cases: readonly { id: string; area: string | null }[],
): Promise<void> {
  await database.db.transaction().execute((trx) =>
    f.hub.feed.publish(
      trx,
      cases.map((c) => ({
        topic: 'hub.case.confirmed',
        entityType: 'Case',
        entityId: c.id,
        personId: `per_${c.id}`,
        areaCode: c.area,
      })),
    ),
  );
}

/** A webhook service over the fixture that delivers to `post` (private addresses allowed for test URLs). */
export function testWebhooks(
  database: Database,
  f: HubFixture,
  post: OutboundFetch,
  options: Partial<WebhookOptions> & { audit?: boolean } = {},
): WebhooksService {
  const { audit, ...rest } = options;
  return new WebhooksService(
    new WebhooksRepository(database),
    f.hub.feed,
    f.hub.sharing,
    f.clock,
    { ...defaultWebhookOptions, allowPrivateAddresses: true, ...rest },
    post,
    audit ? f.identity.audit : undefined,
  );
}

/** Subscribes a consumer's webhook to every topic, for surveillance. */
export function subscribeAll(
  webhooks: WebhooksService,
  consumer: Principal,
  url = 'http://127.0.0.1:9/hook',
  purpose: Purpose = 'surveillance',
) {
  return webhooks.subscribe(consumer, { url, topics: [], purpose });
}
