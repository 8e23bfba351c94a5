/**
 * Prometheus metrics in the text exposition format (version 0.0.4), without a client library: request
 * counts and latency histograms by route and status, in-flight requests, shed requests, process figures
 * (with the event loop's delay, which load shedding acts on), and what modules report through collectors
 * (the hub's records, imports, change feed, webhooks and review queue). Route labels use the route pattern
 * (`/api/v1/users/:id`), never raw paths with ids.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';

/** One figure a module reports; the same name may come with several label sets. */
export interface CollectedSample {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  labels: Record<string, string>;
  value: number;
}

export type Collector = () => Promise<CollectedSample[]>;

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private readonly gauges = new Map<string, () => number>();
  private readonly counters = new Map<string, { help: string; value: number }>();
  private readonly collectors: Collector[] = [];
  /** The event loop's delay since the last scrape (reset at each): what a request waited before it ran. */
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  inFlight = 0;

  constructor() {
    this.loopDelay.enable();
  }

  /** Stops sampling the event loop (the server's shutdown). */
  close(): void {
    this.loopDelay.disable();
  }

  /** Figures read at each scrape (from the database: every process's work). */
  collect(collector: Collector): void {
    this.collectors.push(collector);
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${method}",route="${escapeLabel(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hKey = `method="${method}",route="${escapeLabel(route)}"`;
    let h = this.durations.get(hKey);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(hKey, h);
    }
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) h.counts[i]! += 1;
    h.sum += seconds;
    h.count += 1;
  }

  /** A counter incremented by the platform (e.g. shuzhi_requests_shed_total). */
  increment(name: string, help: string, by = 1): void {
    const c = this.counters.get(name) ?? { help, value: 0 };
    c.value += by;
    this.counters.set(name, c);
  }

  gauge(name: string, read: () => number): void {
    this.gauges.set(name, read);
  }

  async render(): Promise<string> {
    const collected = await Promise.all(this.collectors.map((collect) => collect()));
    const lines: string[] = [];
    lines.push('# HELP shuzhi_http_requests_total HTTP requests by method, route and status.');
    lines.push('# TYPE shuzhi_http_requests_total counter');
    for (const [labels, value] of this.requests) lines.push(`shuzhi_http_requests_total{${labels}} ${value}`);
    lines.push('# HELP shuzhi_http_request_duration_seconds HTTP request latency.');
    lines.push('# TYPE shuzhi_http_request_duration_seconds histogram');
    for (const [labels, h] of this.durations) {
      BUCKETS.forEach((b, i) =>
        lines.push(`shuzhi_http_request_duration_seconds_bucket{${labels},le="${b}"} ${h.counts[i]}`),
      );
      lines.push(`shuzhi_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      lines.push(`shuzhi_http_request_duration_seconds_sum{${labels}} ${h.sum}`);
      lines.push(`shuzhi_http_request_duration_seconds_count{${labels}} ${h.count}`);
    }
    for (const [name, c] of this.counters) {
      lines.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`, `${name} ${c.value}`);
    }
    lines.push(
      '# TYPE shuzhi_http_requests_in_flight gauge',
      `shuzhi_http_requests_in_flight ${this.inFlight}`,
    );
    const mem = process.memoryUsage();
    lines.push('# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${mem.rss}`);
    lines.push('# TYPE nodejs_heap_used_bytes gauge', `nodejs_heap_used_bytes ${mem.heapUsed}`);
    lines.push('# TYPE process_uptime_seconds gauge', `process_uptime_seconds ${process.uptime()}`);
    for (const [name, read] of this.gauges) lines.push(`# TYPE ${name} gauge`, `${name} ${read()}`);
    const delay = this.loopDelay;
    lines.push(
      '# HELP nodejs_eventloop_delay_seconds Event-loop delay since the last scrape (load shedding acts on it).',
      '# TYPE nodejs_eventloop_delay_seconds gauge',
      ...[50, 99].map(
        (p) => `nodejs_eventloop_delay_seconds{quantile="0.${p}"} ${delay.percentile(p) / 1e9}`,
      ),
      `nodejs_eventloop_delay_seconds{quantile="1"} ${delay.max / 1e9}`,
    );
    delay.reset();
    lines.push(...renderCollected(collected.flat()));
    return `${lines.join('\n')}\n`;
  }
}

/** Samples grouped by name, each name's HELP and TYPE once (the exposition format wants them together). */
function renderCollected(samples: CollectedSample[]): string[] {
  const byName = new Map<string, CollectedSample[]>();
  for (const sample of samples) byName.set(sample.name, [...(byName.get(sample.name) ?? []), sample]);
  const lines: string[] = [];
  for (const [name, group] of byName) {
    lines.push(`# HELP ${name} ${group[0]!.help}`, `# TYPE ${name} ${group[0]!.type}`);
    for (const sample of group) {
      const labels = Object.entries(sample.labels)
        .map(([key, value]) => `${key}="${escapeLabel(value)}"`)
        .join(',');
      lines.push(`${name}${labels ? `{${labels}}` : ''} ${sample.value}`);
    }
  }
  return lines;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function installMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onRequest', async () => {
    metrics.inFlight += 1;
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.inFlight -= 1;
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
}
