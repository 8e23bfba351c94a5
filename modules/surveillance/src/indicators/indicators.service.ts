/**
 * Indicator series as the platform keeps them: counts derived from the hub's records as its change feed
 * delivers them, and figures imported from files, both applied idempotently through contributions; and
 * the series readers ask for (an area and indicator over a date range, within the caller's area scope).
 * Listeners (detection) hear which series changed once the writing transaction has committed.
 */
import { AppError, invalidField, isWithinArea, notFoundOrNoAccess, type Clock } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { AccessContext } from '@shuzhi/identity';
import { childrenOf, findArea } from '@shuzhi/geo';
import { planContributionChanges } from './count-changes.js';
import { contributionsOfEvent, type ContributionSet, type IndicatorFeedEvent } from './contributions.js';
import { dailySeries } from './daily-series.js';
import {
  indicatorDefinitions,
  isIndicator,
  type CountIndicator,
  type Indicator,
} from './indicator-catalogue.js';
import { seriesAreasOf, seriesLevelOf, type SeriesLevel } from './indicator-areas.js';
import type { Executor, IndicatorsRepository, SourceActivity } from './indicators.repository.js';
import { daysBetween } from './local-date.js';

/** A series that changed between two days: detection looks at it again there. */
export interface ChangedSeries {
  area: string;
  indicator: CountIndicator;
  from: string;
  to: string;
}

/** Merges changed series by area and indicator, widening the days. */
export function mergeChangedSeries(into: Map<string, ChangedSeries>, series: readonly ChangedSeries[]): void {
  for (const s of series) {
    const key = `${s.area}|${s.indicator}`;
    const known = into.get(key);
    into.set(
      key,
      known
        ? { ...known, from: s.from < known.from ? s.from : known.from, to: s.to > known.to ? s.to : known.to }
        : { ...s },
    );
  }
}

export interface ApplyReport {
  changed: number;
  unchanged: number;
  outsideCity: number;
  series: ChangedSeries[];
}

export interface SeriesPoint {
  date: string;
  /** The count (or, for a ratio, the percentage); null when there is no figure for the day. */
  value: number | null;
}

export interface IndicatorSeries {
  area: { code: string; name: string; nameEn: string; level: SeriesLevel };
  indicator: Indicator;
  from: string;
  to: string;
  points: SeriesPoint[];
}

/** Import-only indicators are reported, so a missing day has no figure; counted ones are zero. */
export function missingIsZero(indicator: CountIndicator): boolean {
  return indicatorDefinitions[indicator].origin !== 'import';
}

/** Longest range one series read may cover (10 years of days). */
const MAX_SERIES_DAYS = 3700;

export class IndicatorsService {
  private readonly listeners = new Set<(series: ChangedSeries[]) => void>();

  constructor(
    private readonly database: Database,
    private readonly repository: IndicatorsRepository,
    private readonly clock: Clock,
    private readonly options: { homeArea: string },
  ) {}

  /** Hears which series changed after each committed write. */
  onChange(listener: (series: ChangedSeries[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notifyChanged(series: readonly ChangedSeries[]): void {
    if (series.length === 0) return;
    for (const listener of this.listeners) listener([...series]);
  }

  /** Applies contribution sets inside the caller's transaction; call `notifyChanged` after it commits. */
  async applyWithin(executor: Executor, sets: readonly ContributionSet[]): Promise<ApplyReport> {
    const stored = await this.repository.contributionsOf(
      executor,
      sets.map((s) => s.key),
    );
    const plan = planContributionChanges(stored, sets);
    await this.repository.applyPlan(executor, plan, this.clock.now().toISOString());
    const series = new Map<string, ChangedSeries>();
    mergeChangedSeries(
      series,
      [...plan.derivedDeltas, ...plan.importedFigures].map((cell) => ({
        area: cell.area,
        indicator: cell.indicator,
        from: cell.date,
        to: cell.date,
      })),
    );
    return {
      changed: plan.changed,
      unchanged: plan.unchanged,
      outsideCity: plan.outsideCity,
      series: [...series.values()],
    };
  }

  /** The change-feed handler: derives counts from a batch of the hub's events in one transaction. */
  async applyFeedEvents(
    events: readonly (IndicatorFeedEvent & { sourceId?: string | null })[],
  ): Promise<ApplyReport> {
    const sets = events.flatMap((e) => {
      const set = contributionsOfEvent(e, this.options.homeArea);
      return set ? [set] : [];
    });
    const activity = new Map<string, SourceActivity>();
    for (const e of events) {
      if (!e.sourceId) continue;
      const a = activity.get(e.sourceId) ?? {
        sourceId: e.sourceId,
        lastEventAt: e.at,
        lastTopic: e.topic,
        events: 0,
      };
      a.events += 1;
      if (e.at >= a.lastEventAt) Object.assign(a, { lastEventAt: e.at, lastTopic: e.topic });
      activity.set(e.sourceId, a);
    }
    const report = await this.database.db.transaction().execute(async (trx) => {
      const applied = await this.applyWithin(trx, sets);
      await this.repository.recordSourceActivity(trx, [...activity.values()]);
      return applied;
    });
    this.notifyChanged(report.series);
    return report;
  }

  /** One area's daily series of one indicator (a ratio as a percentage), within the caller's scope. */
  async series(
    ctx: AccessContext,
    query: { area: string; indicator: string; from: string; to: string },
  ): Promise<IndicatorSeries> {
    const area = this.visibleArea(ctx, query.area);
    if (!isIndicator(query.indicator)) throw invalidField('query', 'indicator', 'unknown indicator');
    if (query.to < query.from) throw invalidField('query', 'to', 'must not be before from');
    if (daysBetween(query.from, query.to) > MAX_SERIES_DAYS)
      throw invalidField('query', 'from', `at most ${MAX_SERIES_DAYS} days at once`);
    const indicator = query.indicator;
    const ratio = indicatorDefinitions[indicator].ratioOf;
    const counted = ratio ? [ratio.numerator, ratio.denominator] : [indicator as CountIndicator];
    const rows = await this.repository.counts({
      indicators: counted,
      areaCodes: [area.code],
      from: query.from,
      to: query.to,
    });
    const byIndicator = (code: CountIndicator) =>
      dailySeries(
        new Map(rows.filter((r) => r.indicator === code).map((r) => [r.date, r.count])),
        query,
        missingIsZero(code),
      );
    let points: SeriesPoint[];
    if (ratio) {
      const numerator = byIndicator(ratio.numerator);
      const denominator = byIndicator(ratio.denominator);
      points = numerator.map((p, i) => {
        const d = denominator[i]!.count;
        return { date: p.date, value: d && p.count !== null ? (100 * p.count) / d : null };
      });
    } else points = byIndicator(indicator as CountIndicator).map((p) => ({ date: p.date, value: p.count }));
    return { area, indicator, from: query.from, to: query.to, points };
  }

  /** The sub-areas of an area (districts of the city, streets of a district) with totals over the range. */
  async breakdown(
    ctx: AccessContext,
    query: { area: string; indicator: string; from: string; to: string },
  ): Promise<{
    area: IndicatorSeries['area'];
    indicator: Indicator;
    from: string;
    to: string;
    items: (IndicatorSeries['area'] & { total: number | null; last: number | null })[];
  }> {
    const area = this.visibleArea(ctx, query.area);
    if (!isIndicator(query.indicator)) throw invalidField('query', 'indicator', 'unknown indicator');
    if (query.to < query.from) throw invalidField('query', 'to', 'must not be before from');
    if (daysBetween(query.from, query.to) > MAX_SERIES_DAYS)
      throw invalidField('query', 'from', `at most ${MAX_SERIES_DAYS} days at once`);
    const indicator = query.indicator;
    const children = area.level === 'street' ? [] : childrenOf(area.code);
    const ratio = indicatorDefinitions[indicator].ratioOf;
    const counted = ratio ? [ratio.numerator, ratio.denominator] : [indicator as CountIndicator];
    const rows = await this.repository.counts({
      indicators: counted,
      areaCodes: children.map((c) => c.code),
      from: query.from,
      to: query.to,
    });
    const totals = (code: string, which: CountIndicator) => {
      // An area with no figure at all in the range has no total (not zero): nothing was reported for it.
      if (!rows.some((r) => r.area_code === code && r.indicator === which))
        return { total: null, last: null };
      const days = dailySeries(
        new Map(
          rows.filter((r) => r.area_code === code && r.indicator === which).map((r) => [r.date, r.count]),
        ),
        query,
        missingIsZero(which),
      );
      const reported = days.filter((d) => d.count !== null);
      return {
        total: reported.length === 0 ? null : reported.reduce((a, d) => a + d.count!, 0),
        last: days.at(-1)?.count ?? null,
      };
    };
    return {
      area,
      indicator,
      from: query.from,
      to: query.to,
      items: children.flatMap((child) => {
        const level = seriesLevelOf(child.code);
        if (!level) return [];
        const base = { code: child.code, name: child.name, nameEn: child.nameEn, level };
        if (!ratio) return [{ ...base, ...totals(child.code, indicator as CountIndicator) }];
        const n = totals(child.code, ratio.numerator);
        const d = totals(child.code, ratio.denominator);
        return [
          {
            ...base,
            total: d.total ? (100 * (n.total ?? 0)) / d.total : null,
            last: d.last ? (100 * (n.last ?? 0)) / d.last : null,
          },
        ];
      }),
    };
  }

  /** An area (city, district or street) the caller may see; "not found or no access" otherwise. */
  visibleArea(ctx: AccessContext, code: string): IndicatorSeries['area'] {
    const found = findArea(code);
    const level = seriesLevelOf(code);
    if (!found || !level || !isWithinArea(code, ctx.principal.areaCode))
      throw notFoundOrNoAccess(`area ${code}`);
    return { code: found.code, name: found.name, nameEn: found.nameEn, level };
  }

  /** The area a caller starts from: their scope's series area (the city for city-wide roles). */
  rootArea(ctx: AccessContext): IndicatorSeries['area'] {
    const scope = ctx.principal.areaCode;
    const code = scope === null ? this.options.homeArea : (seriesAreasOf(scope)?.leaf.code ?? scope);
    const found = findArea(code);
    const level = seriesLevelOf(code);
    if (!found || !level)
      throw new AppError('forbidden', `area scope ${scope ?? ''} has no indicator series`);
    return { code: found.code, name: found.name, nameEn: found.nameEn, level };
  }

  sourceActivity(): Promise<SourceActivity[]> {
    return this.repository.sourceActivity();
  }
}
