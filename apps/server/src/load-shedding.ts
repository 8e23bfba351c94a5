/**
 * Load shedding (MISSION B8): when the event loop lags, memory runs high or too many requests are in
 * flight, answer 503 with Retry-After at once instead of queueing until everything times out. Health and
 * metrics endpoints are never shed, so operators can still see what is happening.
 */
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@shuzhi/core';
import type { Metrics } from './metrics.js';

export interface LoadSheddingOptions {
  maxEventLoopDelayMs: number;
  maxHeapUsedBytes: number;
  maxRequestsInFlight: number;
  retryAfterSeconds?: number;
  /** How often under-pressure samples the event loop (ms); tests use a short interval. */
  sampleIntervalMs?: number;
}

const NEVER_SHED = new Set(['/healthz', '/readyz', '/metrics']);

function exempt(request: FastifyRequest): boolean {
  return NEVER_SHED.has(request.url.split('?')[0] ?? '');
}

export async function installLoadShedding(
  app: FastifyInstance,
  options: LoadSheddingOptions,
  metrics: Metrics,
): Promise<void> {
  const retryAfterSeconds = options.retryAfterSeconds ?? 5;
  const shed = (reason: string): AppError => {
    metrics.increment('shuzhi_requests_shed_total', 'Requests refused with 503 to shed load.');
    return new AppError('overloaded', `service overloaded (${reason}); retry after ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  };
  await app.register(underPressure, {
    ...(options.maxEventLoopDelayMs > 0 ? { maxEventLoopDelay: options.maxEventLoopDelayMs } : {}),
    ...(options.maxHeapUsedBytes > 0 ? { maxHeapUsedBytes: options.maxHeapUsedBytes } : {}),
    ...(options.sampleIntervalMs ? { sampleInterval: options.sampleIntervalMs } : {}),
    retryAfter: retryAfterSeconds,
    pressureHandler: async (request, _reply, type) => {
      if (exempt(request)) return;
      throw shed(type);
    },
  });
  if (options.maxRequestsInFlight > 0) {
    let inFlight = 0;
    app.addHook('onRequest', async (request) => {
      if (exempt(request)) return;
      if (inFlight >= options.maxRequestsInFlight) throw shed('too many requests in flight');
      inFlight += 1;
      (request as FastifyRequest & { counted?: boolean }).counted = true;
    });
    app.addHook('onResponse', async (request) => {
      if ((request as FastifyRequest & { counted?: boolean }).counted) inFlight -= 1;
    });
  }
}
