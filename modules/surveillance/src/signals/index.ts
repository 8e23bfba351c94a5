/**
 * Event-based surveillance in the platform: news items in (posted, pasted, imported, polled from feeds),
 * signals out, triaged like alerts.
 */
export { signalsMigrations } from './signals.migrations.js';
export {
  createSignalsModule,
  type SignalsModule,
  type SignalsModuleDeps,
  type SignalsModuleOptions,
} from './signals.module.js';
export { signalsRoutes } from './signals.routes.js';
export * from './signals.schema.js';
export type { SignalsService } from './signals.service.js';
export type { NewsIngestService, IngestSource } from './news-ingest.service.js';
export type { NewsFeedsService } from './news-feeds.service.js';
export type { NewsPoller, RoundReport } from './news-poller.js';
export type { ChangeFeedPort, AuditPort, SignalFeedEvent } from './ports.js';
