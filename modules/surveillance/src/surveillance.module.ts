/**
 * Wires indicator-based early warning: repositories → services; counts derived from the hub's change feed;
 * detection after new data (always) and on a schedule (once started); alert routing to in-app and webhook
 * subscribers; the `indicators` import kind; and the command centre's aggregated view.
 */
import type { Clock, OutboundFetch } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { ChangeFeed, ImportHandler } from '@shuzhi/hub';
import type { AuditService } from '@shuzhi/identity';
import { alertTopics } from './alerts/alert-events.js';
import { AlertRouter } from './alerts/alert-routing.js';
import {
  AlertWebhooks,
  defaultAlertWebhookOptions,
  type AlertWebhookOptions,
} from './alerts/alert-webhooks.js';
import { AlertsRepository } from './alerts/alerts.repository.js';
import { AlertsService } from './alerts/alerts.service.js';
import { DetectionService, type DetectionOptions } from './alerts/detection.service.js';
import { RulesRepository } from './alerts/rules.repository.js';
import { SubscriptionsRepository } from './alerts/subscriptions.repository.js';
import { SubscriptionsService } from './alerts/subscriptions.service.js';
import { DashboardService, type DashboardPorts } from './dashboard/dashboard.service.js';
import { defaultSerialInterval, type SerialInterval } from './dashboard/rt-by-area.js';
import { indicatorTopics } from './indicators/contributions.js';
import { indicatorsImportHandler, type IndicatorImportRow } from './indicators/indicators-import.handler.js';
import { IndicatorsRepository } from './indicators/indicators.repository.js';
import { IndicatorsService } from './indicators/indicators.service.js';

export interface SurveillanceModule {
  indicators: IndicatorsService;
  detection: DetectionService;
  alerts: AlertsService;
  subscriptions: SubscriptionsService;
  webhooks: AlertWebhooks;
  dashboard: DashboardService;
  /** Register with `platform.hub.imports.register(...)`: `shuzhi import indicators FILE` and the web upload. */
  importHandler: ImportHandler<IndicatorImportRow>;
  /** Background work of a serving process: feed consumers, scheduled detection, webhook delivery. */
  start(onError?: (error: unknown) => void): Promise<void>;
  stop(): Promise<void>;
  /** Waits for detection runs started by writes (call before closing the database). */
  drain(): Promise<void>;
}

export interface SurveillanceModuleDeps {
  /** `platform.hub.feed`. */
  feed: Pick<ChangeFeed, 'publish' | 'notify' | 'subscribe'>;
  /** `platform.identity.audit`. */
  audit: Pick<AuditService, 'record'>;
  /** What the command centre shows from other modules (open signals, sources' freshness). */
  dashboard?: DashboardPorts;
}

export interface SurveillanceModuleOptions {
  /** The platform's city (GB/T 2260; the demo city `4302`). */
  homeArea: string;
  /** Time between scheduled detection runs (default one hour; 0 = none). */
  scheduleIntervalMs?: number;
  detection?: Partial<DetectionOptions>;
  /** Serial interval for Rt (default: the Omicron-like strain of the demo city). */
  serialInterval?: SerialInterval;
  webhooks?: Partial<AlertWebhookOptions>;
  /** HTTP client for webhooks (tests inject one; default `outboundFetch`). */
  post?: OutboundFetch;
  /** `SHUZHI_ALLOW_PRIVATE_OUTBOUND`: let alert webhooks reach private and local addresses (default false). */
  allowPrivateAddresses?: boolean;
}

export function createSurveillanceModule(
  database: Database,
  clock: Clock,
  deps: SurveillanceModuleDeps,
  options: SurveillanceModuleOptions,
): SurveillanceModule {
  const indicatorsRepository = new IndicatorsRepository(database);
  const rulesRepository = new RulesRepository(database, clock);
  const alertsRepository = new AlertsRepository(database);
  const subscriptionsRepository = new SubscriptionsRepository(database);
  const indicators = new IndicatorsService(database, indicatorsRepository, clock, {
    homeArea: options.homeArea,
  });
  const detection = new DetectionService(
    {
      database,
      indicators: indicatorsRepository,
      rules: rulesRepository,
      alerts: alertsRepository,
      feed: deps.feed,
      clock,
    },
    options.detection,
  );
  const alerts = new AlertsService({
    database,
    alerts: alertsRepository,
    rules: rulesRepository,
    indicators: indicatorsRepository,
    feed: deps.feed,
    audit: deps.audit,
    clock,
  });
  const router = new AlertRouter(subscriptionsRepository, clock);
  const webhooks = new AlertWebhooks(
    subscriptionsRepository,
    clock,
    {
      ...defaultAlertWebhookOptions,
      allowPrivateAddresses: options.allowPrivateAddresses ?? false,
      ...options.webhooks,
    },
    options.post,
  );
  const dashboard = new DashboardService({
    indicators,
    repository: indicatorsRepository,
    alerts,
    clock,
    ports: deps.dashboard ?? {},
    serialInterval: options.serialInterval ?? defaultSerialInterval,
  });
  let onError: (error: unknown) => void = () => undefined;
  // New data is looked at by detection as soon as it is committed, in every process (server and CLI).
  indicators.onChange((series) => {
    detection.run('data', { series }).catch((error: unknown) => onError(error));
  });
  let timer: NodeJS.Timeout | null = null;
  return {
    indicators,
    detection,
    alerts,
    subscriptions: new SubscriptionsService(subscriptionsRepository, clock, {
      allowPrivateAddresses: options.allowPrivateAddresses ?? false,
    }),
    webhooks,
    dashboard,
    importHandler: indicatorsImportHandler(indicators),
    async start(handler) {
      if (handler) onError = handler;
      await deps.feed.subscribe({
        name: 'surveillance-indicators',
        topics: indicatorTopics,
        handle: async (events) => {
          await indicators.applyFeedEvents(events);
        },
      });
      await deps.feed.subscribe({
        name: 'surveillance-alert-routing',
        topics: alertTopics,
        handle: async (events) => {
          await router.route(events);
        },
      });
      const interval = options.scheduleIntervalMs ?? 3_600_000;
      if (interval > 0 && !timer) {
        timer = setInterval(() => {
          detection.run('schedule').catch((error: unknown) => onError(error));
        }, interval);
        timer.unref();
      }
      webhooks.start();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await webhooks.stop();
      await detection.drain();
    },
    drain: () => detection.drain(),
  };
}
