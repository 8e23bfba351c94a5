/**
 * Builds the HTTP application around a Platform: security headers, the gatekeeper, load shedding,
 * metrics, OpenAPI, every module's routes and the web app. No socket: tests call `app.inject()`.
 */
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { newId } from '@shuzhi/core';
import { identityRoutes, installGatekeeper } from '@shuzhi/identity';
import {
  dataHubRoutes,
  feedRoutes,
  HubOperationsMetrics,
  importsRoutes,
  sharingRoutes,
  sourcesRoutes,
} from '@shuzhi/hub';
import { signalsRoutes, surveillanceRoutes } from '@shuzhi/surveillance';
import { tracingRoutes } from '@shuzhi/tracing';
import { areasRoutes } from './areas/areas.routes.js';
import { installErrorHandling } from './errors.js';
import { healthRoutes } from './health.routes.js';
import { installLoadShedding } from './load-shedding.js';
import { installListExport } from './list-export.js';
import { loggerOptions } from './logger.js';
import { installMetrics, Metrics } from './metrics.js';
import { installOpenApi, openApiRoute } from './openapi.js';
import type { Platform } from './platform.js';
import { installWebApp } from './static.js';
import { VERSION } from './version.js';

export interface AppOptions {
  /** Where logs go (default stdout); tests capture them to check that no personal data is logged. */
  logStream?: NodeJS.WritableStream;
  /** Serve the built web app (default true). */
  serveWeb?: boolean;
  /** Shorter under-pressure sampling for tests. */
  loadSampleIntervalMs?: number;
  /** Most rows a list export holds (default 100,000); tests lower it. */
  listExportMaxRows?: number;
}

export interface App {
  app: FastifyInstance;
  metrics: Metrics;
  /** Marks the app as draining: /readyz answers 503 so balancers stop sending traffic. */
  stopAcceptingTraffic(): void;
}

export async function buildApp(platform: Platform, options: AppOptions = {}): Promise<App> {
  const { config } = platform;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    genReqId: () => newId('req'),
    bodyLimit: 64 * 1024 * 1024,
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const metrics = new Metrics();
  const hubMetrics = new HubOperationsMetrics(platform.database);
  metrics.collect(() => hubMetrics.collect());
  app.addHook('onClose', async () => metrics.close());
  let accepting = true;

  const webMounted = options.serveWeb === false ? false : await installWebApp(app, config.webDist);
  installErrorHandling(app, { spaFallback: webMounted });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  // While draining, every response closes its connection, so keep-alive clients do not hold shutdown open.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!accepting) reply.header('connection', 'close');
    return payload;
  });
  installMetrics(app, metrics);
  await installLoadShedding(
    app,
    {
      maxEventLoopDelayMs: config.maxEventLoopDelayMs,
      maxHeapUsedBytes: config.maxHeapUsedBytes,
      maxRequestsInFlight: config.maxRequestsInFlight,
      ...(options.loadSampleIntervalMs ? { sampleIntervalMs: options.loadSampleIntervalMs } : {}),
    },
    metrics,
  );
  installGatekeeper(app, {
    auth: platform.identity.auth,
    audit: platform.identity.audit,
    clock: platform.clock,
    findGrant: (consumer, dataset, purpose) => platform.hub.sharing.findGrant(consumer, dataset, purpose),
  });
  installListExport(app, {
    audit: platform.identity.audit,
    ...(options.listExportMaxRows ? { maxRows: options.listExportMaxRows } : {}),
  });
  await installOpenApi(app, VERSION);

  await app.register(healthRoutes, {
    database: platform.database,
    metrics,
    version: VERSION,
    isAcceptingTraffic: () => accepting,
    metricsToken: config.metricsToken,
  });
  await app.register(identityRoutes, { identity: platform.identity, cookieSecure: config.cookieSecure });
  await app.register(sourcesRoutes, { sources: platform.hub.sources });
  await app.register(areasRoutes);
  await app.register(importsRoutes, { imports: platform.hub.imports, sources: platform.hub.sources });
  await app.register(sharingRoutes, { sharing: platform.hub.sharing, identity: platform.identity });
  await app.register(feedRoutes, {
    feed: platform.hub.feed,
    webhooks: platform.hub.webhooks,
    sharing: platform.hub.sharing,
    sessions: platform.identity.auth,
  });
  await app.register(signalsRoutes, { signals: platform.signals });
  await app.register(surveillanceRoutes, { surveillance: platform.surveillance });
  await app.register(tracingRoutes, { tracing: platform.tracing });
  await app.register(dataHubRoutes, {
    data: platform.hub.data,
    imports: platform.hub.imports,
    softwareVersion: VERSION,
  });
  openApiRoute(app);

  await app.ready();
  return {
    app,
    metrics,
    stopAcceptingTraffic() {
      accepting = false;
    },
  };
}
