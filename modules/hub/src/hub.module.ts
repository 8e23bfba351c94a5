/** Wires the hub module's repositories and services. */
import type { Clock, OutboundFetch } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { IdentityModule } from '@shuzhi/identity';
import { auditCorrections } from './mpi/correction-audit.js';
import { ChangeFeed } from './feed/change-feed.js';
import { FeedRepository } from './feed/feed.repository.js';
import { ImportsRepository } from './imports/imports.repository.js';
import { ImportsService } from './imports/imports.service.js';
import { PersonsRepository } from './persons/persons.repository.js';
import { PersonsService } from './persons/persons.service.js';
import { SharingRepository } from './sharing/sharing.repository.js';
import { SharingService } from './sharing/sharing.service.js';
import { WebhooksRepository } from './feed/webhooks.repository.js';
import { defaultWebhookOptions, WebhooksService, type WebhookOptions } from './feed/webhooks.service.js';
import { SourcesRepository } from './sources.repository.js';
import { SourcesService } from './sources.service.js';
import { createDataHub, type DataHub, type DataHubOptions } from './records/records.module.js';

export interface HubModule {
  sources: SourcesService;
  persons: PersonsService;
  feed: ChangeFeed;
  imports: ImportsService;
  sharing: SharingService;
  webhooks: WebhooksService;
  /**
   * Record store, master person index, facts and derived cases. The platform registers
   * `data.importHandlers` (fhir and the hub's CSV kinds) with `imports`.
   */
  data: DataHub;
  /**
   * The hub's background work in a serving process: webhook deliveries and the audit of corrected person
   * records (a feed subscriber). Call once per serving process; `stop` before closing the database.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface HubOptions {
  defaultDwellMinutes: number;
  /** How often subscribers look for events written by other processes (ms; 0 = never). */
  feedPollIntervalMs?: number;
  webhooks?: Partial<WebhookOptions>;
  /** The HTTP client webhooks are delivered with (tests inject one; default `outboundFetch`). */
  post?: OutboundFetch;
  /** `SHUZHI_ALLOW_PRIVATE_OUTBOUND`: let webhooks reach private and local addresses (default false). */
  allowPrivateAddresses?: boolean;
  data?: DataHubOptions;
}

export function createHubModule(
  database: Database,
  clock: Clock,
  identity: IdentityModule,
  options: HubOptions,
): HubModule {
  const sources = new SourcesService(new SourcesRepository(database), identity.auth, clock);
  const feed = new ChangeFeed(new FeedRepository(database), clock, {
    pollIntervalMs: options.feedPollIntervalMs ?? 1000,
    batchSize: 500,
  });
  const sharing = new SharingService(new SharingRepository(database), sources, clock);
  const data = createDataHub({ database, clock, feed, sources }, options.data);
  const imports = new ImportsService(database, new ImportsRepository(database), identity.audit, clock, {
    defaultDwellMinutes: options.defaultDwellMinutes,
  });
  const webhooks = new WebhooksService(
    new WebhooksRepository(database),
    feed,
    sharing,
    clock,
    {
      ...defaultWebhookOptions,
      allowPrivateAddresses: options.allowPrivateAddresses ?? false,
      ...options.webhooks,
    },
    options.post,
    // Every delivery carries personal data to a consumer: audited as that consumer's read.
    identity.audit,
  );
  return {
    sources,
    persons: new PersonsService(new PersonsRepository(database), clock),
    feed,
    imports,
    sharing,
    webhooks,
    data,
    async start() {
      webhooks.start();
      await auditCorrections(feed, identity.audit, clock);
    },
    async stop() {
      await webhooks.stop();
    },
  };
}
