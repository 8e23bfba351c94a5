/**
 * What an operator watches the hub by, for `/metrics` (Prometheus): records accepted, unchanged and refused
 * by source type and channel, import jobs by status, how far each change-feed subscriber and webhook lags
 * behind the feed and which webhooks fail, and the linkage review queue. Counts and ids only: no personal
 * data, and no label that grows without bound — source types, channels and import kinds are fixed lists,
 * subscribers are the platform's own modules, webhook consumers are registered sources.
 *
 * Read from the database (all processes' work, not this one's only) through `Database.reader`, so a scrape
 * is answered from the last commit while an import holds SQLite's connection.
 */
import type { Database } from '@shuzhi/db';

export interface MetricSample {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  labels: Record<string, string>;
  value: number;
}

/** A source type, or this when the records came with no registered source (the operator's own uploads). */
const NO_SOURCE = 'none';

export class HubOperationsMetrics {
  private cached: { at: number; samples: Promise<MetricSample[]> } | null = null;

  /** `cacheMs`: how long one reading answers scrapes (several Prometheus servers may scrape the same process). */
  constructor(
    private readonly database: Database,
    private readonly options: { cacheMs: number } = { cacheMs: 5000 },
  ) {}

  collect(): Promise<MetricSample[]> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.options.cacheMs) return this.cached.samples;
    const samples = this.read();
    this.cached = { at: now, samples };
    // A failed reading is not kept: the next scrape tries again.
    samples.catch(() => (this.cached = null));
    return samples;
  }

  private async read(): Promise<MetricSample[]> {
    const [records, jobs, feed, webhooks, reviews] = await Promise.all([
      this.records(),
      this.jobs(),
      this.feed(),
      this.webhooks(),
      this.reviews(),
    ]);
    return [...records, ...jobs, ...feed, ...webhooks, ...reviews];
  }

  /** Records by source type, channel and outcome: over the FHIR API (hub_intake) and through ended imports. */
  private async records(): Promise<MetricSample[]> {
    const db = this.database.reader;
    const intake = (await db
      .selectFrom('hub_intake as i')
      .leftJoin('sources as s', 's.id', 'i.source_id')
      .select((eb) => [
        's.type as source_type',
        'i.channel as channel',
        eb.fn.sum<number>('i.accepted').as('accepted'),
        eb.fn.sum<number>('i.unchanged').as('unchanged'),
        eb.fn.sum<number>('i.rejected').as('rejected'),
      ])
      .groupBy(['s.type', 'i.channel'])
      .execute()) as Totals[];
    const imported = (await db
      .selectFrom('import_jobs as j')
      .leftJoin('sources as s', 's.id', 'j.source_id')
      .select((eb) => [
        's.type as source_type',
        'j.kind as channel',
        eb.fn.sum<number>('j.accepted').as('accepted'),
        eb.fn.sum<number>('j.unchanged').as('unchanged'),
        eb.fn.sum<number>('j.rejected').as('rejected'),
      ])
      .where('j.status', 'in', ['accepted', 'partial', 'rejected'])
      .groupBy(['s.type', 'j.kind'])
      .execute()) as Totals[];
    const out: MetricSample[] = [];
    const add = (rows: Totals[], channelOf: (channel: string) => string) => {
      for (const row of rows)
        for (const outcome of ['accepted', 'unchanged', 'rejected'] as const)
          out.push({
            name: 'shuzhi_hub_records_total',
            help: 'Records received by the hub, by source type, channel (FHIR API, or import:KIND for files) and outcome (a refused file counts its refused records only).',
            type: 'counter',
            labels: { source_type: row.source_type ?? NO_SOURCE, channel: channelOf(row.channel), outcome },
            value: Number(row[outcome] ?? 0),
          });
    };
    add(intake, (channel) => channel);
    add(imported, (kind) => `import:${kind}`);
    return out;
  }

  private async jobs(): Promise<MetricSample[]> {
    const rows = (await this.database.reader
      .selectFrom('import_jobs')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute()) as { status: string; n: number }[];
    const counts = new Map(rows.map((r) => [r.status, Number(r.n)]));
    // Every status, even at zero, so an alert on failed jobs has a series before the first failure.
    return ['running', 'accepted', 'partial', 'rejected', 'failed'].map((status) => ({
      name: 'shuzhi_import_jobs',
      help: 'Import jobs by status (running: in progress in some process; failed: stopped before the end, the reason in the job).',
      type: 'gauge' as const,
      labels: { status },
      value: counts.get(status) ?? 0,
    }));
  }

  private async feed(): Promise<MetricSample[]> {
    const last = await this.lastSeq();
    const cursors = (await this.database.reader
      .selectFrom('feed_cursors')
      .select(['subscriber', 'seq'])
      .execute()) as { subscriber: string; seq: number }[];
    return [
      {
        name: 'shuzhi_feed_last_seq',
        help: 'The change feed’s last published sequence number.',
        type: 'counter',
        labels: {},
        value: last,
      },
      ...cursors.map((c) => ({
        name: 'shuzhi_feed_subscriber_lag_events',
        help: 'Change-feed events published after an in-process subscriber’s durable cursor (of every topic).',
        type: 'gauge' as const,
        labels: { subscriber: c.subscriber },
        value: Math.max(0, last - Number(c.seq)),
      })),
    ];
  }

  private async webhooks(): Promise<MetricSample[]> {
    const last = await this.lastSeq();
    const rows = (await this.database.reader
      .selectFrom('webhook_subscriptions')
      .select(['consumer_source_id', 'status', 'cursor', 'attempts'])
      .execute()) as { consumer_source_id: string; status: string; cursor: number; attempts: number }[];
    const byStatus = new Map<string, number>();
    const byConsumer = new Map<string, { backlog: number; failing: number }>();
    for (const row of rows) {
      byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
      const consumer = byConsumer.get(row.consumer_source_id) ?? { backlog: 0, failing: 0 };
      consumer.backlog += Math.max(0, last - Number(row.cursor));
      // A delivery that failed is retried with backoff; attempts count the failures since the last success.
      if (Number(row.attempts) > 0) consumer.failing += 1;
      byConsumer.set(row.consumer_source_id, consumer);
    }
    return [
      ...[...byStatus].map(([status, n]) => ({
        name: 'shuzhi_webhook_subscriptions',
        help: 'Webhook subscriptions by status.',
        type: 'gauge' as const,
        labels: { status },
        value: n,
      })),
      ...[...byConsumer].flatMap(([consumer, v]) => [
        {
          name: 'shuzhi_webhook_backlog_events',
          help: 'Change-feed events after the cursors of a consumer’s webhook subscriptions (of every topic; paused ones included).',
          type: 'gauge' as const,
          labels: { consumer },
          value: v.backlog,
        },
        {
          name: 'shuzhi_webhook_failing_subscriptions',
          help: 'A consumer’s webhook subscriptions whose last delivery failed (retried with backoff).',
          type: 'gauge' as const,
          labels: { consumer },
          value: v.failing,
        },
      ]),
    ];
  }

  private async reviews(): Promise<MetricSample[]> {
    const row = (await this.database.reader
      .selectFrom('linkage_reviews')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirst()) as { n: number } | undefined;
    return [
      {
        name: 'shuzhi_linkage_review_queue',
        help: 'Uncertain record pairs waiting in the linkage review queue.',
        type: 'gauge',
        labels: {},
        value: Number(row?.n ?? 0),
      },
    ];
  }

  private async lastSeq(): Promise<number> {
    const row = (await this.database.reader
      .selectFrom('change_feed')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst()) as { seq: number | null } | undefined;
    return Number(row?.seq ?? 0);
  }
}

interface Totals {
  source_type: string | null;
  channel: string;
  accepted: number | null;
  unchanged: number | null;
  rejected: number | null;
}
