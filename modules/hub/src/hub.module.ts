/** Wires the hub module's repositories and services. */
import type { Clock } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { IdentityModule } from '@shuzhi/identity';
import { ChangeFeed } from './feed/change-feed.js';
import { FeedRepository } from './feed/feed.repository.js';
import { ImportsRepository } from './imports/imports.repository.js';
import { ImportsService } from './imports/imports.service.js';
import { PersonsRepository } from './persons/persons.repository.js';
import { PersonsService } from './persons/persons.service.js';
import { SourcesRepository } from './sources.repository.js';
import { SourcesService } from './sources.service.js';

export interface HubModule {
  sources: SourcesService;
  persons: PersonsService;
  feed: ChangeFeed;
  imports: ImportsService;
}

export interface HubOptions {
  defaultDwellMinutes: number;
  /** How often subscribers look for events written by other processes (ms; 0 = never). */
  feedPollIntervalMs?: number;
}

export function createHubModule(database: Database, clock: Clock, identity: IdentityModule, options: HubOptions): HubModule {
  return {
    sources: new SourcesService(new SourcesRepository(database), identity.auth, clock),
    persons: new PersonsService(new PersonsRepository(database), clock),
    feed: new ChangeFeed(new FeedRepository(database), clock, { pollIntervalMs: options.feedPollIntervalMs ?? 1000, batchSize: 500 }),
    imports: new ImportsService(database, new ImportsRepository(database), identity.audit, clock, {
      defaultDwellMinutes: options.defaultDwellMinutes,
    }),
  };
}
