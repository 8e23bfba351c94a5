/**
 * The data-sources page's numbers (MISSION S1): per source, the last record, records today, rejection
 * rate and typical delay over a window, and a warning when a source has been silent longer than its
 * expected interval.
 */
import type { Clock, ListParams, Page } from '@shuzhi/core';
import type { AccessContext } from '@shuzhi/identity';
import type { SourcesService } from '../sources.service.js';
import type { QualityRepository } from './quality.repository.js';
import type { SourceQuality } from './quality.schema.js';
import { sourceHealth, startOfLocalDay } from './source-health.js';

const WINDOW_DAYS = 7;

export class QualityService {
  constructor(
    private readonly sources: SourcesService,
    private readonly repository: QualityRepository,
    private readonly clock: Clock,
  ) {}

  async listSourceQuality(ctx: AccessContext, params: ListParams): Promise<Page<SourceQuality>> {
    const page = await this.sources.listSources(ctx, {}, params);
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - WINDOW_DAYS * 86_400_000).toISOString();
    const today = startOfLocalDay(now).toISOString();
    const ids = page.items.map((s) => s.id);
    const windowTotals = await this.repository.intake(ids, windowStart);
    const todayTotals = await this.repository.intake(ids, today);
    const items: SourceQuality[] = [];
    for (const source of page.items) {
      const totals = windowTotals.get(source.id)!;
      const health = sourceHealth(
        {
          createdAt: source.createdAt,
          expectedIntervalHours: source.expectedIntervalHours,
          lastRecordAt: totals.lastAcceptedAt,
          acceptedToday: todayTotals.get(source.id)!.accepted,
          accepted: totals.accepted,
          unchanged: totals.unchanged,
          rejected: totals.rejected,
          delaysMs: await this.repository.delays(source.id, windowStart),
        },
        now,
      );
      items.push({
        source,
        health: {
          ...health,
          // A disabled source cannot submit and a consumer-only one never does: neither is late.
          silent: health.silent && source.active && !source.consumerOnly,
          accepted: totals.accepted,
          unchanged: totals.unchanged,
          rejected: totals.rejected,
          windowDays: WINDOW_DAYS,
        },
      });
    }
    return { ...page, items };
  }
}
