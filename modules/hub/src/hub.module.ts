/** Wires the hub module's repositories and services. */
import type { Clock } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { IdentityModule } from '@shuzhi/identity';
import { SourcesRepository } from './sources.repository.js';
import { SourcesService } from './sources.service.js';

export interface HubModule {
  sources: SourcesService;
}

export function createHubModule(database: Database, clock: Clock, identity: IdentityModule): HubModule {
  return { sources: new SourcesService(new SourcesRepository(database), identity.auth, clock) };
}
